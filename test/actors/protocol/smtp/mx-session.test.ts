import { describe, expect, it } from 'bun:test';
import { parseReplyLine } from '../../../../actors/protocol/smtp/outcome.ts';
import { data, harness } from './harness.ts';

const FROM = { type: 'mail-from', address: 'posta-certificata@pec.altro.test', size: null } as const;
const RCPT = (address: string) => ({ type: 'rcpt-to', address }) as const;

describe('SMTP MX session', () => {
  it('offers no AUTH: 502 5.5.1', async () => {
    const s = await harness().open('mx', false);
    expect(await s.line({ type: 'auth', login: 'x', password: 'y' })).toBe('502 5.5.1 AUTH not available on this port');
  });

  it('accepts any address of our PEC domains and refuses every other one with 550 5.1.1 (no open relay)', async () => {
    const s = await harness().open('mx', false);
    await s.ask(FROM);
    expect(await s.line(RCPT('chiunque@pec.demo.test'))).toBe('250 2.1.5 Recipient OK');
    expect(await s.line(RCPT('protocollo@PEC.esempio.test'))).toBe('250 2.1.5 Recipient OK');
    for (const a of ['victim@gmail.com', 'x@pec.demo.test.evil.com', 'x@sub.pec.demo.test']) {
      expect(await s.line(RCPT(a))).toBe('550 5.1.1 Recipient is not in a PEC domain of this provider: relaying denied');
    }
  });

  it('accepts the null reverse-path of a bounce (RFC 5321 §4.5.5)', async () => {
    const s = await harness().open('mx', false);
    expect(await s.line({ type: 'mail-from', address: '', size: null })).toBe('250 2.1.0 Sender OK');
  });

  it('hands the bytes unchanged to the punto di ricezione with the envelope, the client and its TLS state', async () => {
    const h = harness();
    const s = await h.open('mx', true);
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    const raw = new Uint8Array(Buffer.from('Subject: caff\xe8\r\nX-Trasporto: posta-certificata\n\nbare LF, 8-bit \xff\r\n', 'latin1'));
    expect(await s.line(data(raw))).toBe('250 2.0.0 Ok: message taken in charge');
    const got = h.received[0]!;
    expect(Buffer.from(got.raw).equals(Buffer.from(raw))).toBe(true);
    expect(got).toMatchObject({ mailFrom: 'posta-certificata@pec.altro.test', rcptTo: ['anna.bianchi@pec.demo.test'], remote: '192.0.2.7', tls: true });
  });

  it('answers a refusal of the punto di ricezione with its own SMTP line', async () => {
    const s = await harness({ receive: async () => ({ status: 'refused', smtp: '550 5.7.1 Posta ordinaria non accettata' }) }).open('mx');
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    expect(await s.line(data('Subject: x\n\ny\n'))).toBe('550 5.7.1 Posta ordinaria non accettata');
  });

  it('refuses SIZE or DATA above the MX hard cap with 552 5.3.4', async () => {
    const h = harness({ limits: { mxMaxMessageBytes: 10 } });
    const s = await h.open('mx');
    expect(await s.line({ ...FROM, size: 11 })).toStartWith('552 5.3.4');
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    expect(await s.line(data('Subject: troppo lungo\n\n'))).toStartWith('552 5.3.4');
    expect(h.received).toHaveLength(0);
  });

  it('closes a session that keeps probing foreign recipients once MAX_BAD_COMMANDS is reached', async () => {
    const s = await harness({ limits: { maxBadCommands: 4 } }).open('mx');
    await s.ask(FROM);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await s.ask(RCPT(`u${i}@example.com`)));
    expect(answers.map((a) => a.code)).toEqual([550, 550, 550, 421]);
    expect(answers.at(-1)!.close).toBe(true);
  });

  it('caps recipients at MAX_RECIPIENTS with 452 4.5.3', async () => {
    const s = await harness({ limits: { maxRecipients: 1 } }).open('mx');
    await s.ask(FROM);
    expect(await s.line(RCPT('a@pec.demo.test'))).toStartWith('250');
    expect(await s.line(RCPT('b@pec.demo.test'))).toStartWith('452 4.5.3');
  });
});

describe('parseReplyLine', () => {
  it.each([
    ['550 5.1.1 Unknown', { code: 550, enhanced: '5.1.1', text: 'Unknown' }],
    ['452 Too many', { code: 452, enhanced: null, text: 'Too many' }],
    ['garbage', { code: 554, enhanced: '5.0.0', text: 'garbage' }],
    ['550 5.7.1 a\r\nb', { code: 550, enhanced: '5.7.1', text: 'a b' }],
  ])('%j', (line, expected) => {
    expect(parseReplyLine(line)).toEqual(expected);
  });
});
