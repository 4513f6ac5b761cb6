import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { ADMIN_PAGE_SIZE } from '../../../../src/web/admin/forms.ts';
import { Browser, testProvider, text, type TestProvider } from './helpers.ts';

let tp: TestProvider;
let b: Browser;
let foreignId: number;
let marioId: number;

beforeAll(async () => {
  tp = await testProvider();
  const prov = tp.p.provisioning;
  for (let i = 0; i < ADMIN_PAGE_SIZE + 5; i++) await prov.addMailbox({ address: `utente${String(i).padStart(2, '0')}@pec.demo.test`, communicationEmail: `u${i}@example.com` });
  const off = await prov.addMailbox({ address: 'spenta@pec.demo.test' });
  tp.p.store.mailboxes.setState(off.id, 'disabilitata');
  const gone = await prov.addMailbox({ address: 'ufficio_100@pec.demo.test' });
  tp.p.store.mailboxes.cancel(gone.id, tp.p.clock.now());
  foreignId = tp.p.store.mailboxes.byAddress('protocollo@pec.esempio.test')!.id;
  marioId = tp.p.store.mailboxes.byAddress('mario.rossi@pec.demo.test')!.id;
  await prov.addAdmin('demo-admin', 'Demo-admin1!', ['pec.demo.test']);
  b = new Browser(tp.p.web);
  await b.login('demo-admin', 'Demo-admin1!');
  await b.page('/admin/mailboxes');
});
afterAll(() => tp.stop());

const names = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/admin\/mailboxes\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('mailbox list (seed 003 "Elenco degli utenti/caselle")', () => {
  it('lists all mailboxes of the domain, active, disabled and deleted, by name, in pages', async () => {
    const first = await b.page('/admin/mailboxes');
    expect(first.res.status).toBe(200);
    const page1 = names(first.html);
    expect(page1.length).toBe(ADMIN_PAGE_SIZE);
    expect(page1[0]).toBe('anna.bianchi');
    expect(first.html).toContain(`${ADMIN_PAGE_SIZE + 9} caselle`);
    const second = names((await b.page('/admin/mailboxes?page=2')).html);
    expect(second).toEqual(['utente21', 'utente22', 'utente23', 'utente24', 'utente25', 'utente26', 'utente27', 'utente28', 'utente29']);
    expect(page1.slice(0, 4)).toEqual(['anna.bianchi', 'mario.rossi', 'spenta', 'ufficio_100']);
    expect(first.html).toContain('CANCELLATA');
    expect(first.html).toContain('DISABILITATA');
    expect(first.html).not.toContain('protocollo'); // another domain's mailbox never shows
  });

  it('returns only the list fragment to htmx, with Vary: HX-Request', async () => {
    const res = await b.get('/admin/mailboxes?q=mario', { 'HX-Request': 'true' });
    const html = await res.text();
    expect(res.headers.get('Vary')).toContain('HX-Request');
    expect(html.startsWith('<section id="mailbox-list"')).toBe(true);
    expect(names(html)).toEqual(['mario.rossi']);
  });

  it('searches by partial name, "inizia con" or "contiene", and by state', async () => {
    expect(names((await b.page('/admin/mailboxes?q=ente0&mode=contains')).html).length).toBe(10);
    expect(names((await b.page('/admin/mailboxes?q=ente0&mode=starts')).html)).toEqual([]);
    expect(names((await b.page('/admin/mailboxes?q=UTENTE1&mode=starts')).html).length).toBe(10);
    expect(names((await b.page('/admin/mailboxes?state=disabilitata')).html)).toEqual(['spenta']);
    expect(names((await b.page('/admin/mailboxes?state=cancellata')).html)).toEqual(['ufficio_100']);
    expect(names((await b.page('/admin/mailboxes?q=a&state=attiva')).html)).toEqual(['anna.bianchi', 'mario.rossi']);
  });

  it('treats % and _ literally and survives hostile queries', async () => {
    expect(names((await b.page('/admin/mailboxes?q=%25')).html)).toEqual([]);
    expect(names((await b.page('/admin/mailboxes?q=_1')).html)).toEqual(['ufficio_100']);
    expect(names((await b.page(`/admin/mailboxes?q=${encodeURIComponent("' OR 1=1 --")}`)).html)).toEqual([]);
    expect((await b.get(`/admin/mailboxes?q=${'a'.repeat(65)}`)).status).toBe(400);
    for (const q of ['page=-3', 'page=abc', 'page=99999999999', 'state=bogus', 'mode=regex']) {
      expect((await b.get(`/admin/mailboxes?${q}`)).status).toBe(200);
    }
    const script = await b.page(`/admin/mailboxes?q=${encodeURIComponent('<script>x</script>')}`);
    expect(script.html).not.toContain('<script>x</script>');
  });
});

