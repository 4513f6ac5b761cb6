import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../../../src/auth/hash.ts';
import { loadConfig } from '../../../../src/config/config.ts';
import { startProvider } from '../../../../src/provider.ts';
import { SimulatedClock } from '../../../../src/runtime/clock.ts';
import { SESSION_IDLE_MS } from '../../../../src/web/session.ts';
import { SSE_KEEPALIVE_MS } from '../../../../src/web/webmail/events.ts';
import { safeNext } from '../../../../src/web/webmail/auth-routes.tsx';
import { ANNA, Client, MARIO, PASSWORD, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
beforeAll(async () => {
  t = await startTestProvider();
});
afterAll(async () => {
  await t.close();
});

async function collaborator(username: string, profile: 'solo-invio' | 'solo-consultazione' | 'accesso-completo', password = 'Collab-2026!') {
  const mb = t.provider.store.mailboxes.byAddress(ANNA)!;
  const c = t.provider.store.principals.createCollaborator({ mailboxId: mb.id, username, profile }, t.provider.clock.now());
  t.provider.store.principals.setCollaboratorPassword(c.id, await hashPassword(password), t.provider.clock.now());
  return { login: `${username}/${ANNA}`, password };
}

describe('login', () => {
  it('shows the login form with Nome utente, Password and the reset link', async () => {
    const res = await new Client(t.provider).get('/login');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('name="username"');
    expect(html).toContain('href="/reset"');
  });

  it('signs in the holder with the PEC address and lands on /mail with an HttpOnly SameSite=Strict cookie', async () => {
    const c = new Client(t.provider);
    const res = await c.post('/login', { username: MARIO, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/mail');
    const cookie = res.headers.getSetCookie().at(-1)!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect((await c.get('/mail')).status).toBe(200);
  });

  it('answers a wrong password with one generic 401 that echoes the user name but never the password', async () => {
    const res = await new Client(t.provider).post('/login', { username: MARIO, password: 'Sbagliata-1!' });
    const html = await res.text();
    expect(res.status).toBe(401);
    expect(html).toContain('Nome utente o password non validi');
    expect(html).toContain(MARIO);
    expect(html).not.toContain('Sbagliata-1!');
  });

  it('escapes a hostile user name echoed back into the form', async () => {
    const res = await new Client(t.provider).post('/login', { username: '"><script>alert(1)</script>', password: 'x' });
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('signs in a collaborator as username/casella and refuses "solo invio" (no webmail, seed 000 §2.7.8)', async () => {
    const full = await collaborator('ufficio', 'accesso-completo');
    const c = new Client(t.provider);
    expect((await c.login(full.login, full.password)).headers.get('Location')).toBe('/mail');
    expect(await (await c.get('/mail')).text()).toContain('ufficio');
    const invio = await collaborator('spedizioni', 'solo-invio');
    const res = await new Client(t.provider).post('/login', { username: invio.login, password: invio.password });
    expect(res.status).toBe(403);
  });

  it('keeps the post-login target on our own pages only (no open redirect)', () => {
    expect(safeNext('/mail/folders/3?page=2')).toBe('/mail/folders/3?page=2');
    expect(safeNext('//evil.example/x')).toBe('/mail');
    expect(safeNext('https://evil.example/')).toBe('/mail');
    expect(safeNext('/mail/../admin')).toBe('/mail');
    expect(safeNext('/admin')).toBe('/mail');
  });

  it('sends an unauthenticated page request to the login with next=, and an htmx one an HX-Redirect', async () => {
    const c = new Client(t.provider);
    const page = await c.get('/mail/rubrica');
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe('/login?next=%2Fmail%2Frubrica');
    const frag = await c.get('/mail/folders', true);
    expect(frag.status).toBe(401);
    expect(frag.headers.get('HX-Redirect')).toStartWith('/login');
  });
});

describe('CSRF and logout', () => {
  it('refuses a state-changing request without the session token (403) and from another origin', async () => {
    const c = new Client(t.provider);
    await c.login();
    const token = c.csrf;
    c.csrf = '';
    expect((await c.post('/logout', {})).status).toBe(403);
    c.csrf = token;
    expect((await c.post('/logout', {}, { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('logs out: the cookie is cleared and the session no longer opens /mail', async () => {
    const c = new Client(t.provider);
    await c.login();
    const old = c.cookie;
    const res = await c.post('/logout', { _csrf: c.csrf });
    expect(res.headers.get('Location')).toBe('/login');
    c.cookie = old;
    expect((await c.get('/mail')).status).toBe(303);
  });
});

describe('forced password change (seed 000 §2.2)', () => {
  it('sends a holder whose password must change to the change page, with the legend, until it is changed', async () => {
    const mb = t.provider.store.mailboxes.byAddress(ANNA)!;
    t.provider.store.principals.setHolderPassword(mb.id, await hashPassword(PASSWORD), t.provider.clock.now(), true);
    const c = new Client(t.provider);
    const res = await c.login(ANNA);
    expect(res.headers.get('Location')).toBe('/password/change');
    const page = await (await c.get('/password/change')).text();
    expect(page).toContain('@?#+-:~_!');
    expect((await c.get('/mail')).headers.get('Location')).toBe('/password/change');
    c.csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;

    const weak = await c.post('/password/change', { current: PASSWORD, password: 'corta', repeat: 'corta' });
    expect(weak.status).toBe(422);
    const wrong = await c.post('/password/change', { current: 'Nope-2026!', password: 'Nuova-Pass1!', repeat: 'Nuova-Pass1!' });
    expect(await wrong.text()).toContain('La password attuale non è corretta');

    const other = new Client(t.provider);
    await other.post('/login', { username: ANNA, password: PASSWORD });
    const ok = await c.post('/password/change', { current: PASSWORD, password: 'Nuova-Pass1!', repeat: 'Nuova-Pass1!' });
    expect(ok.headers.get('Location')).toBe('/mail');
    expect((await c.get('/mail')).status).toBe(200);
    // every other session of the principal ended with the change
    expect((await other.get('/password/change')).headers.get('Location')).toBe('/login');
    expect(t.provider.store.principals.holder(mb.id)!.mustChangePassword).toBe(false);
    t.provider.store.principals.setHolderPassword(mb.id, await hashPassword(PASSWORD), t.provider.clock.now(), false);
  });
});

describe('language', () => {
  it('switches the UI to English and remembers it as a preference', async () => {
    const c = new Client(t.provider);
    await c.login();
    await c.post('/language', { lang: 'en' });
    expect(await (await c.get('/mail')).text()).toContain('lang="en"');
    await c.post('/language', { lang: 'it' });
    expect(await (await c.get('/mail')).text()).toContain('lang="it"');
  });
});

describe('with a simulated clock', () => {
  let dir: string;
  let clock: SimulatedClock;
  let p: Awaited<ReturnType<typeof startProvider>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pec-webmail-idle-'));
    clock = new SimulatedClock(Date.now());
    p = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1, clock });
  });
  afterAll(async () => {
    await p.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends the session after SESSION_IDLE_MS without requests, and keeps it while used', async () => {
    const c = new Client(p);
    await c.login();
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await c.get('/mail')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS - 60_000);
    expect((await c.get('/mail')).status).toBe(200);
    clock.advance(SESSION_IDLE_MS + 1);
    const res = await c.get('/mail');
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toStartWith('/login');
  });

  it('closes the live stream at the next keepalive once the session has ended (logout)', async () => {
    const c = new Client(p);
    await c.login();
    const reader = (await c.get('/mail/events')).body!.getReader();
    await reader.read();
    await c.post('/logout', {});
    clock.advance(SSE_KEEPALIVE_MS);
    let done = false;
    for (let i = 0; i < 5 && !done; i++) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
