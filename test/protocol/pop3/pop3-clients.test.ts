// Wire tests with real clients (python3 poplib, curl) against a provider with its POP3 listeners.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { hashPassword } from '../../../src/auth/hash.ts';
import { deliver, MARIO, PASSWORD, python, RawClient, run, startHarness, type Harness } from './helpers.ts';

const ANNA = 'anna.bianchi@pec.demo.test';
const PROTOCOLLO = 'protocollo@pec.esempio.test';
/** CRLF message with lines starting with a dot, one of them a lone dot: the dot-stuffing cases. */
const RAW = 'From: <mittente@pec.esempio.test>\r\nTo: <anna.bianchi@pec.demo.test>\r\nSubject: prova POP3\r\n\r\n' +
  'Prima riga.\r\n.Riga con punto.\r\n.\r\n..doppio\r\nUltima riga.\r\n';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

const inboxOf = (address: string) => {
  const mb = h.provider.store.mailboxes.byAddress(address)!;
  return h.provider.store.folders.bySpecialUse(mb.id, '\\Inbox')!;
};
const countIn = (address: string) => h.provider.store.messages.folderStatus(inboxOf(address).id).exists;

describe('POP3 with python poplib', () => {
  it('logs in over POP3S and answers STAT, LIST, UIDL, TOP and RETR byte-exact', async () => {
    const { uid } = await deliver(h.provider, ANNA, RAW);
    const r = await python(h, h.pop3.ports.pop3Tls, `
p = poplib.POP3_SSL(host, port, context=ctx)
p.user(${JSON.stringify(ANNA)}); p.pass_(${JSON.stringify(PASSWORD)})
out = {'stat': p.stat(), 'list': [x.decode() for x in p.list()[1]], 'uidl': p.uidl(1).decode()}
resp, lines, octets = p.retr(1)
out['retr'] = (b'\\r\\n'.join(lines) + b'\\r\\n').decode(); out['octets'] = octets
out['top'] = [x.decode() for x in p.top(1, 2)[1]]
p.quit(); print(json.dumps(out))
`);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.stat).toEqual([1, RAW.length]);
    expect(out.list).toEqual([`1 ${RAW.length}`]);
    expect(out.uidl).toBe(`+OK 1 ${inboxOf(ANNA).uidvalidity}.${uid}`);
    expect(out.retr).toBe(RAW); // poplib undoes the dot-stuffing: what arrives is what was stored
    expect(out.top).toEqual(['From: <mittente@pec.esempio.test>', 'To: <anna.bianchi@pec.demo.test>', 'Subject: prova POP3', '', 'Prima riga.', '.Riga con punto.']);
    expect(countIn(ANNA)).toBe(1); // nothing deleted
  });

  it('refuses USER in clear on the STLS port and logs in after stls()', async () => {
    const r = await python(h, h.pop3.ports.pop3Starttls, `
p = poplib.POP3(host, port)
try:
    p.user(${JSON.stringify(MARIO)}); print('accepted in clear')
except poplib.error_proto as e:
    print(e.args[0].decode())
p.stls(ctx)
p.user(${JSON.stringify(MARIO)}); print(p.pass_(${JSON.stringify(PASSWORD)}).decode()); p.quit()
`);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['-ERR TLS required: use STARTTLS/STLS or the TLS port first', '+OK maildrop has 0 messages (0 octets)']);
  });

  it('refuses a wrong password with -ERR [AUTH]', async () => {
    const r = await python(h, h.pop3.ports.pop3Tls, `
p = poplib.POP3_SSL(host, port, context=ctx)
p.user(${JSON.stringify(MARIO)})
try:
    p.pass_('sbagliata'); print('accepted')
except poplib.error_proto as e:
    print(e.args[0].decode())
`);
    expect(r.stdout.trim()).toBe('-ERR [AUTH] Authentication failed');
  });

  it('DELE then RSET keeps the messages; DELE then QUIT removes them from the mailbox (seed 000 §3.1)', async () => {
    const first = await deliver(h.provider, MARIO, 'Subject: uno\r\n\r\nuno\r\n');
    await deliver(h.provider, MARIO, 'Subject: due\r\n\r\ndue\r\n');
    const script = (tail: string) => `
p = poplib.POP3_SSL(host, port, context=ctx)
p.user(${JSON.stringify(MARIO)}); p.pass_(${JSON.stringify(PASSWORD)})
p.dele(1)
${tail}
print(p.quit().decode())
`;
    const kept = await python(h, h.pop3.ports.pop3Tls, script('p.rset()'));
    expect(kept.stdout.trim()).toBe('+OK bye');
    expect(countIn(MARIO)).toBe(2);
    const removed = await python(h, h.pop3.ports.pop3Tls, script(''));
    expect(removed.stdout.trim()).toBe('+OK bye (1 messages deleted)');
    expect(countIn(MARIO)).toBe(1);
    expect(h.provider.store.messages.getByUid(inboxOf(MARIO).id, first.uid)).toBeUndefined();
  });
});

