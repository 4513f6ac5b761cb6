import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { MAX_FAILURES_PER_LOGIN } from '../../../../src/auth/throttle.ts';
import { Browser, reposOf, testProvider, text, type TestProvider } from './helpers.ts';

let tp: TestProvider;
beforeAll(async () => {
  tp = await testProvider();
  // A domain administrator of one domain only (the demo's "admin" is a super-administrator of both).
  await tp.p.provisioning.addAdmin('esempio-admin', 'Esempio-2026!', ['pec.esempio.test']);
});
afterAll(() => tp.stop());

describe('admin login (seed 003 "Accesso al servizio")', () => {
  it('sends an anonymous visitor to the login page and refuses anonymous posts with 401', async () => {
    const b = new Browser(tp.p.web);
    const res = await b.get('/admin/mailboxes');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/login');
    const login = await b.page('/admin/login');
    expect(login.html).toContain('USERNAME');
    expect(login.html).toContain('ACCEDI');
    expect((await b.post('/admin/mailboxes/new', { name: 'x' })).status).toBe(401);
  });

  it('refuses a login post without the form token (login CSRF) with 403', async () => {
    const b = new Browser(tp.p.web);
    const res = await b.post('/admin/login', { username: 'admin', password: 'DemoPec-2026!', _csrf: 'x'.repeat(43) });
    expect(res.status).toBe(403);
  });

  it('refuses a cross-origin post with 403 even with a valid token', async () => {
    const b = new Browser(tp.p.web);
    await b.page('/admin/login');
    const res = await b.post('/admin/login', { username: 'admin', password: 'DemoPec-2026!' }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('answers 401 with the same message for a wrong password and an unknown user', async () => {
    const b = new Browser(tp.p.web);
    const wrong = await b.login('admin', 'Wrong-pass1!');
    const unknown = await b.login('nobody', 'Wrong-pass1!');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(text(await wrong.text())).toContain('Nome utente o password non validi');
    expect(text(await unknown.text())).toContain('Nome utente o password non validi');
  });

  it(`throttles after ${MAX_FAILURES_PER_LOGIN} failures with 429`, async () => {
    const b = new Browser(tp.p.web);
    let last: Response | null = null;
    for (let i = 0; i <= MAX_FAILURES_PER_LOGIN; i++) last = await b.login('throttled-admin', 'Wrong-pass1!');
    expect(last!.status).toBe(429);
    expect(text(await last!.text())).toContain('Troppi tentativi');
  });

  it('refuses a password sent over plain HTTP to a non-loopback host (RFC 8314)', async () => {
    const res = await tp.p.web.request('http://console.example.net/admin/login');
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    const body = new URLSearchParams({ _csrf: token, username: 'admin', password: 'DemoPec-2026!' });
    const post = await tp.p.web.request('http://console.example.net/admin/login', {
      method: 'POST', body, headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(401);
    expect(text(await post.text())).toContain('HTTPS');
  });

  it('logs in with a fresh HttpOnly SameSite=Strict cookie on /admin and records the login', async () => {
    const b = new Browser(tp.p.web);
    await b.page('/admin/login');
    const res = await b.post('/admin/login', { username: 'admin', password: 'DemoPec-2026!' });
    expect(res.status).toBe(302);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('pec_admin='))!;
    expect(set).toContain('HttpOnly');
    expect(set).toContain('SameSite=Strict');
    expect(set).toContain('Path=/admin');
    expect(reposOf(tp.p).admin.audit(null).rows.some((r) => r.action === 'login' && r.adminUsername === 'admin')).toBe(true);
  });

  it('asks an administrator of two domains to choose, and one of a single domain goes straight to the list', async () => {
    const two = new Browser(tp.p.web);
    await two.login();
    expect((await two.get('/admin')).headers.get('location')).toBe('/admin/domain');
    expect((await two.get('/admin/mailboxes')).headers.get('location')).toBe('/admin/domain');
    const choice = await two.page('/admin/domain');
    expect(choice.html).toContain('Scelta del dominio');
    expect(choice.html).toContain('pec.demo.test');
    expect(choice.html).toContain('pec.esempio.test');

    const one = new Browser(tp.p.web);
    await one.login('esempio-admin', 'Esempio-2026!');
    expect((await one.get('/admin')).headers.get('location')).toBe('/admin/mailboxes');
    const list = await one.page('/admin/mailboxes');
    expect(list.html).toContain('protocollo');
    expect(list.html).not.toContain('mario.rossi');
  });

  it('refuses to choose a domain the administrator does not hold (403) and unknown ones', async () => {
    const one = new Browser(tp.p.web);
    await one.login('esempio-admin', 'Esempio-2026!');
    await one.page('/admin/mailboxes');
    const demo = tp.p.store.domains.byName('pec.demo.test')!;
    expect((await one.post('/admin/domain', { domain: String(demo.id) })).status).toBe(403);
    expect((await one.post('/admin/domain', { domain: '999999' })).status).toBe(403);
    expect((await one.post('/admin/domain', { domain: "1' OR 1=1" })).status).toBe(403);
  });

  it('rejects a signed-in post without the CSRF token with 403', async () => {
    const b = new Browser(tp.p.web);
    await b.login();
    expect((await b.post('/admin/domain', { domain: '1', _csrf: '' })).status).toBe(403);
    expect((await b.post('/admin/logout', { _csrf: 'A'.repeat(43) })).status).toBe(403);
  });

  it('keeps the super-administrator pages from a domain administrator (403)', async () => {
    const one = new Browser(tp.p.web);
    await one.login('esempio-admin', 'Esempio-2026!');
    await one.page('/admin/mailboxes');
    expect((await one.get('/admin/domains')).status).toBe(403);
    expect((await one.get('/admin/admins')).status).toBe(403);
    expect((await one.post('/admin/domains', { name: 'pec.nuovo.test' })).status).toBe(403);
    expect(tp.p.store.domains.byName('pec.nuovo.test')).toBeUndefined();
  });

  it('lets the super-administrator add a domain and an administrator with its domains', async () => {
    const b = new Browser(tp.p.web);
    await b.login();
    await b.page('/admin/domains');
    expect((await b.post('/admin/domains', { name: 'pec.terzo.test' })).status).toBe(302);
    expect(tp.p.store.domains.byName('pec.terzo.test')).toBeDefined();
    const dup = await b.post('/admin/domains', { name: 'pec.terzo.test' });
    expect(dup.status).toBe(400);
    expect((await b.post('/admin/domains', { name: 'not a domain' })).status).toBe(400);
    const terzo = tp.p.store.domains.byName('pec.terzo.test')!;
    await b.page('/admin/admins');
    const weak = await b.post('/admin/admins', { username: 'terzo', password: 'short', domains: String(terzo.id) });
    expect(weak.status).toBe(400);
    expect(text(await weak.text())).toContain('almeno 8 caratteri');
    const ok = await b.post('/admin/admins', { username: 'terzo', password: 'Terzo-2026!', domains: String(terzo.id) });
    expect(ok.status).toBe(302);
    const admin = tp.p.store.principals.adminByUsername('terzo')!;
    expect(tp.p.store.principals.adminDomains(admin.id)).toEqual([terzo.id]);
    expect((await b.post('/admin/admins', { username: 'x', password: 'Terzo-2026!', domains: '424242' })).status).toBe(400);
  });

  it('switches the language and logs out (the session cookie no longer works)', async () => {
    const b = new Browser(tp.p.web);
    await b.login('esempio-admin', 'Esempio-2026!');
    await b.page('/admin/mailboxes');
    expect((await b.post('/admin/language', { lang: 'en' })).status).toBe(302);
    expect((await b.page('/admin/mailboxes')).html).toContain('Mailbox list');
    const old = new Map(b.cookies);
    expect((await b.post('/admin/logout', {})).headers.get('location')).toBe('/admin/login');
    b.cookies.clear();
    for (const [k, v] of old) b.cookies.set(k, v);
    expect((await b.get('/admin/mailboxes')).headers.get('location')).toBe('/admin/login');
  });
});
