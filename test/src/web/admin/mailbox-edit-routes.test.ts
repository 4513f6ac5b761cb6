import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { defaultSoftLimit } from '../../../../src/config/mailbox-types.ts';
import { LoginRefusedError } from '../../../../src/auth/login-refusal.ts';
import { MAX_QUOTA_MB } from '../../../../src/web/admin/forms.ts';
import { Browser, reposOf, testProvider, text, type TestProvider } from './helpers.ts';

const MB = 1024 * 1024;
let tp: TestProvider;
let b: Browser;

beforeAll(async () => {
  tp = await testProvider();
  await tp.p.provisioning.addAdmin('demo-admin', 'Demo-admin1!', ['pec.demo.test']);
  b = new Browser(tp.p.web);
  await b.login('demo-admin', 'Demo-admin1!');
  await b.page('/admin/mailboxes');
});
afterAll(() => tp.stop());

const byAddress = (a: string) => tp.p.store.mailboxes.byAddress(a)!;
const outboxTo = (to: string) => reposOf(tp.p).notices.list(byAddress('mario.rossi@pec.demo.test').domainId, { limit: 1000 }).rows.filter((n) => n.to === to);
const inboxSubjects = (address: string) => {
  const m = byAddress(address);
  return tp.p.store.messages.listFolder(tp.p.store.folders.bySpecialUse(m.id, '\\Inbox')!.id).map((x) => x.subject);
};
const login = (address: string, password: string) =>
  tp.p.auth.loginMailbox({ login: address, password, channel: 'imap', remote: '127.0.0.9', secure: true });

describe('create a mailbox (seed 003 "Creare una casella")', () => {
  const create = (f: Record<string, string>) => b.post('/admin/mailboxes/new', { type: 'A', conservazione: '0', ...f });

  it.each([
    ['', 'Indica il nome della casella'],
    ['nome con spazi', 'non può contenere spazi'],
    ['nome@pec.demo.test', 'senza "@pec.demo.test"'],
    ['.punto', 'solo lettere minuscole'],
    ['a..b', 'solo lettere minuscole'],
    ['àccento', 'solo lettere minuscole'],
    ['x'.repeat(65), 'al massimo 64 caratteri'],
    ['posta-certificata', 'riservato al servizio'],
    ['mario.rossi', 'esiste già'],
    ['n'.repeat(600), 'Indica il nome della casella'], // beyond MAX_FIELD_LENGTH: dropped as hostile
  ])('refuses the name %p with a message in the form (400)', async (name, message) => {
    const res = await create({ name, communicationEmail: 'x@example.com' });
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain(message);
  });

  it('refuses a missing or malformed communication e-mail and hostile choices', async () => {
    for (const email of ['', 'no-at', 'a@b', '<x@example.com>', 'a b@example.com']) {
      expect((await create({ name: 'valida', communicationEmail: email })).status).toBe(400);
    }
    expect((await create({ name: 'valida', communicationEmail: 'x@example.com', type: 'Z' })).status).toBe(400);
    expect((await create({ name: 'valida', communicationEmail: 'x@example.com', conservazione: 'maybe' })).status).toBe(400);
    expect(tp.p.store.mailboxes.byAddress('valida@pec.demo.test')).toBeUndefined();
  });

  it('creates the mailbox without a password and sends the one-time link to the communication e-mail', async () => {
    const res = await create({ name: 'Nuova.Casella', communicationEmail: 'Titolare@Example.com', type: 'B', conservazione: '1' });
    expect(res.status).toBe(302);
    const m = byAddress('nuova.casella@pec.demo.test');
    expect(m).toMatchObject({ state: 'attiva', type: 'B', conservazione: true, communicationEmail: 'titolare@example.com' });
    expect(tp.p.store.principals.holder(m.id)).toBeUndefined();
    const [notice] = outboxTo('titolare@example.com');
    expect(notice!.kind).toBe('mailbox-created');
    expect(notice!.body).toContain('nuo*****@pec.demo.test');
    expect(notice!.body).toMatch(/http:\/\/localhost\/reset\/[A-Za-z0-9_-]{43}/);
    const list = await b.page('/admin/mailboxes');
    expect(text(list.html)).toContain('La casella nuova.casella@pec.demo.test è stata creata con successo');
    expect(reposOf(tp.p).admin.audit(m.domainId).rows[0]).toMatchObject({ action: 'mailbox-created', mailboxAddress: m.address, adminUsername: 'demo-admin' });
  });
});