describe('POP3 with curl', () => {
  it('retrieves a message over POP3S with AUTH PLAIN, byte-exact', async () => {
    const r = await run(['curl', '-sS', '-v', '--cacert', h.caFile, `pop3s://127.0.0.1:${h.pop3.ports.pop3Tls}/1`, '-u', `${ANNA}:${PASSWORD}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('> AUTH PLAIN');
    expect(r.stdout).toBe(RAW);
  });

  it('lists the maildrop over STLS with --ssl-reqd', async () => {
    const r = await run(['curl', '-sS', '-v', '--ssl-reqd', '--cacert', h.caFile, `pop3://127.0.0.1:${h.pop3.ports.pop3Starttls}/`, '-u', `${ANNA}:${PASSWORD}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('> STLS');
    expect(r.stdout).toBe(`1 ${RAW.length}\r\n`);
  });
});

describe('POP3 accounts and profiles', () => {
  async function collaborator(username: string, profile: 'solo-invio' | 'solo-consultazione', password: string) {
    const { store, clock } = h.provider;
    const mb = store.mailboxes.byAddress(MARIO)!;
    const c = store.principals.createCollaborator({ mailboxId: mb.id, username, profile }, clock.now());
    store.principals.setCollaboratorPassword(c.id, await hashPassword(password), clock.now());
    return `${username}/${MARIO}`;
  }

  it('lets a solo-consultazione collaborator RETR but not DELE (seed 000 §2.7.8)', async () => {
    const login = await collaborator('lettore', 'solo-consultazione', 'Lettore-2026!x');
    const before = countIn(MARIO);
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    expect(await c.cmd(`USER ${login}`)).toBe('+OK send PASS');
    expect(await c.cmd('PASS Lettore-2026!x')).toStartWith('+OK maildrop has');
    expect(await c.cmd('RETR 1')).toMatch(/^\+OK \d+ octets$/);
    await c.multiline();
    expect(await c.cmd('DELE 1')).toBe('-ERR Your collaboration profile does not allow deleting messages');
    expect(await c.cmd('QUIT')).toBe('+OK bye');
    expect(countIn(MARIO)).toBe(before);
  });

  it('refuses a solo-invio collaborator at login', async () => {
    const login = await collaborator('mittente', 'solo-invio', 'Mittente-2026!x');
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    await c.cmd(`USER ${login}`);
    expect(await c.cmd('PASS Mittente-2026!x')).toBe('-ERR [AUTH] Access through this service is not allowed for your profile');
    c.end();
  });

  it('refuses a disabled mailbox with the reason', async () => {
    const mb = h.provider.store.mailboxes.byAddress(PROTOCOLLO)!;
    h.provider.store.mailboxes.setState(mb.id, 'disabilitata');
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    await c.cmd(`USER ${PROTOCOLLO}`);
    expect(await c.cmd(`PASS ${PASSWORD}`)).toBe('-ERR [AUTH] Mailbox disabled, contact your administrator');
    h.provider.store.mailboxes.setState(mb.id, 'attiva');
    c.end();
  });

  it('refuses a second session on a maildrop in use with [IN-USE]', async () => {
    const a = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    const b = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await a.line();
    await b.line();
    await a.cmd(`USER ${PROTOCOLLO}`);
    expect(await a.cmd(`PASS ${PASSWORD}`)).toStartWith('+OK maildrop has');
    await b.cmd(`USER ${PROTOCOLLO}`);
    expect(await b.cmd(`PASS ${PASSWORD}`)).toBe('-ERR [IN-USE] Mailbox in use by another session');
    expect(await a.cmd('QUIT')).toBe('+OK bye');
    await b.cmd(`USER ${PROTOCOLLO}`);
    expect(await b.cmd(`PASS ${PASSWORD}`)).toStartWith('+OK maildrop has');
    b.end();
  });

  it('throttles repeated failures with [LOGIN-DELAY], even for the right password afterwards', async () => {
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    const replies: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      await c.cmd(`USER ${ANNA}`);
      replies.push(await c.cmd('PASS sbagliata'));
    }
    expect(replies.slice(0, 4)).toEqual(Array(4).fill('-ERR [AUTH] Authentication failed'));
    expect(replies[4]).toBe('-ERR [LOGIN-DELAY] Too many failed logins, try again later');
    await c.cmd(`USER ${ANNA}`);
    expect(await c.cmd(`PASS ${PASSWORD}`)).toBe('-ERR [LOGIN-DELAY] Too many failed logins, try again later');
    c.end();
  });
});
