import { describe, expect, it } from 'bun:test';
import { isSevenBitClean } from '../../../../src/mime/transfer-encoding.ts';
import { SMTP_SESSION_PASSIVATE_AFTER_MS } from '../../../../actors/protocol/smtp/session.actor.ts';
import { bytes, data, harness, MARIO, PASSWORD } from './harness.ts';

const MSG = 'From: mario.rossi@pec.demo.test\nTo: anna.bianchi@pec.demo.test\nSubject: prova\n\ncorpo\n';
const FROM = { type: 'mail-from', address: MARIO.address, size: null } as const;
const RCPT = (address: string) => ({ type: 'rcpt-to', address }) as const;

describe('SMTP submission session', () => {
  it('refuses AUTH and MAIL on a connection without TLS with 530 5.7.0 (RFC 3207 §4)', async () => {
    const h = harness();
    const s = await h.open('submission', false);
    expect(await s.line({ type: 'auth', login: MARIO.address, password: PASSWORD })).toBe('530 5.7.0 Must issue a STARTTLS command first');
    expect(await s.line(FROM)).toBe('530 5.7.0 Must issue a STARTTLS command first');
    expect(h.logins).toHaveLength(0); // the password never reached the authenticator
  });

  it('asks for AUTH before MAIL on TLS with 530 5.7.0', async () => {
    const s = await harness().open('submission');
    expect(await s.line(FROM)).toBe('530 5.7.0 Authentication required');
  });

  it('authenticates on the smtp-submit channel and refuses a second AUTH with 503', async () => {
    const h = harness();
    const s = await h.open('submission');
    expect(await s.line({ type: 'auth', login: MARIO.address, password: PASSWORD })).toBe('235 2.7.0 Authentication successful');
    expect(h.logins[0]).toMatchObject({ channel: 'smtp-submit', secure: true, remote: '192.0.2.7' });
    expect(h.events).toContainEqual({ type: 'auth.login-succeeded', login: MARIO.address, channel: 'smtp-submit', remote: '192.0.2.7' });
    expect(await s.line({ type: 'auth', login: MARIO.address, password: PASSWORD })).toBe('503 5.5.1 Already authenticated');
  });

  it.each([
    ['a wrong password', 'sbagliata', '535 5.7.8 Authentication credentials invalid'],
    ['a throttled login', 'lento', '454 4.7.0 Too many failed logins, try again later'],
  ])('answers %s with the authenticator refusal', async (_name, password, line) => {
    const h = harness();
    const s = await h.open('submission');
    expect(await s.line({ type: 'auth', login: MARIO.address, password })).toBe(line);
    expect(h.events.at(-1)).toMatchObject({ type: 'auth.login-refused', channel: 'smtp-submit' });
  });

  it('refuses a MAIL FROM that is not the authenticated mailbox with 553 5.7.1, accepts its own in any case', async () => {
    const s = await harness().authenticated();
    expect(await s.line({ type: 'mail-from', address: 'anna.bianchi@pec.demo.test', size: null })).toBe('553 5.7.1 Sender address must be the authenticated PEC mailbox');
    expect(await s.line({ type: 'mail-from', address: '', size: null })).toStartWith('553 5.7.1');
    expect(await s.line({ type: 'mail-from', address: 'Mario.Rossi@PEC.demo.test', size: null })).toBe('250 2.1.0 Sender OK');
  });

  it('refuses a declared SIZE above the mailbox type with 552 5.3.4 (RFC 1870 §6.1)', async () => {
    const s = await harness({ mailbox: { maxMessageBytes: 1000, maxRecipients: 5 } }).authenticated();
    expect(await s.line({ ...FROM, size: 1001 })).toBe('552 5.3.4 Message size exceeds the maximum allowed for this mailbox');
    expect(await s.line({ ...FROM, size: 1000 })).toBe('250 2.1.0 Sender OK');
  });

  it('answers RCPT before MAIL with 503 5.5.1', async () => {
    const s = await harness().authenticated();
    expect(await s.line(RCPT('anna.bianchi@pec.demo.test'))).toBe('503 5.5.1 Need MAIL command first');
  });

  it('stops at the mailbox type recipients limit with 452 4.5.3, counting a repeated recipient once', async () => {
    const h = harness({ mailbox: { maxMessageBytes: 1e6, maxRecipients: 2 } });
    const s = await h.authenticated();
    await s.ask(FROM);
    expect(await s.line(RCPT('a@pec.demo.test'))).toBe('250 2.1.5 Recipient OK');
    expect(await s.line(RCPT('A@pec.demo.test'))).toBe('250 2.1.5 Recipient OK');
    expect(await s.line(RCPT('b@pec.demo.test'))).toBe('250 2.1.5 Recipient OK');
    expect(await s.line(RCPT('c@pec.demo.test'))).toBe('452 4.5.3 Too many recipients for this mailbox type');
    expect(await s.line(data(MSG))).toStartWith('250 2.0.0');
    expect(h.submitted[0]!.recipients).toEqual(['a@pec.demo.test', 'b@pec.demo.test']);
  });

  it('hands DATA to the punto di accesso converted to 7-bit, with X-TipoRicevuta, and answers 250 with the identificativo', async () => {
    const h = harness();
    const s = await h.authenticated();
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    const raw = bytes('From: mario.rossi@pec.demo.test\nX-Tiporicevuta: Sintetica\nSubject: caffè\n\nè pronto\n');
    expect(await s.line(data(raw))).toBe('250 2.0.0 Ok: messaggio accettato, identificativo opec275.20260115@pec.demo.test');
    const req = h.submitted[0]!;
    expect(req).toMatchObject({ principal: MARIO, envelopeFrom: MARIO.address, recipients: ['anna.bianchi@pec.demo.test'], tipoRicevuta: 'sintetica', channel: 'smtp' });
    expect(isSevenBitClean(req.raw)).toBe(true);
    expect(new TextDecoder().decode(req.raw)).toContain('=C3=A8 pronto');
    // The transaction is over, the login stays: a second message needs only MAIL again.
    expect(await s.line(RCPT('x@pec.demo.test'))).toStartWith('503');
    expect(await s.line(FROM)).toBe('250 2.1.0 Sender OK');
  });

  it.each([
    [[{ code: 'destinatari-bcc', text: 'Bcc non ammesso' }], '554 5.6.0 Messaggio non accettato (identificativo opec-9@pec.demo.test): Bcc non ammesso'],
    [[{ code: 'dimensione', text: 'Dimensione eccessiva' }], '552 5.3.4 Messaggio non accettato (identificativo opec-9@pec.demo.test): Dimensione eccessiva'],
  ])('answers a non accettazione with a permanent failure and its reasons (%j)', async (reasons, line) => {
    const h = harness({ submit: async () => ({ status: 'not-accepted', identificativo: 'opec-9@pec.demo.test', reasons }) });
    const s = await h.authenticated();
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    expect(await s.line(data(MSG))).toBe(line);
  });

  it('refuses DATA above the mailbox limit or the listener cap with 552 5.3.4 without submitting', async () => {
    const h = harness({ mailbox: { maxMessageBytes: 20, maxRecipients: 5 } });
    const s = await h.authenticated();
    for (const msg of [data(MSG), { type: 'data', raw: new Uint8Array(0), bytes: 5, overCap: true } as const]) {
      await s.ask(FROM);
      await s.ask(RCPT('anna.bianchi@pec.demo.test'));
      expect(await s.line(msg)).toBe('552 5.3.4 Message size exceeds the maximum allowed for this mailbox');
    }
    expect(h.submitted).toHaveLength(0);
  });

  it('answers 451 4.3.0 when the punto di accesso fails, so that the client retries', async () => {
    const s = await harness({ submit: async () => Promise.reject(new Error('disk')) }).authenticated();
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    expect(await s.line(data(MSG))).toBe('451 4.3.0 Temporary failure, try again later');
  });

  it('closes with 421 4.7.0 after MAX_BAD_COMMANDS refused commands', async () => {
    const s = await harness({ limits: { maxBadCommands: 3 } }).authenticated();
    const other = { type: 'mail-from', address: 'x@pec.demo.test', size: null } as const;
    expect((await s.ask(other)).close).toBe(false);
    expect((await s.ask(other)).close).toBe(false);
    expect(await s.ask(other)).toEqual({ line: '421 4.7.0 Too many errors, closing connection', close: true, code: 421 });
  });

  it('stops a collaborator whose delega ended during the session at the next MAIL', async () => {
    const h = harness({ principal: { kind: 'collaboratore', mailboxId: '1', address: MARIO.address, username: 'luca', profile: 'solo-invio', expiresAt: Date.UTC(2026, 0, 15, 9, 5) } });
    const s = await h.authenticated();
    expect(await s.line(FROM)).toBe('250 2.1.0 Sender OK');
    h.clock.advance(6 * 60_000); // past the delega, within SMTP_SESSION_PASSIVATE_AFTER_MS
    const r = await s.ask(FROM);
    expect(r).toMatchObject({ code: 535, close: true });
  });

  it('forgets the login after STARTTLS (RFC 3207 §4.2) and starts a fresh transaction on MAIL after RSET', async () => {
    const h = harness();
    const s = await h.authenticated();
    await s.ask(FROM);
    await s.ask(RCPT('a@pec.demo.test'));
    expect(await s.line(FROM)).toBe('250 2.1.0 Sender OK'); // smtp-server only forwards MAIL after RSET/EHLO
    await s.ask(RCPT('b@pec.demo.test'));
    await s.ask(data(MSG));
    expect(h.submitted[0]!.recipients).toEqual(['b@pec.demo.test']);
    await s.ask({ type: 'secured' });
    expect(await s.line(FROM)).toBe('530 5.7.0 Authentication required');
  });

  it('leaves memory SMTP_SESSION_PASSIVATE_AFTER_MS after its last message', async () => {
    const h = harness();
    const s = await h.authenticated();
    await s.ask({ type: 'close' });
    expect(h.system.liveActors()).toContain(`smtp-session:${s.id}`);
    h.clock.advance(SMTP_SESSION_PASSIVATE_AFTER_MS);
    expect(h.system.liveActors()).not.toContain(`smtp-session:${s.id}`);
  });

  it('stays alive through a long DATA upload while the listener reports progress', async () => {
    const h = harness();
    const s = await h.authenticated();
    await s.ask(FROM);
    await s.ask(RCPT('anna.bianchi@pec.demo.test'));
    for (let i = 1; i <= 3; i++) {
      h.clock.advance(SMTP_SESSION_PASSIVATE_AFTER_MS - 1000);
      h.system.tell(`smtp-session:${s.id}`, { type: 'data-progress', bytes: i * 1024 * 1024 });
      await Bun.sleep(0);
    }
    expect(await s.line(data(MSG))).toStartWith('250 2.0.0');
  });

  it('answers a session that lost its state (passivated, never opened) with 451 and closes', async () => {
    const h = harness();
    const r = await h.system.ask<{ reply: { code: number }; close: boolean }>('smtp-session:ghost', FROM, 1000);
    expect(r).toMatchObject({ reply: { code: 451 }, close: true });
  });
});
