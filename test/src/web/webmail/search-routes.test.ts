import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { unzipSync } from 'fflate';
import { italianMidnight } from '../../../../src/web/webmail/search-routes.tsx';
import { maildirInfo, maildirPath } from '../../../../src/web/webmail/maildir-zip.ts';
import { Client, deliver, MARIO, plainMail, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
let c: Client;
let inbox: number;
let appalti: number;
let sub: number;
const DAY = 86_400_000;
const MAR_10 = Date.UTC(2026, 2, 10, 10);

beforeAll(async () => {
  t = await startTestProvider();
  c = new Client(t.provider);
  await c.login();
  const mb = t.provider.store.mailboxes.byAddress(MARIO)!.id;
  inbox = t.provider.store.folders.bySpecialUse(mb, '\\Inbox')!.id;
  appalti = t.provider.store.folders.create(mb, 'Appalti', null, 0).id;
  sub = t.provider.store.folders.create(mb, '2026', appalti, 0).id;
  await deliver(t.provider, MARIO, plainMail({ subject: 'Gara ponte', body: 'capitolato tecnico' }), { internalDate: MAR_10 });
  await deliver(t.provider, MARIO, plainMail({ subject: 'Gara scuola', body: 'offerta' }), { internalDate: MAR_10 + DAY, folder: appalti, flags: ['\\Seen', '\\Flagged'] });
  await deliver(t.provider, MARIO, plainMail({ subject: 'Verbale gara', body: 'seduta' }), { internalDate: MAR_10 + 2 * DAY, folder: sub });
  await deliver(t.provider, MARIO, plainMail({ subject: 'Altro', body: 'niente' }), { internalDate: MAR_10 });
});
afterAll(async () => {
  await t.close();
});

const hits = async (q: Record<string, string>) => {
  const html = await (await c.get(`/mail/search?${new URLSearchParams(q)}`, true)).text();
  return [...html.matchAll(/name="ids" value="(\d+)"/g)].length;
};

describe('search (seed 000 §2.4)', () => {
  it('finds a phrase in the subject, everywhere, in a folder, with subfolders', async () => {
    expect(await hits({ q: 'gara', field: 'subject', scope: 'all', folder: String(inbox) })).toBe(3);
    expect(await hits({ q: 'gara', field: 'subject', scope: 'current', folder: String(appalti) })).toBe(1);
    expect(await hits({ q: 'gara', field: 'subject', scope: 'subfolders', folder: String(appalti) })).toBe(2);
    expect(await hits({ q: 'capitolato', field: 'body', scope: 'all', folder: String(inbox) })).toBe(1);
    expect(await hits({ q: 'capitolato', field: 'subject', scope: 'all', folder: String(inbox) })).toBe(0);
  });

  it('applies date criteria on Italian calendar days', async () => {
    const base = { q: 'gara', field: 'all', scope: 'all', folder: String(inbox) };
    expect(await hits({ ...base, date: 'on', from: '2026-03-11' })).toBe(1);
    expect(await hits({ ...base, date: 'after', from: '2026-03-10' })).toBe(2);
    expect(await hits({ ...base, date: 'before', from: '2026-03-11' })).toBe(1);
    expect(await hits({ ...base, date: 'between', from: '2026-03-11', to: '2026-03-12' })).toBe(2);
    expect(italianMidnight('2026-03-11')).toBe(Date.UTC(2026, 2, 10, 23));
    expect(italianMidnight('2026-13-45x')).toBeUndefined();
  });

  it('renders the page from the header quick search and escapes a hostile phrase', async () => {
    const res = await c.get(`/mail/search?q=${encodeURIComponent('<script>x</script>')}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('bulk download and delete', () => {
  it('names maildir files with the flag suffix in ASCII order', () => {
    expect(maildirInfo(['\\Seen', '\\Flagged', '\\Answered'])).toBe(':2,FRS');
    expect(maildirPath({ id: 7, folderPath: 'Appalti/2026', isInbox: false, internalDate: 1_000_000, flags: ['\\Seen'], raw: new Uint8Array() })).toBe('.Appalti.2026/cur/1000.M7.pec:2,S');
    expect(maildirPath({ id: 8, folderPath: 'Posta in arrivo', isInbox: true, internalDate: 2_000, flags: [], raw: new Uint8Array() })).toBe('new/2.M8.pec');
  });

  it('downloads every hit across pages as a maildir ZIP with cur/ and new/', async () => {
    const crit = { 'criteria.q': 'gara', 'criteria.field': 'subject', 'criteria.scope': 'all', 'criteria.folder': String(inbox), 'criteria.date': 'any' };
    const res = await c.post('/mail/search/download', { ...crit, selection: 'all' });
    expect(res.headers.get('Content-Type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files).filter((n) => !n.endsWith('/')).sort();
    expect(names).toHaveLength(3);
    expect(names.some((n) => /^Maildir\/new\/\d+\.M\d+\.pec$/.test(n))).toBe(true);
    expect(names.some((n) => /^Maildir\/\.Appalti\/cur\/\d+\.M\d+\.pec:2,FS$/.test(n))).toBe(true);
    expect(names.some((n) => /^Maildir\/\.Appalti\.2026\/new\//.test(n))).toBe(true);
    expect(Object.keys(files)).toContain('Maildir/tmp/');
    const one = names.find((n) => n.includes('.Appalti/cur'))!;
    expect(new TextDecoder().decode(files[one])).toContain('Subject: Gara scuola');
    const unread = unzipSync(new Uint8Array(await (await c.post('/mail/search/download', { ...crit, selection: 'unread' })).arrayBuffer()));
    expect(Object.keys(unread).filter((n) => !n.endsWith('/'))).toHaveLength(2);
  });

  it('deletes the ticked hits (to the Cestino) and redirects back to the search', async () => {
    const html = await (await c.get(`/mail/search?q=altro&field=subject&scope=all&folder=${inbox}`, true)).text();
    const id = /name="ids" value="(\d+)"/.exec(html)![1]!;
    const res = await c.post('/mail/search/delete', { 'criteria.q': 'altro', 'criteria.field': 'subject', 'criteria.scope': 'all', 'criteria.folder': String(inbox), selection: 'none', ids: id });
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toStartWith('/mail/search?q=altro');
    const mb = t.provider.store.mailboxes.byAddress(MARIO)!.id;
    expect(t.provider.store.messages.getById(Number(id))!.folderId).toBe(t.provider.store.folders.bySpecialUse(mb, '\\Trash')!.id);
  });
});
