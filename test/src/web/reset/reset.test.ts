import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { RESET_TOKEN_TTL_MS } from '../../../../src/auth/tokens.ts';
import { SimulatedClock } from '../../../../src/runtime/clock.ts';
import { Browser, reposOf, testProvider, text, type TestProvider } from '../admin/helpers.ts';

const clock = new SimulatedClock(Date.UTC(2026, 5, 1, 9, 0, 0));
let tp: TestProvider;
let admin: Browser;

beforeAll(async () => {
  tp = await testProvider({ clock });
  await tp.p.provisioning.addAdmin('demo-admin', 'Demo-admin1!', ['pec.demo.test']);
  admin = new Browser(tp.p.web);
  await admin.login('demo-admin', 'Demo-admin1!');
  await admin.page('/admin/mailboxes/new');
});
afterAll(() => tp.stop());

/** Creates a mailbox from the console and returns the link path of its notice. */
async function createWithLink(name: string): Promise<string> {
  admin = new Browser(tp.p.web); // the simulated clock may have ended the previous session
  await admin.login('demo-admin', 'Demo-admin1!');
  await admin.page('/admin/mailboxes/new');
  await admin.post('/admin/mailboxes/new', { name, communicationEmail: `${name}@example.com`, type: 'A', conservazione: '0' });
  const m = tp.p.store.mailboxes.byAddress(`${name}@pec.demo.test`)!;
  const notice = reposOf(tp.p).notices.list(m.domainId, { limit: 1000 }).rows.find((n) => n.mailboxId === m.id)!;
  return new URL(/http:\/\/localhost\/reset\/\S+/.exec(notice.body)![0]).pathname;
}

const login = (address: string, password: string) =>
  tp.p.auth.loginMailbox({ login: address, password, channel: 'imap', remote: '127.0.0.5', secure: true });

describe('one-time reset link (seed 003 fig. 15-16)', () => {
  it('opens the form with the policy legend, sets the password, and the holder can log in', async () => {
    const link = await createWithLink('prima');
    const user = new Browser(tp.p.web);
    const page = await user.page(link);
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get('Cache-Control')).toBe('no-store');
    expect(text(page.html)).toContain('prima@pec.demo.test');
    expect(text(page.html)).toContain('almeno 8 caratteri');
    const token = link.split('/').pop()!;
    const weak = await user.post('/reset/new', { token, password: 'debole', repeat: 'debole' });
    expect(weak.status).toBe(400);
    expect(text(await weak.text())).toContain('lettera maiuscola');
    const mismatch = await user.post('/reset/new', { token, password: 'Prima-2026!', repeat: 'Prima-2026?' });
    expect(text(await mismatch.text())).toContain('non coincidono');
    const done = await user.post('/reset/new', { token, password: 'Prima-2026!', repeat: 'Prima-2026!' });
    expect(done.status).toBe(200);
    expect(text(await done.text())).toContain('La password è stata impostata');
    expect((await login('prima@pec.demo.test', 'Prima-2026!')).principal.address).toBe('prima@pec.demo.test');
    // One use only.
    expect((await user.get(link)).status).toBe(410);
    expect((await user.post('/reset/new', { token, password: 'Altra-2026!', repeat: 'Altra-2026!' })).status).toBe(410);
  });

  it('expires after 24 hours', async () => {
    const link = await createWithLink('seconda');
    clock.advance(RESET_TOKEN_TTL_MS - 1000);
    expect((await new Browser(tp.p.web).get(link)).status).toBe(200);
    clock.advance(2000);
    expect((await new Browser(tp.p.web).get(link)).status).toBe(410);
  });

  it('keeps only the newest link of a mailbox working', async () => {
    const first = await createWithLink('terza');
    const m = tp.p.store.mailboxes.byAddress('terza@pec.demo.test')!;
    await admin.post(`/admin/mailboxes/${m.id}/reset`, {});
    expect((await new Browser(tp.p.web).get(first)).status).toBe(410);
  });

  it('refuses a post without the form cookie (CSRF) or from another origin', async () => {
    const link = await createWithLink('quarta');
    const token = link.split('/').pop()!;
    const user = new Browser(tp.p.web);
    await user.page(link);
    expect((await user.post('/reset/new', { token, password: 'Quarta-2026!', repeat: 'Quarta-2026!', _csrf: 'A'.repeat(43) })).status).toBe(403);
    expect((await user.post('/reset/new', { token, password: 'Quarta-2026!', repeat: 'Quarta-2026!' }, { Origin: 'http://evil.example' })).status).toBe(403);
    expect(tp.p.store.principals.holder(tp.p.store.mailboxes.byAddress('quarta@pec.demo.test')!.id)).toBeUndefined();
  });

  it.each(['short', 'x'.repeat(43), '../../etc/passwd', '%00', 'A'.repeat(5000)])('answers 410 to the hostile token %p', async (token) => {
    expect((await new Browser(tp.p.web).get(`/reset/${encodeURIComponent(token)}`)).status).toBe(410);
  });

  it('stops working when the mailbox is cancelled', async () => {
    const link = await createWithLink('quinta');
    const m = tp.p.store.mailboxes.byAddress('quinta@pec.demo.test')!;
    tp.p.store.mailboxes.cancel(m.id, clock.now());
    expect((await new Browser(tp.p.web).get(link)).status).toBe(410);
  });
});
