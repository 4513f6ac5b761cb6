// Every named limit of the webmail routes met with hostile input (CONVENTIONS 9).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { MAX_LOGIN_FIELD_CHARS } from '../../../../src/web/webmail/auth-routes.tsx';
import { MAX_COMPOSE_UPLOAD_BYTES } from '../../../../src/web/webmail/compose-routes.tsx';
import { MAX_SSE_STREAMS_PER_MAILBOX } from '../../../../src/web/webmail/events.ts';
import { buildMaildirZip, MAX_ZIP_MESSAGES, ZipTooLargeError } from '../../../../src/web/webmail/maildir-zip.ts';
import { MAX_SUGGESTIONS } from '../../../../src/web/webmail/rubrica-routes.tsx';
import { MAX_SELECTED_IDS } from '../../../../src/web/webmail/search-routes.tsx';
import { webmailRepos } from '../../../../src/store/webmail-repos.ts';
import { Client, MARIO, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
let c: Client;
beforeAll(async () => {
  t = await startTestProvider();
  c = new Client(t.provider);
  await c.login();
});
afterAll(async () => {
  await t.close();
});

describe('webmail limits', () => {
  it('cuts a user name past MAX_LOGIN_FIELD_CHARS and answers the generic refusal', async () => {
    const res = await new Client(t.provider).post('/login', { username: 'a'.repeat(MAX_LOGIN_FIELD_CHARS * 50), password: 'x' });
    expect(res.status).toBe(401);
    expect((await res.text()).length).toBeLessThan(MAX_LOGIN_FIELD_CHARS * 10);
  });

  it('refuses an upload above MAX_COMPOSE_UPLOAD_BYTES with 413 before reading it all', async () => {
    const fd = new FormData();
    fd.set('to', 'anna.bianchi@pec.demo.test');
    fd.set('attachments', new File([new Uint8Array(MAX_COMPOSE_UPLOAD_BYTES + 1)], 'big.bin'));
    expect((await c.post('/mail/compose', fd)).status).toBe(413);
  });

  it('refuses the stream after MAX_SSE_STREAMS_PER_MAILBOX open ones with 429', async () => {
    const open: ReadableStreamDefaultReader<Uint8Array>[] = [];
    for (let i = 0; i < MAX_SSE_STREAMS_PER_MAILBOX; i++) {
      const res = await c.get('/mail/events');
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      await reader.read();
      open.push(reader);
    }
    expect((await c.get('/mail/events')).status).toBe(429);
    for (const r of open) await r.cancel();
    await Bun.sleep(20);
    const again = await c.get('/mail/events');
    expect(again.status).toBe(200);
    await again.body!.cancel();
  });

  it('refuses more than MAX_SELECTED_IDS ticked ids with 413', async () => {
    const ids = Array.from({ length: MAX_SELECTED_IDS + 1 }, (_, i) => String(i + 1));
    expect((await c.post('/mail/search/download', { 'criteria.q': 'x', selection: 'none', ids })).status).toBe(413);
  });

  it('refuses a ZIP of more than MAX_ZIP_MESSAGES messages', () => {
    const entries = Array.from({ length: MAX_ZIP_MESSAGES + 1 }, (_, i) => ({ id: i, folderPath: 'x', isInbox: true, internalDate: 0, flags: [], raw: new Uint8Array() }));
    expect(() => buildMaildirZip(entries)).toThrow(ZipTooLargeError);
  });

  it('offers at most MAX_SUGGESTIONS contacts while typing', async () => {
    const mb = t.provider.store.mailboxes.byAddress(MARIO)!.id;
    for (let i = 0; i < MAX_SUGGESTIONS + 5; i++) webmailRepos(t.provider.store).addressBook.createContact(mb, { firstName: `Rossi${i}`, lastName: '', email: `r${i}@example.com` }, 0);
    const html = await (await c.request('/mail/rubrica/suggest?to=rossi', { hx: true, headers: { 'HX-Trigger-Name': 'to' } })).text();
    expect(html.match(/<option/g)).toHaveLength(MAX_SUGGESTIONS);
  });
});
