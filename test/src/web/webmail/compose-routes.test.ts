import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { Hono } from 'hono';
import type { SubmissionRequest } from '../../../../actors/pec/ports.ts';
import { webmailRepos } from '../../../../src/store/webmail-repos.ts';
import { installWebmail } from '../../../../src/web/webmail/install.ts';
import { buildMessage, overSizeLimit, parseRecipients } from '../../../../src/web/webmail/compose-model.ts';
import { ANNA, Client, deliver, MARIO, plainMail, startTestProvider } from './helpers.ts';

const PROTOCOLLO = 'protocollo@pec.esempio.test';
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

function form(fields: Record<string, string>, files: File[] = []): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ from: MARIO, cc: '', subject: '', body: '', receiptType: 'completa', action: 'send', ...fields })) fd.set(k, v);
  for (const f of files) fd.append('attachments', f);
  return fd;
}

async function waitFor<T>(fn: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await Bun.sleep(50);
  }
}

const inboxOf = (address: string) => {
  const mb = t.provider.store.mailboxes.byAddress(address)!;
  return t.provider.store.messages.listFolder(t.provider.store.folders.bySpecialUse(mb.id, '\\Inbox')!.id);
};

describe('compose rules', () => {
  it('parses recipients, expands a group name and lists what is neither', () => {
    const groups = (n: string) => (n.toLowerCase() === 'uffici' ? ['a@pec.demo.test', 'b@pec.demo.test'] : undefined);
    expect(parseRecipients('Uffici; Mario <m@pec.demo.test>, a@pec.demo.test, nessuno, x@', groups)).toEqual({
      addresses: ['a@pec.demo.test', 'b@pec.demo.test', 'm@pec.demo.test'],
      invalid: ['nessuno', 'x@'],
    });
  });

  it('applies size × recipients ≤ 50 MB (seed 000 §2.3)', () => {
    expect(overSizeLimit(25 * 1024 * 1024, 2)).toBe(false);
    expect(overSizeLimit(25 * 1024 * 1024 + 1, 2)).toBe(true);
  });

  it('builds a MIME message with encoded subject and the attachments', () => {
    const { raw, messageId } = buildMessage({ from: MARIO, to: [ANNA], cc: [], subject: 'Perché sì', body: 'Ciao', files: [{ filename: 'a.txt', contentType: 'text/plain', data: new TextEncoder().encode('x') }], now: Date.UTC(2026, 2, 12), domain: 'pec.demo.test' });
    const text = new TextDecoder().decode(raw);
    expect(text).toContain('Subject: =?utf-8?B?');
    expect(text).toContain('Content-Type: multipart/mixed');
    expect(text).toContain('filename=a.txt');
    expect(text).toContain(`Message-ID: ${messageId}`);
    expect(text).not.toMatch(/[^\r]\n/);
  });
});

