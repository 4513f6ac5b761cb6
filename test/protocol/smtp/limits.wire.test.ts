// Hostile tests of the named limits on the wire: connections per address, idle timeout, command line length,
// bad and unauthenticated commands, failed AUTH throttled, collaborator profiles.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { hashPassword } from '../../../src/auth/hash.ts';
import { MAX_BAD_COMMANDS, MAX_COMMAND_LINE_BYTES, MAX_UNAUTHENTICATED_COMMANDS } from '../../../src/protocol/smtp/limits.ts';
import { ANNA, MARIO, PASSWORD, python, pyResult, rawClient, startWire, type Wire } from './wire.ts';

const PER_ADDRESS = 3;
const IDLE_MS = 600;
let w: Wire;
beforeAll(async () => {
  w = await startWire({ maxConnectionsPerAddress: PER_ADDRESS, idleTimeoutMs: IDLE_MS });
  const { store } = w.provider;
  const box = store.mailboxes.byAddress(MARIO)!;
  const now = w.provider.clock.now();
  for (const [username, profile] of [['invio', 'solo-invio'], ['lettura', 'solo-consultazione']] as const) {
    const c = store.principals.createCollaborator({ mailboxId: box.id, username, profile }, now);
    store.principals.setCollaboratorPassword(c.id, await hashPassword(PASSWORD), now);
  }
});
afterAll(async () => {
  await w.stop();
});

describe('SMTP limits over the wire', () => {
  it(`refuses the connection past MAX_CONNECTIONS_PER_ADDRESS (${PER_ADDRESS} here) with 421 4.7.0, and frees the slot on close`, async () => {
    const held = await Promise.all(Array.from({ length: PER_ADDRESS }, () => rawClient(w.smtp.ports.smtpMx)));
    for (const c of held) expect(await c.reply()).toMatch(/^220 /);
    const extra = await rawClient(w.smtp.ports.submissionTls, w.ca); // the bound spans the three listeners
    expect(await extra.reply()).toBe('421 4.7.0 Too many connections from your address, try again later');
    await extra.closed;
    held[0]!.write('QUIT\r\n');
    await held[0]!.closed;
    await Bun.sleep(20);
    const again = await rawClient(w.smtp.ports.smtpMx);
    expect(await again.reply()).toMatch(/^220 /);
    for (const c of [...held.slice(1), again]) c.end();
    await Promise.all([...held.slice(1), again].map((c) => c.closed));
  });

  it('closes an idle connection with 421 after the idle timeout', async () => {
    const c = await rawClient(w.smtp.ports.smtpMx);
    expect(await c.reply()).toMatch(/^220 /);
    const started = performance.now();
    expect(await c.reply()).toMatch(/^421 /);
    await c.closed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
  });

  it(`closes with 421 a command line longer than MAX_COMMAND_LINE_BYTES (${MAX_COMMAND_LINE_BYTES})`, async () => {
    const c = await rawClient(w.smtp.ports.smtpMx);
    await c.reply();
    c.write(`EHLO ${'a'.repeat(MAX_COMMAND_LINE_BYTES + 10)}\r\n`);
    expect(await c.reply()).toMatch(/^421 .*too long/i);
    await c.closed;
  });

  it(`closes with 421 after MAX_BAD_COMMANDS (${MAX_BAD_COMMANDS}) unknown commands`, async () => {
    const c = await rawClient(w.smtp.ports.smtpMx);
    await c.reply();
    const replies: string[] = [];
    for (let i = 0; i < MAX_BAD_COMMANDS; i++) {
      c.write(`XYZZY${i}\r\n`);
      replies.push(await c.reply());
    }
    expect(replies.slice(0, -1).every((r) => r.startsWith('500 5.5.2'))).toBe(true);
    expect(replies.at(-1)).toMatch(/^421 /);
    await c.closed;
  });

  it(`closes a submission session after MAX_UNAUTHENTICATED_COMMANDS (${MAX_UNAUTHENTICATED_COMMANDS}) commands without AUTH`, async () => {
    const c = await rawClient(w.smtp.ports.submissionTls, w.ca);
    await c.reply();
    const replies: string[] = [];
    for (let i = 0; i < MAX_UNAUTHENTICATED_COMMANDS; i++) {
      c.write('NOOP\r\n');
      replies.push(await c.reply());
    }
    expect(replies.at(-2)).toMatch(/^250 /);
    expect(replies.at(-1)).toMatch(/^421 /);
    await c.closed;
  });

  it('throttles failed AUTH through the authenticator: 535 then 454 4.7.0, even for the right password', async () => {
    const login = 'anna.bianchi@pec.demo.test';
    const r = pyResult(await python(w, `
codes = []
for pw in ['a', 'b', 'c', 'd', 'e', PASSWORD]:
    s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
    s.ehlo()
    token = base64.b64encode(("\\0" + ${JSON.stringify(login)} + "\\0" + pw).encode()).decode()
    codes.append(reply(s.docmd('AUTH PLAIN', token)))  # one mechanism per attempt (login() would also try LOGIN)
    s.close()
out(codes=codes)
`));
    expect(r.codes).toEqual([
      ...Array(4).fill('535 5.7.8 Authentication credentials invalid'),
      '454 4.7.0 Too many failed logins, try again later',
      '454 4.7.0 Too many failed logins, try again later',
    ]);
  });

  it('lets a "solo invio" collaborator send and refuses a "solo consultazione" one at AUTH', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.login('invio/' + MARIO, PASSWORD)
res = s.sendmail(MARIO, [ANNA], b'Subject: dal collaboratore\\r\\n\\r\\nx\\r\\n')
s.quit()
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
try:
    s.login('lettura/' + MARIO, PASSWORD); reading = '235'
except smtplib.SMTPAuthenticationError as e:
    reading = f"{e.smtp_code} {e.smtp_error.decode()}"
out(sent=res == {}, reading=reading)
`));
    expect(r.sent).toBe(true);
    expect(w.submitted.at(-1)!.principal).toMatchObject({ kind: 'collaboratore', username: 'invio', profile: 'solo-invio', address: MARIO });
    expect(r.reading).toBe('535 5.7.8 Access through this service is not allowed for your profile');
  });
});
