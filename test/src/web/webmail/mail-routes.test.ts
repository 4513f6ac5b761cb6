import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { hashPassword } from '../../../../src/auth/hash.ts';
import { BODY_CSP } from '../../../../src/web/webmail/message-files.tsx';
import { Client, deliver, MARIO, plainMail, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
let c: Client;
let mailboxId: number;
const folder = (use: '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash') => t.provider.store.folders.bySpecialUse(mailboxId, use)!;

beforeAll(async () => {
  t = await startTestProvider();
  mailboxId = t.provider.store.mailboxes.byAddress(MARIO)!.id;
  c = new Client(t.provider);
  await c.login();
});
afterAll(async () => {
  await t.close();
});

const MULTIPART = `From: Ufficio <ufficio@example.com>
To: ${MARIO}
Subject: Con allegato
Date: Thu, 12 Mar 2026 09:00:00 +0100
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Vedi allegato.
--b1
Content-Type: text/html; name="evil.html"
Content-Disposition: attachment; filename="../../evil.html"

<script>alert(1)</script>
--b1--
`;

describe('main screen (seed 000 §2.1)', () => {
  it('shows the inbox with folders, unread count, quota and a hostile subject escaped', async () => {
    await deliver(t.provider, MARIO, plainMail({ subject: 'Avviso <img src=x onerror=alert(1)>' }));
    const res = await c.get('/mail');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('role="treegrid"');
    expect(html).toContain('id="quota-meter"');
    expect(html).toContain('class="unread-count"');
    expect(html).toContain('Avviso &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
  });

  it('serves a folder as a full page or, with HX-Request, as the list fragment (Vary: HX-Request)', async () => {
    const page = await c.get(`/mail/folders/${folder('\\Inbox').id}?sort=subject&dir=asc`);
    expect(page.headers.get('Vary')).toContain('HX-Request');
    expect(await page.text()).toContain('<html');
    const frag = await c.get(`/mail/folders/${folder('\\Inbox').id}?sort=subject&dir=asc`, true);
    const html = await frag.text();
    expect(frag.headers.get('Vary')).toContain('HX-Request');
    expect(html).toStartWith('<section id="message-list"');
    expect(html).toContain('aria-sort="ascending"');
  });

  it('answers 404 for a folder or message of another mailbox and for junk ids', async () => {
    const anna = t.provider.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!;
    const other = t.provider.store.folders.bySpecialUse(anna.id, '\\Inbox')!;
    expect((await c.get(`/mail/folders/${other.id}`)).status).toBe(404);
    expect((await c.get('/mail/folders/1%27%20OR%201=1')).status).toBe(404);
    expect((await c.get('/mail/messages/999999')).status).toBe(404);
  });

  it('remembers the 3-column layout preference', async () => {
    await c.post('/settings/preferences', { lang: 'it', layout: '3' });
    expect(await (await c.get('/mail')).text()).toContain('layout-3');
    await c.post('/settings/preferences', { lang: 'it', layout: '2' });
    expect(await (await c.get('/mail')).text()).toContain('layout-2');
  });
});

describe('reading', () => {
  it('opens a message as preview + out-of-band toolbar and marks it read', async () => {
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Da leggere', body: 'Corpo <b>non html</b>' }));
    const res = await c.get(`/mail/messages/${d.id}`, true);
    const html = await res.text();
    expect(html).toContain('<pre class="body-text">Corpo &lt;b&gt;non html&lt;/b&gt;');
    expect(html).toContain('id="toolbar"');
    expect(html).toContain('hx-swap-oob="true"');
    expect(t.provider.store.messages.getById(d.id)!.flags).toContain('\\Seen');
    const page = await c.get(`/mail/messages/${d.id}`);
    expect(await page.text()).toContain('<html');
  });

  it('shows HTML mail only in a sandboxed frame whose own route sanitizes it under a strict CSP', async () => {
    const hostile = '<style>p{color:red}</style><p onclick="x()">Ciao</p><script>alert(1)</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(1)">x</a><iframe src="https://evil.example"></iframe>';
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Html', html: hostile }));
    const view = await (await c.get(`/mail/messages/${d.id}`, true)).text();
    expect(view).toContain('sandbox=""');
    expect(view).toContain(`src="/mail/messages/${d.id}/body/main"`);
    expect(view).not.toContain('allow-scripts');
    const body = await c.get(`/mail/messages/${d.id}/body/main`);
    const doc = await body.text();
    expect(body.headers.get('Content-Security-Policy')).toBe(BODY_CSP);
    expect(body.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(doc).toContain('<style>p{color:red}</style>');
    expect(doc).toContain('<p>Ciao</p>');
    for (const bad of ['<script', 'onclick', 'tracker.example', 'javascript:', '<iframe']) expect(doc).not.toContain(bad);
    expect((await c.get(`/mail/messages/${d.id}/body/other`)).status).toBe(404);
  });

  it('downloads the .eml, shows the source as text and serves attachments only as downloads', async () => {
    const d = await deliver(t.provider, MARIO, MULTIPART, { hasAttachments: true });
    const eml = await c.get(`/mail/messages/${d.id}/eml`);
    expect(eml.headers.get('Content-Type')).toBe('message/rfc822');
    expect(eml.headers.get('Content-Disposition')).toStartWith('attachment;');
    expect(await eml.text()).toContain('Subject: Con allegato');
    const src = await c.get(`/mail/messages/${d.id}/source`);
    expect(src.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    const view = await (await c.get(`/mail/messages/${d.id}`, true)).text();
    const part = /attachments\/([a-z0-9]+)"/.exec(view)![1]!;
    const att = await c.get(`/mail/messages/${d.id}/attachments/${part}`);
    expect(att.headers.get('Content-Disposition')).toContain('filename="evil.html"');
    expect(att.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(await att.text()).toContain('<script>');
    expect((await c.get(`/mail/messages/${d.id}/attachments/p99`)).status).toBe(404);
    const print = await c.get(`/mail/messages/${d.id}/print`);
    expect(await print.text()).toContain('data-auto-print="1"');
  });
});

describe('actions on a message', () => {
  it('flags, copies, moves, deletes to the Cestino and from the Cestino removes for good', async () => {
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Da spostare' }));
    const own = t.provider.store.folders.create(mailboxId, 'Appalti', null, t.provider.clock.now());
    const flagged = await c.post(`/mail/messages/${d.id}/flag`, { flagged: '1' }, { hx: true });
    expect(t.provider.store.messages.getById(d.id)!.flags).toContain('\\Flagged');
    // the toolbar comes back out of band with the new state, so the next click unflags
    const fhtml = await flagged.text();
    expect(fhtml).toContain('aria-pressed="true"');
    expect(fhtml).toContain('{&quot;flagged&quot;:&quot;0&quot;}');
    const copy = await c.post(`/mail/messages/${d.id}/copy`, { folder: String(own.id) }, { hx: true });
    expect(await copy.text()).toContain('id="message-list"');
    expect(t.provider.store.messages.listFolder(own.id)).toHaveLength(1);
    await c.post(`/mail/messages/${d.id}/move`, { folder: String(own.id) }, { hx: true });
    expect(t.provider.store.messages.getById(d.id)!.folderId).toBe(own.id);
    const deleted = await (await c.post(`/mail/messages/${d.id}/delete`, {}, { hx: true })).text();
    expect(t.provider.store.messages.getById(d.id)!.folderId).toBe(folder('\\Trash').id);
    // it left the list: the preview empties and the toolbar loses its selection, out of band
    expect(deleted).toContain('<section id="preview" class="preview"');
    expect(deleted).toMatch(/id="toolbar"[^>]*hx-swap-oob="true"/);
    expect(deleted).not.toContain(`/mail/messages/${d.id}/delete`);
    await c.post(`/mail/messages/${d.id}/delete`, {}, { hx: true });
    expect(t.provider.store.messages.getById(d.id)).toBeUndefined();
  });

  it('refuses to move into another mailbox\'s folder', async () => {
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Mio' }));
    const anna = t.provider.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!;
    const res = await c.post(`/mail/messages/${d.id}/move`, { folder: String(t.provider.store.folders.bySpecialUse(anna.id, '\\Inbox')!.id) }, { hx: true });
    expect(res.status).toBe(404);
    expect(t.provider.store.messages.getById(d.id)!.folderId).toBe(folder('\\Inbox').id);
  });

  it('gives a "solo consultazione" collaborator no send/delete/move controls and refuses them with 403', async () => {
    const col = t.provider.store.principals.createCollaborator({ mailboxId, username: 'lettore', profile: 'solo-consultazione' }, t.provider.clock.now());
    t.provider.store.principals.setCollaboratorPassword(col.id, await hashPassword('Lettore-2026!'), t.provider.clock.now());
    const r = new Client(t.provider);
    await r.login(`lettore/${MARIO}`, 'Lettore-2026!');
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Solo lettura' }));
    const preview = await (await r.get(`/mail/messages/${d.id}`, true)).text();
    for (const label of ['Nuova mail', 'Rispondi', 'Elimina', 'Sposta']) expect(preview).not.toContain(`>${label}<`);
    expect((await r.post(`/mail/messages/${d.id}/delete`, {}, { hx: true })).status).toBe(403);
    expect((await r.post(`/mail/messages/${d.id}/move`, { folder: String(folder('\\Trash').id) }, { hx: true })).status).toBe(403);
    expect((await r.get('/mail/compose')).status).toBe(403);
    expect((await r.post('/mail/compose', { to: 'x@example.com', action: 'send' })).status).toBe(403);
    expect(t.provider.store.messages.getById(d.id)!.folderId).toBe(folder('\\Inbox').id);
  });
});

describe('live updates', () => {
  it('streams a `changed` event when a message arrives (SSE at /mail/events)', async () => {
    const res = await c.get('/mail/events');
    expect(res.headers.get('Content-Type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let seen = '';
    const readUntil = async (needle: string) => {
      while (!seen.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        seen += dec.decode(value);
      }
    };
    await readUntil('event: ready');
    await deliver(t.provider, MARIO, plainMail({ subject: 'In diretta' }));
    await readUntil('event: changed');
    expect(seen).toContain('event: changed');
    expect(seen).toContain('exists');
    await reader.cancel();
  });
});
