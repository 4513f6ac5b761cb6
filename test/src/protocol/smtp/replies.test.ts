import { describe, expect, it } from 'bun:test';
import { formatReply, MAX_REPLY_LINE, REPLIES, reply, SmtpProtocolError } from '../../../../src/protocol/smtp/replies.ts';
import { acceptedReply, notAcceptedReply } from '../../../../src/protocol/smtp/submission-replies.ts';

describe('SMTP replies', () => {
  it.each([
    [REPLIES.senderNotOwned, /^553 5\.7\.1 /],
    [REPLIES.messageTooBig, /^552 5\.3\.4 /],
    [REPLIES.tooManyRecipients, /^452 4\.5\.3 /],
    [REPLIES.relayDenied, /^550 5\.1\.1 /],
    [REPLIES.tlsRequired, /^530 5\.7\.0 Must issue a STARTTLS command first$/],
    [REPLIES.tooManyErrors, /^421 4\.7\.0 /],
  ])('%j has the code the brief and the RFCs ask for', (r, pattern) => {
    expect(formatReply(r)).toMatch(pattern);
  });

  it('strips control characters so a client-supplied text cannot split the reply', () => {
    expect(formatReply(reply(550, '5.1.1', 'bad\r\n250 ok'))).toBe('550 5.1.1 bad 250 ok');
  });

  it(`cuts a reply line to MAX_REPLY_LINE (${MAX_REPLY_LINE}) octets including CRLF`, () => {
    const line = formatReply(reply(554, '5.6.0', 'x'.repeat(2000)));
    expect(line.length + 2).toBeLessThanOrEqual(MAX_REPLY_LINE);
    expect(line.endsWith('...')).toBe(true);
  });

  it('SmtpProtocolError carries the reply and marks itself a refusal for the actor runtime', () => {
    const e = new SmtpProtocolError(REPLIES.relayDenied);
    expect(e).toMatchObject({ responseCode: 550, refusal: true, message: '5.1.1 Recipient is not in a PEC domain of this provider: relaying denied' });
    expect(e.replyLine).toBe(formatReply(REPLIES.relayDenied));
  });
});

describe('submission outcome replies', () => {
  it('accepted: 250 2.0.0 with the identificativo', () => {
    expect(formatReply(acceptedReply('opec1@pec.demo.test'))).toBe('250 2.0.0 Ok: messaggio accettato, identificativo opec1@pec.demo.test');
  });

  it.each([
    [[{ code: 'mittente-non-autorizzato', text: 'From diverso' }], '554 5.6.0'],
    [[{ code: 'dimensione', text: 'Troppo grande' }, { code: 'troppi-destinatari', text: 'Troppi' }], '552 5.3.4'],
    [[{ code: 'virus', text: 'Virus' }, { code: 'dimensione', text: 'x' }], '554 5.7.1'],
    [[], '554 5.6.0'],
  ])('not accepted %j -> %s, never 250', (reasons, prefix) => {
    const line = formatReply(notAcceptedReply('opec2@pec.demo.test', reasons));
    expect(line.startsWith(prefix + ' Messaggio non accettato (identificativo opec2@pec.demo.test): ')).toBe(true);
    for (const r of reasons) expect(line).toContain(r.text);
  });
});