describe('mailbox detail (seed 003 fig. 8)', () => {
  it('shows name, domain, communication e-mail, creation date, state, quota, soft limit, used space, type and password state', async () => {
    const { html } = await b.page(`/admin/mailboxes/${marioId}`);
    const t = text(html);
    for (const label of ['CASELLA PEC', 'DOMINIO', 'E-MAIL COMUNICAZIONE', 'DATA CREAZIONE', 'STATO', 'QUOTA DISCO (MB)', 'SOFT LIMIT (MB)', 'QUOTA UTILIZZATA', 'TIPOLOGIA CASELLA', 'CONSERVAZIONE A NORMA', 'STATO PASSWORD']) {
      expect(t).toContain(label);
    }
    expect(t).toContain('mario.rossi@example.com');
    expect(t).toContain('3072'); // type A: 3 GB
    expect(t).toContain('2457'); // 80 %
    expect(t).toContain('valida (scade il');
    expect(t).toContain('INVIA RESET PASSWORD');
    expect(t).toContain('CANCELLA CASELLA');
  });

  it('shows "password scaduta" after 90 days and "non ancora impostata" for a new mailbox', async () => {
    tp.p.store.principals.setHolderPassword(marioId, tp.p.store.principals.holder(marioId)!.passwordHash, tp.p.clock.now() - 91 * 86_400_000);
    expect(text((await b.page(`/admin/mailboxes/${marioId}`)).html)).toContain('password scaduta');
    const fresh = tp.p.store.mailboxes.byAddress('utente00@pec.demo.test')!;
    expect(text((await b.page(`/admin/mailboxes/${fresh.id}`)).html)).toContain('non ancora impostata');
  });
});

describe('domain isolation (issue 6 §1)', () => {
  const foreignRoutes = () => [
    ['GET', `/admin/mailboxes/${foreignId}`],
    ['GET', `/admin/mailboxes/${foreignId}/edit`],
    ['GET', `/admin/mailboxes/${foreignId}/delete`],
    ['POST', `/admin/mailboxes/${foreignId}/edit`],
    ['POST', `/admin/mailboxes/${foreignId}/email`],
    ['POST', `/admin/mailboxes/${foreignId}/reset`],
    ['POST', `/admin/mailboxes/${foreignId}/delete`],
  ] as const;

  it("answers 404 for another domain's mailbox on every route, and changes nothing", async () => {
    const before = tp.p.store.mailboxes.byId(foreignId)!;
    for (const [method, path] of foreignRoutes()) {
      const res = method === 'GET' ? await b.get(path) : await b.post(path, { state: 'disabilitata', quotaMb: '1', softLimitMb: '', conservazione: '1', type: 'C', communicationEmail: 'evil@example.com', confirmName: 'protocollo' });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
    }
    expect(tp.p.store.mailboxes.byId(foreignId)).toEqual(before);
  });

  it('answers 404 for ids that do not exist or are not numbers', async () => {
    for (const id of ['0', '999999999', '-1', '1e3', '..%2f..%2fetc', '9'.repeat(40)]) {
      expect((await b.get(`/admin/mailboxes/${id}`)).status).toBe(404);
    }
  });

  it("hides another domain's notices in the outbox (404)", async () => {
    const n = (await import('./helpers.ts')).reposOf(tp.p).notices.add({ kind: 'quota', to: 'x@example.com', subject: 's', body: 'b', mailboxId: foreignId, domainId: tp.p.store.mailboxes.byId(foreignId)!.domainId }, 0);
    expect((await b.get(`/admin/outbox/${n.id}`)).status).toBe(404);
  });
});