describe('edit a mailbox (seed 003 "Modificare una casella")', () => {
  it('sets the quota in MB with the soft limit following at 80 %, or by hand', async () => {
    const m = byAddress('anna.bianchi@pec.demo.test');
    await b.page(`/admin/mailboxes/${m.id}/edit`);
    const base = { state: 'attiva', conservazione: '0', type: 'A' };
    expect((await b.post(`/admin/mailboxes/${m.id}/edit`, { ...base, quotaMb: '1000', softLimitMb: '' })).status).toBe(302);
    expect(byAddress(m.address)).toMatchObject({ quotaBytes: 1000 * MB, softLimitBytes: defaultSoftLimit(1000 * MB), softLimitManual: false });
    expect((await b.post(`/admin/mailboxes/${m.id}/edit`, { ...base, quotaMb: '1000', softLimitMb: '500' })).status).toBe(302);
    expect(byAddress(m.address)).toMatchObject({ softLimitBytes: 500 * MB, softLimitManual: true });
    expect((await b.post(`/admin/mailboxes/${m.id}/edit`, { ...base, quotaMb: '2000', softLimitMb: '' })).status).toBe(302);
    expect(byAddress(m.address)).toMatchObject({ quotaBytes: 2000 * MB, softLimitBytes: defaultSoftLimit(2000 * MB), softLimitManual: false });
  });

  it.each([
    ['a zero quota', { quotaMb: '0' }, 'tra 1 e'],
    ['a quota above MAX_QUOTA_MB', { quotaMb: String(MAX_QUOTA_MB + 1) }, 'tra 1 e'],
    ['a negative quota', { quotaMb: '-5' }, 'tra 1 e'],
    ['a quota in exponent notation', { quotaMb: '1e3' }, 'tra 1 e'],
    ['a 10 kB quota field', { quotaMb: '1'.repeat(10_000) }, 'tra 1 e'],
    ['a soft limit above the quota', { quotaMb: '100', softLimitMb: '101' }, 'non superiore alla quota'],
    ['the state cancellata (only by CANCELLA CASELLA)', { state: 'cancellata' }, 'Valore non ammesso'],
    ['an unknown type', { type: 'D' }, 'Valore non ammesso'],
  ])('refuses %s (400) and leaves the mailbox unchanged', async (_label, patch, message) => {
    const m = byAddress('anna.bianchi@pec.demo.test');
    const res = await b.post(`/admin/mailboxes/${m.id}/edit`, { state: 'attiva', conservazione: '0', type: 'A', quotaMb: '100', softLimitMb: '', ...patch });
    expect(res.status).toBe(400);
    expect(text(await res.text())).toContain(message);
    expect(byAddress(m.address)).toEqual(m);
  });

  it('warns when the quota is set below the space already used', async () => {
    const m = byAddress('anna.bianchi@pec.demo.test');
    tp.p.store.transaction(() => tp.p.store.messages.insertMessage(tp.p.store.folders.bySpecialUse(m.id, '\\Inbox')!.id, { internalDate: 0, size: 3 * MB, blobHash: 'a'.repeat(64) }));
    await b.post(`/admin/mailboxes/${m.id}/edit`, { state: 'attiva', conservazione: '0', type: 'A', quotaMb: '2', softLimitMb: '' });
    const page = await b.page(`/admin/mailboxes/${m.id}`);
    expect(text(page.html)).toContain('inferiore allo spazio già utilizzato');
  });

  it('changes the communication e-mail and tells the new address, the old one and the PEC mailbox', async () => {
    const m = byAddress('mario.rossi@pec.demo.test');
    const res = await b.post(`/admin/mailboxes/${m.id}/email`, { communicationEmail: 'mario.nuovo@example.com' });
    expect(res.status).toBe(302);
    expect(byAddress(m.address).communicationEmail).toBe('mario.nuovo@example.com');
    expect(outboxTo('mario.nuovo@example.com').map((n) => n.kind)).toContain('communication-email');
    expect(outboxTo('mario.rossi@example.com').map((n) => n.kind)).toContain('communication-email');
    expect(inboxSubjects(m.address)).toContain("Modifica dell'indirizzo e-mail per le comunicazioni");
    expect((await b.post(`/admin/mailboxes/${m.id}/email`, { communicationEmail: 'not-an-address' })).status).toBe(400);
  });

  it('disables a mailbox (its web sessions end, login refused), then enables it again', async () => {
    const m = byAddress('mario.rossi@pec.demo.test');
    const now = tp.p.clock.now();
    tp.p.store.principals.setHolderPassword(m.id, tp.p.store.principals.holder(m.id)!.passwordHash, now);
    tp.p.store.sessions.createSession({ tokenHash: 'f'.repeat(64), principal: { kind: 'holder', id: m.id }, expiresAt: now + 60_000 }, now);
    const base = { conservazione: '0', type: 'A', quotaMb: '3072', softLimitMb: '' };
    expect((await b.post(`/admin/mailboxes/${m.id}/edit`, { ...base, state: 'disabilitata' })).status).toBe(302);
    expect(byAddress(m.address).state).toBe('disabilitata');
    expect(tp.p.store.sessions.session('f'.repeat(64), now)).toBeUndefined();
    const refused = await login(m.address, 'DemoPec-2026!').catch((e) => e);
    expect(refused).toBeInstanceOf(LoginRefusedError);
    expect((refused as LoginRefusedError).reason).toBe('mailbox-disabled');
    expect((await b.post(`/admin/mailboxes/${m.id}/edit`, { ...base, state: 'attiva' })).status).toBe(302);
    expect((await login(m.address, 'DemoPec-2026!')).principal.address).toBe(m.address);
    const log = reposOf(tp.p).admin.audit(m.domainId).rows.filter((r) => r.action === 'mailbox-state');
    expect(log.map((r) => r.detail)).toEqual(['stato: disabilitata → attiva', 'stato: attiva → disabilitata']);
  });

  it('sends a reset link on INVIA RESET PASSWORD, and refuses when there is no communication e-mail', async () => {
    const m = byAddress('mario.rossi@pec.demo.test');
    expect((await b.post(`/admin/mailboxes/${m.id}/reset`, {})).status).toBe(302);
    expect(outboxTo('mario.nuovo@example.com').some((n) => n.kind === 'reset-link' && /\/reset\/[A-Za-z0-9_-]{43}/.test(n.body))).toBe(true);
    const outbox = await b.page('/admin/outbox');
    expect(text(outbox.html)).toContain('Reset della password della tua casella PEC');
    const id = /href="\/admin\/outbox\/(\d+)">Reset della password/.exec(outbox.html)![1];
    const notice = await b.page(`/admin/outbox/${id}`);
    expect(notice.html).toMatch(/<a href="http:\/\/localhost\/reset\/[A-Za-z0-9_-]{43}" class="mono"/);
    expect((await b.get('/admin/outbox/99999999')).status).toBe(404);
    const bare = await tp.p.provisioning.addMailbox({ address: 'senza.email@pec.demo.test' });
    await b.post(`/admin/mailboxes/${bare.id}/reset`, {});
    expect(text((await b.page(`/admin/mailboxes/${bare.id}`)).html)).toContain('non ha un indirizzo e-mail');
  });
});

