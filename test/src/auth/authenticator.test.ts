import { afterAll, beforeAll, describe, expect, it, spyOn } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator, type LoginAttempt } from '../../../src/auth/authenticator.ts';
import { CredentialCache } from '../../../src/auth/credential-cache.ts';
import { hashPassword } from '../../../src/auth/hash.ts';
import { LoginRefusedError } from '../../../src/auth/login-refusal.ts';
import { DAY_MS } from '../../../src/auth/password-expiry.ts';
import { Provisioning } from '../../../src/auth/provisioning.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { openStore, type Store } from '../../../src/store/index.ts';

const PASSWORD = 'Giusta-Pass1!';
const MARIO = 'mario.rossi@pec.demo.test';
let dir: string;
let store: Store;
let clock: SimulatedClock;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pec-auth-'));
  store = openStore(dir);
  clock = new SimulatedClock();
  const p = new Provisioning(store, () => clock.now());
  p.addDomain('pec.demo.test');
  const m = await p.addMailbox({ address: MARIO, password: PASSWORD });
  await p.addMailbox({ address: 'spento@pec.demo.test', password: PASSWORD });
  store.mailboxes.setState(store.mailboxes.byAddress('spento@pec.demo.test')!.id, 'disabilitata');
  const hash = await hashPassword(PASSWORD);
  const solo = store.principals.createCollaborator({ mailboxId: m.id, username: 'invio', profile: 'solo-invio' }, clock.now());
  store.principals.setCollaboratorPassword(solo.id, hash, clock.now());
  const old = store.principals.createCollaborator({ mailboxId: m.id, username: 'scaduto', profile: 'accesso-completo', expiresAt: clock.now() - 1 }, clock.now());
  store.principals.setCollaboratorPassword(old.id, hash, clock.now());
});
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const attempt = (over: Partial<LoginAttempt> = {}): LoginAttempt => ({ login: MARIO, password: PASSWORD, channel: 'imap', remote: '192.0.2.1', secure: true, ...over });
async function reason(a: LoginAttempt, auth = new Authenticator(store, clock)): Promise<string> {
  try {
    await auth.loginMailbox(a);
    return 'ok';
  } catch (e) {
    return (e as LoginRefusedError).reason;
  }
}

describe('Authenticator.loginMailbox', () => {
  it('lets the titolare in and refuses a wrong password, an unknown login and any password before TLS', async () => {
    expect(await reason(attempt())).toBe('ok');
    expect(await reason(attempt({ password: 'Sbagliata-1!' }))).toBe('wrong-credentials');
    expect(await reason(attempt({ login: 'nessuno@pec.demo.test' }))).toBe('wrong-credentials');
    expect(await reason(attempt({ secure: false }))).toBe('tls-required');
  });

  it('gives the account reasons only after the password verified: disabled, expired collaboration, channel', async () => {
    expect(await reason(attempt({ login: 'spento@pec.demo.test' }))).toBe('mailbox-disabled');
    expect(await reason(attempt({ login: 'spento@pec.demo.test', password: 'x' }))).toBe('wrong-credentials');
    expect(await reason(attempt({ login: `scaduto/${MARIO}` }))).toBe('collaboration-expired');
    expect(await reason(attempt({ login: `invio/${MARIO}`, channel: 'imap' }))).toBe('channel-not-allowed');
    expect(await reason(attempt({ login: `invio/${MARIO}`, channel: 'smtp-submit' }))).toBe('ok');
  });

  it('refuses an expired password on IMAP, POP3 and SMTP but lets the webmail in to change it (seed 003)', async () => {
    const later = new SimulatedClock(clock.now() + 91 * DAY_MS);
    const auth = new Authenticator(store, later);
    for (const channel of ['imap', 'pop3', 'smtp-submit'] as const) expect(await reason(attempt({ channel }), auth)).toBe('password-expired');
    const web = await auth.loginMailbox(attempt({ channel: 'webmail' }));
    expect(web.mustChangePassword).toBe(true);
  });

  it('throttles a login after repeated failures, even with the right password', async () => {
    const auth = new Authenticator(store, clock);
    for (let i = 0; i < 5; i++) await reason(attempt({ password: `Sbagliata-${i}!`, remote: '198.51.100.7' }), auth);
    expect(await reason(attempt({ remote: '198.51.100.7' }), auth)).toBe('throttled');
  });

  it('serves a repeated login from the credential cache, and a password change invalidates it', async () => {
    const auth = new Authenticator(store, clock);
    await auth.loginMailbox(attempt());
    const verify = spyOn(Bun.password, 'verify');
    for (let i = 0; i < 20; i++) await auth.loginMailbox(attempt());
    expect(verify).toHaveBeenCalledTimes(0); // no argon2id for a login verified moments ago
    await reason(attempt({ password: 'Sbagliata-9!', remote: '203.0.113.9' }), auth);
    expect(verify).toHaveBeenCalledTimes(1); // a wrong guess always pays the full cost
    verify.mockRestore();
    const m = store.mailboxes.byAddress(MARIO)!;
    store.principals.setHolderPassword(m.id, await hashPassword('Nuova-Pass2#'), clock.now());
    expect(await reason(attempt(), auth)).toBe('wrong-credentials');
    expect(await reason(attempt({ password: 'Nuova-Pass2#' }), auth)).toBe('ok');
    store.principals.setHolderPassword(m.id, await hashPassword(PASSWORD), clock.now());
  });
});

describe('CredentialCache', () => {
  it('remembers only the verified password for that stored hash, until the TTL passes', () => {
    const c = new CredentialCache(clock);
    c.remember('a@b.it', '$argon2id$h1', 'segreta');
    expect(c.matches('a@b.it', '$argon2id$h1', 'segreta')).toBe(true);
    expect(c.matches('a@b.it', '$argon2id$h1', 'altra')).toBe(false);
    expect(c.matches('a@b.it', '$argon2id$h2', 'segreta')).toBe(false); // hash changed: entry dropped
    c.remember('a@b.it', '$argon2id$h1', 'segreta');
    clock.advance(10 * 60_000 + 1);
    expect(c.matches('a@b.it', '$argon2id$h1', 'segreta')).toBe(false);
    expect(c.size).toBe(0);
  });
});
