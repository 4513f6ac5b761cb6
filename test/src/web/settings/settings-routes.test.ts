import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { webmailRepos } from '../../../../src/store/webmail-repos.ts';
import { Client, MARIO, PASSWORD, startTestProvider } from '../webmail/helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
let c: Client;
let mailboxId: number;
beforeAll(async () => {
  t = await startTestProvider();
  mailboxId = t.provider.store.mailboxes.byAddress(MARIO)!.id;
  c = new Client(t.provider);
  await c.login();
});
afterAll(async () => {
  await t.close();
});

describe('folders (seed 000 §2.7.1)', () => {
  it('creates a folder under a parent, renames it, refuses a duplicate and deletes it', async () => {
    const res = await c.post('/settings/folders/create', { name: 'Appalti', parent: '' });
    expect(res.headers.get('Location')).toBe('/settings/folders');
    const parent = t.provider.store.folders.byName(mailboxId, null, 'Appalti')!;
    await c.post('/settings/folders/create', { name: '2026 <b>', parent: String(parent.id) });
    const child = t.provider.store.folders.byName(mailboxId, parent.id, '2026 <b>')!;
    expect(child.parentId).toBe(parent.id);
    const page = await (await c.get('/settings/folders')).text();
    expect(page).toContain('Appalti / 2026 &lt;b&gt;');
    const dup = await c.post('/settings/folders/create', { name: 'Appalti', parent: '' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Esiste già una cartella');
    await c.post(`/settings/folders/${child.id}/rename`, { name: '2027' });
    expect(t.provider.store.folders.byId(child.id)!.name).toBe('2027');
    await c.post(`/settings/folders/${parent.id}/delete`, {});
    expect(t.provider.store.folders.byId(parent.id)).toBeUndefined();
    const inbox = t.provider.store.folders.bySpecialUse(mailboxId, '\\Inbox')!;
    expect((await c.post(`/settings/folders/${inbox.id}/delete`, {})).status).toBe(404);
  });
});

describe('notifica and inoltro (seed 000 §2.7.4-§2.7.5)', () => {
  it('sets the notification rule, shows it with the service address as Mittente, and resets it', async () => {
    expect((await c.post('/settings/notifica', { type: 'email', recipient: 'not-an-address' })).status).toBe(422);
    expect((await c.post('/settings/notifica', { type: 'email', recipient: 'x@pec.demo.test' })).status).toBe(422);
    await c.post('/settings/notifica', { type: 'email', recipient: 'mario@example.com' });
    expect(t.provider.store.pecTransactions.policy(mailboxId).notifyAddress).toBe('mario@example.com');
    const page = await (await c.get('/settings/notifica')).text();
    expect(page).toContain(t.provider.serviceAddress);
    expect(page).toContain('mario@example.com');
    await c.post('/settings/notifica/reset', {});
    expect(t.provider.store.pecTransactions.policy(mailboxId).notifyAddress).toBeNull();
  });

  it('forwards ordinary mail to an ordinary address, or to the PEC address itself as anomalia, and resets', async () => {
    await c.post('/settings/inoltro', { recipient: 'inoltro@example.com' });
    expect(t.provider.store.pecTransactions.policy(mailboxId).ordinary).toEqual({ mode: 'forward', address: 'inoltro@example.com' });
    await c.post('/settings/inoltro', { recipient: MARIO });
    expect(t.provider.store.pecTransactions.policy(mailboxId).ordinary).toEqual({ mode: 'anomalia' });
    expect(await (await c.get('/settings/inoltro')).text()).toContain(MARIO);
    await c.post('/settings/inoltro/reset', {});
    expect(t.provider.store.pecTransactions.policy(mailboxId).ordinary).toEqual({ mode: 'none' });
  });
});

describe('filters', () => {
  it('saves a filter with conditions and actions, refuses one without, shows and deletes it', async () => {
    const folder = t.provider.store.folders.create(mailboxId, 'Ricevute', null, 0);
    expect((await c.post('/settings/filters', { name: 'vuoto' })).status).toBe(422);
    await c.post('/settings/filters', { name: 'Ricevute <x>', pecKind: 'accettazione', moveToFolderId: String(folder.id), markRead: '1' });
    const [f] = webmailRepos(t.provider.store).filters.list(mailboxId);
    expect(f).toMatchObject({ name: 'Ricevute <x>', pecKind: 'accettazione', moveToFolderId: folder.id, markRead: true });
    expect(await (await c.get('/settings/filters')).text()).toContain('Ricevute &lt;x&gt;');
    await c.post(`/settings/filters/${f!.id}/delete`, {});
    expect(webmailRepos(t.provider.store).filters.list(mailboxId)).toHaveLength(0);
  });
});

describe('preferences and password (seed 000 §2.1.1, §2.7.2)', () => {
  it('saves the language', async () => {
    await c.post('/settings/preferences', { lang: 'en', layout: '2' });
    expect(await (await c.get('/settings/preferences')).text()).toContain('lang="en"');
    await c.post('/settings/preferences', { lang: 'it', layout: '2' });
  });

  it('changes the password with the policy, and the fields come back empty', async () => {
    const bad = await c.post('/settings/password', { current: PASSWORD, password: 'semplice', repeat: 'semplice' });
    expect(bad.status).toBe(422);
    const ok = await c.post('/settings/password', { current: PASSWORD, password: 'Nuova-2026!', repeat: 'Nuova-2026!' });
    expect(ok.headers.get('Location')).toBe('/settings/password');
    await c.refreshCsrf('/settings/password');
    const page = await (await c.get('/settings/password')).text();
    expect(page).not.toContain('Nuova-2026!');
    expect((await new Client(t.provider).post('/login', { username: MARIO, password: 'Nuova-2026!' })).status).toBe(303);
  });
});