describe('delete a mailbox (seed 003 "Cancellare una casella")', () => {
  it('asks for confirmation, then removes every message for good and locks the name', async () => {
    const m = await tp.p.provisioning.addMailbox({ address: 'da.cancellare@pec.demo.test', communicationEmail: 'c@example.com' });
    const raw = new TextEncoder().encode('Subject: x\r\n\r\nbody\r\n');
    const hash = await tp.p.store.blobs.put(raw);
    tp.p.store.transaction(() => tp.p.store.messages.insertMessage(tp.p.store.folders.bySpecialUse(m.id, '\\Inbox')!.id, { internalDate: 0, size: raw.length, blobHash: hash }));
    const confirm = await b.page(`/admin/mailboxes/${m.id}/delete`);
    expect(text(confirm.html)).toContain('non sarà più possibile recuperarli');
    expect((await b.post(`/admin/mailboxes/${m.id}/delete`, { confirmName: 'altro' })).status).toBe(400);
    expect(byAddress(m.address).state).toBe('attiva');
    expect((await b.post(`/admin/mailboxes/${m.id}/delete`, { confirmName: 'da.cancellare' })).status).toBe(302);
    expect(byAddress(m.address)).toMatchObject({ state: 'cancellata', usedBytes: 0 });
    expect(await tp.p.store.blobs.has(hash)).toBe(false);
    expect(text((await b.page(`/admin/mailboxes/${m.id}`)).html)).toContain('CANCELLATA');
    // Cancelled is final: no edit, no reset, no second delete.
    expect((await b.get(`/admin/mailboxes/${m.id}/edit`)).status).toBe(409);
    expect((await b.post(`/admin/mailboxes/${m.id}/reset`, {})).status).toBe(409);
    const again = await b.post('/admin/mailboxes/new', { name: 'da.cancellare', communicationEmail: 'c@example.com', type: 'A', conservazione: '0' });
    expect(again.status).toBe(400);
    expect(text(await again.text())).toContain('il nome non può essere riutilizzato');
  });
});