describe('compose page and sending (seed 000 §2.3)', () => {
  it('offers the receipt types (completa by default) and the 50 MB hint', async () => {
    const html = await (await c.get('/mail/compose')).text();
    expect(html).toContain('value="completa" selected=""');
    expect(html).toContain('value="sintetica"');
    expect(html).toContain('data-max-bytes="52428800"');
  });

  it('refuses an invalid recipient and a message over the limit with clear messages', async () => {
    const bad = await c.post('/mail/compose', form({ to: 'non-un-indirizzo', subject: 'x' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Indirizzo non valido: non-un-indirizzo');
    const big = new File([new Uint8Array(26 * 1024 * 1024)], 'grande.bin', { type: 'application/octet-stream' });
    const res = await c.post('/mail/compose', form({ to: `${ANNA}, ${PROTOCOLLO}`, subject: 'grande' }, [big]));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('supera il limite');
  });

  it('sends to a rubrica group with an attachment: accettazione then consegna, receipts timeline, envelope at the recipient', async () => {
    const book = webmailRepos(t.provider.store).addressBook;
    const mario = t.provider.store.mailboxes.byAddress(MARIO)!.id;
    const a = book.createContact(mario, { firstName: 'Anna', lastName: 'Bianchi', email: ANNA }, 0);
    const p = book.createContact(mario, { firstName: 'Ufficio', lastName: 'Protocollo', email: PROTOCOLLO }, 0);
    book.saveGroup(mario, { name: 'Enti', memberIds: [a.id, p.id] }, 0);
    const pdf = new File([new TextEncoder().encode('%PDF-1.4 documento')], 'determina.pdf', { type: 'application/pdf' });
    const res = await c.post('/mail/compose', form({ to: 'Enti', subject: 'Determina <n. 118>', body: 'In allegato.' }, [pdf]));
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/mail');
    expect(await (await c.get('/mail')).text()).toContain('Messaggio inviato');

    await waitFor(() => inboxOf(MARIO).filter((m) => m.subject?.includes('Determina')).length >= 3 || undefined);
    const kinds = inboxOf(MARIO).filter((m) => m.subject?.includes('Determina')).map((m) => m.pecKind).sort();
    expect(kinds).toEqual(['accettazione', 'avvenuta-consegna', 'avvenuta-consegna']);

    const sent = t.provider.store.messages.listFolder(t.provider.store.folders.bySpecialUse(mario, '\\Sent')!.id)[0]!;
    const view = await (await c.get(`/mail/messages/${sent.id}`, true)).text();
    expect(view).toContain('class="receipts"');
    expect(view).toContain(ANNA);
    expect(view).toContain(PROTOCOLLO);
    expect(view.match(/step step-done/g)!.length).toBeGreaterThanOrEqual(4);

    const envelope = inboxOf(ANNA).find((m) => m.pecKind === 'posta-certificata' && m.subject?.includes('Determina'))!;
    expect(envelope.subject).toBe('POSTA CERTIFICATA: Determina <n. 118>');
    const anna = new Client(t.provider);
    await anna.login(ANNA);
    const list = await (await anna.get('/mail')).text();
    expect(list).toContain(`Per conto di: ${MARIO}`);
    const ev = await (await anna.get(`/mail/messages/${envelope.id}`, true)).text();
    expect(ev).toContain('Determina &lt;n. 118&gt;');
    expect(ev).toContain('class="cert-box"');
    expect(ev).toContain('sig-valida');
    expect(ev).toContain('determina.pdf');
  });

  it('prefills Rispondi with the sender and "Re:", and Inoltra keeps the attachments', async () => {
    const d = await deliver(t.provider, MARIO, plainMail({ subject: 'Richiesta', from: 'Ente <ente@pec.esempio.test>', body: 'Testo originale' }));
    const reply = await (await c.get(`/mail/compose?reply=${d.id}`)).text();
    expect(reply).toContain('value="ente@pec.esempio.test"');
    expect(reply).toContain('value="Re: Richiesta"');
    expect(reply).toContain('&gt; Testo originale');
    const withAtt = inboxOf(ANNA).find((m) => m.pecKind === 'posta-certificata')!;
    const anna = new Client(t.provider);
    await anna.login(ANNA);
    const fwd = await (await anna.get(`/mail/compose?forward=${withAtt.id}`)).text();
    expect(fwd).toContain('name="keep"');
    expect(fwd).toContain('determina.pdf');
  });

  it('saves a draft into Bozze without sending', async () => {
    const res = await c.post('/mail/compose', form({ to: '', subject: 'Bozza di lettera', action: 'draft' }));
    expect(res.status).toBe(303);
    const mario = t.provider.store.mailboxes.byAddress(MARIO)!.id;
    const drafts = t.provider.store.messages.listFolder(t.provider.store.folders.bySpecialUse(mario, '\\Drafts')!.id);
    expect(drafts.map((m) => m.subject)).toContain('Bozza di lettera');
    expect(drafts[0]!.flags).toContain('\\Draft');
  });

  it('reopens a draft from Bozze ("Modifica bozza") and replaces it when saved again', async () => {
    const mario = t.provider.store.mailboxes.byAddress(MARIO)!.id;
    const draftsId = t.provider.store.folders.bySpecialUse(mario, '\\Drafts')!.id;
    await c.post('/mail/compose', form({ to: ANNA, subject: 'Bozza da riprendere', body: 'prima stesura', action: 'draft' }, [new File(['x'], 'nota.txt', { type: 'text/plain' })]));
    const d = t.provider.store.messages.listFolder(draftsId).find((m) => m.subject === 'Bozza da riprendere')!;
    const preview = await (await c.get(`/mail/messages/${d.id}`, true)).text();
    expect(preview).toContain(`href="/mail/compose?draft=${d.id}"`);
    expect(preview).not.toContain('>Rispondi<');
    const page = await (await c.get(`/mail/compose?draft=${d.id}`)).text();
    expect(page).toContain(`name="draftId" value="${d.id}"`);
    expect(page).toContain('prima stesura');
    const keep = /name="keep" value="([^"]+)"/.exec(page)![1]!;
    const fd = form({ to: ANNA, subject: 'Bozza da riprendere', body: 'seconda stesura', action: 'draft', draftId: String(d.id) });
    fd.append('keep', keep);
    await c.post('/mail/compose', fd);
    const now = t.provider.store.messages.listFolder(draftsId).filter((m) => m.subject === 'Bozza da riprendere');
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(d.id);
    expect(now[0]!.hasAttachments).toBe(true);
    const inbox = t.provider.store.folders.bySpecialUse(mario, '\\Inbox')!.id;
    const notDraft = t.provider.store.messages.listFolder(inbox)[0]!;
    expect((await c.get(`/mail/compose?draft=${notDraft.id}`)).status).toBe(404);
  });

  it('suggests contacts and groups, keeping the recipients already typed', async () => {
    const res = await c.request('/mail/rubrica/suggest?to=' + encodeURIComponent(`${ANNA}, en`), { headers: { 'HX-Trigger-Name': 'to' }, hx: true });
    const html = await res.text();
    expect(html).toContain(`value="${ANNA}, Enti"`);
  });
});

describe('the punto di accesso answers', () => {
  /** The webmail over the same provider with a fake SubmissionPort (or none). */
  async function withPort(submit?: (r: SubmissionRequest) => Promise<unknown>) {
    const web = new Hono();
    installWebmail(web, { ...t.provider, submission: submit ? { submit: submit as never } : undefined });
    const client = new Client(t.provider, web);
    await client.login();
    return client;
  }

  it('shows an avviso di non accettazione\'s reasons on the form, escaped', async () => {
    const seen: SubmissionRequest[] = [];
    const client = await withPort(async (r) => {
      seen.push(r);
      return { status: 'not-accepted', identificativo: 'x', reasons: [{ code: 'limite-giornaliero', text: 'Superato il limite <giornaliero>' }] };
    });
    const res = await client.post('/mail/compose', form({ to: ANNA, subject: 'Oltre', receiptType: 'sintetica' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Messaggio non accettato: Superato il limite &lt;giornaliero&gt;');
    expect(seen[0]).toMatchObject({ envelopeFrom: MARIO, recipients: [ANNA], tipoRicevuta: 'sintetica', channel: 'webmail' });
    expect(seen[0]!.principal.kind).toBe('titolare');
  });

  it('forwards a received PEC with the original\'s attachments kept (Inoltra)', async () => {
    const seen: SubmissionRequest[] = [];
    const web = new Hono();
    installWebmail(web, { ...t.provider, submission: { submit: async (r) => (seen.push(r), { status: 'accepted', identificativo: 'i', messageId: 'm' }) } });
    const anna = new Client(t.provider, web);
    await anna.login(ANNA);
    const envelope = inboxOf(ANNA).find((m) => m.pecKind === 'posta-certificata')!;
    const page = await (await anna.get(`/mail/compose?forward=${envelope.id}`)).text();
    const keep = /name="keep" value="([^"]+)"/.exec(page)![1]!;
    expect(keep).toBe(`${envelope.id}:o0`);
    const fd = form({ to: 'ufficio@example.com', subject: 'I: Determina', body: 'inoltro' });
    fd.set('from', ANNA);
    fd.append('keep', keep);
    fd.append('keep', '999999:o0');
    const res = await anna.post('/mail/compose', fd);
    expect(res.status).toBe(404);
    fd.delete('keep');
    fd.append('keep', keep);
    expect((await anna.post('/mail/compose', fd)).status).toBe(303);
    const raw = new TextDecoder().decode(seen[0]!.raw);
    expect(raw).toContain('filename=determina.pdf');
    expect(raw).toContain('Subject: I: Determina');
  });

  it('answers 503 with the form kept when there is no punto di accesso', async () => {
    const client = await withPort();
    const res = await client.post('/mail/compose', form({ to: ANNA, subject: 'Senza porta' }));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('value="Senza porta"');
  });
});
