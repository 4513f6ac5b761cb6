// Wire tests of connection and login: TLS ports, LOGINDISABLED before STARTTLS, RFC 5530 refusals, SASL PLAIN.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { encodeSaslPlain } from '../../../src/auth/sasl-plain.ts';
import { hashPassword } from '../../../src/auth/hash.ts';
import { DEMO_PASS, DEMO_USER, python, startHarness, HARNESS_TIMEOUT_MS, type Harness } from './harness.ts';
import { RawClient } from './raw-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, HARNESS_TIMEOUT_MS);
afterAll(async () => {
  await h.stop();
}, HARNESS_TIMEOUT_MS);

const tlsClient = async () => {
  const c = await RawClient.connect(h.imap.ports.imaps, { tls: true, caPath: h.caPath });
  await c.until('* OK');
  return c;
};

describe('IMAP login', () => {
  it('greets on the TLS port with AUTH=PLAIN and no LOGINDISABLED', async () => {
    const c = await RawClient.connect(h.imap.ports.imaps, { tls: true, caPath: h.caPath });
    const greeting = await c.until('* OK');
    expect(greeting).toContain('AUTH=PLAIN');
    expect(greeting).not.toContain('LOGINDISABLED');
    expect(greeting).not.toContain('STARTTLS');
    c.close();
  });

  it('advertises STARTTLS and LOGINDISABLED in clear and refuses LOGIN with PRIVACYREQUIRED', async () => {
    const c = await RawClient.connect(h.imap.ports.imap);
    const greeting = await c.until('* OK');
    expect(greeting).toContain('STARTTLS');
    expect(greeting).toContain('LOGINDISABLED');
    expect(greeting).not.toContain('AUTH=PLAIN');
    expect(await c.cmd('a1', `LOGIN ${DEMO_USER} "${DEMO_PASS}"`)).toContain('a1 NO [PRIVACYREQUIRED]');
    expect(await c.cmd('a2', `AUTHENTICATE PLAIN ${encodeSaslPlain(DEMO_USER, DEMO_PASS)}`)).toContain('a2 NO [PRIVACYREQUIRED]');
    c.close();
  });

  it('upgrades with STARTTLS, drops plaintext pipelined after it, then logs in', async () => {
    const c = await RawClient.connect(h.imap.ports.imap);
    await c.until('* OK');
    // The NOOP pipelined in clear must never be executed inside the TLS session (RFC 9051 §6.2.1).
    c.write('s1 STARTTLS\r\ns2 NOOP\r\n');
    expect(await c.until('s1 OK')).toContain('s1 OK');
    await c.upgrade(h.caPath);
    const caps = await c.cmd('s3', 'CAPABILITY');
    expect(caps).not.toContain('s2 ');
    expect(caps).toContain('AUTH=PLAIN');
    expect(caps).not.toContain('STARTTLS');
    expect(await c.cmd('s4', `LOGIN ${DEMO_USER} "${DEMO_PASS}"`)).toContain('s4 OK [CAPABILITY');
    c.close();
  });

  it('logs in with AUTHENTICATE PLAIN with and without SASL-IR', async () => {
    const c = await tlsClient();
    c.write('a1 AUTHENTICATE PLAIN\r\n');
    await c.until('+ ');
    c.write(`${encodeSaslPlain(DEMO_USER, DEMO_PASS)}\r\n`);
    expect(await c.until('a1 ')).toContain('a1 OK');
    c.close();
    const d = await tlsClient();
    expect(await d.cmd('b1', `AUTHENTICATE PLAIN ${encodeSaslPlain(DEMO_USER, DEMO_PASS)}`)).toContain('b1 OK');
    d.close();
  });

  it('answers a wrong password with AUTHENTICATIONFAILED and closes after repeated failures', async () => {
    const c = await tlsClient();
    expect(await c.cmd('a1', `LOGIN ${DEMO_USER} wrong`)).toContain('a1 NO [AUTHENTICATIONFAILED]');
    expect(await c.cmd('a2', `LOGIN ${DEMO_USER} wrong`)).toContain('a2 NO [AUTHENTICATIONFAILED]');
    const third = await c.cmd('a3', `LOGIN ${DEMO_USER} wrong`);
    expect(third).toContain('* BYE');
    expect(await c.waitClosed()).toBe(true);
    h.provider.auth.throttle.recordSuccess(DEMO_USER);
  });

  it('refuses a disabled mailbox with CONTACTADMIN', async () => {
    const box = h.provider.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!;
    h.provider.store.mailboxes.setState(box.id, 'disabilitata');
    try {
      const c = await tlsClient();
      expect(await c.cmd('a1', `LOGIN anna.bianchi@pec.demo.test "${DEMO_PASS}"`)).toContain('a1 NO [CONTACTADMIN]');
      c.close();
    } finally {
      h.provider.store.mailboxes.setState(box.id, 'attiva');
    }
  });

  it('refuses an expired password with EXPIRED (seed 003)', async () => {
    const box = h.provider.store.mailboxes.byAddress('protocollo@pec.esempio.test')!;
    const longAgo = h.provider.clock.now() - 400 * 24 * 3600_000;
    h.provider.store.principals.setHolderPassword(box.id, await hashPassword(DEMO_PASS), longAgo);
    const c = await tlsClient();
    expect(await c.cmd('a1', `LOGIN protocollo@pec.esempio.test "${DEMO_PASS}"`)).toContain('a1 NO [EXPIRED]');
    c.close();
  });

  it('refuses a solo-invio collaborator (no IMAP for that profile)', async () => {
    const box = h.provider.store.mailboxes.byAddress(DEMO_USER)!;
    const col = h.provider.store.principals.createCollaborator({ mailboxId: box.id, username: 'invio', profile: 'solo-invio' }, h.provider.clock.now());
    h.provider.store.principals.setCollaboratorPassword(col.id, await hashPassword(DEMO_PASS), h.provider.clock.now());
    const c = await tlsClient();
    expect(await c.cmd('a1', `LOGIN invio/${DEMO_USER} "${DEMO_PASS}"`)).toContain('a1 NO [NOPERM]');
    c.close();
  });

  it('refuses commands that need a login, and counts them as bad commands', async () => {
    const c = await tlsClient();
    expect(await c.cmd('a1', 'SELECT INBOX')).toContain('a1 BAD');
    c.close();
  });

  it('logs in and out with Python imaplib over implicit TLS and over STARTTLS', async () => {
    const r = await python(
      `
import imaplib, ssl, os
ctx = ssl.create_default_context(cafile=os.environ['CA'])
m = imaplib.IMAP4_SSL('127.0.0.1', int(os.environ['TLS']), ssl_context=ctx)
print(m.login(os.environ['U'], os.environ['P'])[0])
print(m.logout()[0])
m = imaplib.IMAP4('127.0.0.1', int(os.environ['PLAIN']))
print('LOGINDISABLED' in m.capabilities)
m.starttls(ssl_context=ctx)
print(m.login(os.environ['U'], os.environ['P'])[0])
print(m.logout()[0])
`,
      { CA: h.caPath, TLS: String(h.imap.ports.imaps), PLAIN: String(h.imap.ports.imap), U: DEMO_USER, P: DEMO_PASS },
    );
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter(Boolean)).toEqual(['OK', 'BYE', 'True', 'OK', 'BYE']);
  }, HARNESS_TIMEOUT_MS);
});
