// "Nuova mail" (seed 000 §2.3): the form (new, reply, reply all, forward, duplicate), the rubrica groups expanded,
// the size × recipients limit checked with a clear message, the MIME built here and submitted to the punto di
// accesso through provider.submission (channel 'webmail'); "Salva bozza" stores it in Bozze.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DeliverReply, ExpungeReply } from '../../../actors/mailbox/messages.ts';
import { MAILBOX_TYPES, MAX_SIZE_TIMES_RECIPIENTS } from '../../config/mailbox-types.ts';
import { formatBytes } from '../../../templates/i18n/format.ts';
import { ComposePage, RECEIPT_TYPES, type ComposeDraft, type ReceiptType } from '../../../templates/webmail/compose.tsx';
import type { Attachment, FormError } from '../../../templates/webmail/props.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { HttpError } from '../http-error.ts';
import { askMailbox, requireAction, setFlash, type WebmailEnv } from './context.ts';
import { buildMessage, DEFAULT_RECEIPT, groupResolver, MAX_BODY_CHARS, MAX_RECIPIENT_FIELD_CHARS, MAX_SUBJECT_CHARS, overSizeLimit, parseRecipients, prefill, type OutgoingFile, type PrefillMode } from './compose-model.ts';
import { loadMessage, renderMessage } from './message-model.ts';
import { text } from './texts.ts';

/** The upload itself: the 50 MB message limit plus room for the form and multipart framing. */
export const MAX_COMPOSE_UPLOAD_BYTES = MAX_SIZE_TIMES_RECIPIENTS + 2 * 1024 * 1024;

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

async function sourceFor(c: Context<WebmailEnv>, mode: PrefillMode, id: string) {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const r = await renderMessage(deps, await loadMessage(deps, mbx.mailbox.id, id));
  const v = r.viewed;
  const content = v.kind === 'plain' ? v.content : (v.original ?? v.envelope);
  const bodyText = content.body.kind === 'text' ? content.body.text : content.body.kind === 'html' ? content.body.sanitizedHtml.replace(/<[^>]*>/g, '') : '';
  const p = prefill(mode, content, undefined, mbx.mailbox.address, bodyText);
  const attachments: Attachment[] = p.keepAttachments ? content.attachments.map((a) => ({ ...a, part: `${v.id}:${a.part}` })) : [];
  return { p, attachments, inReplyTo: mode === 'reply' || mode === 'replyAll' ? v.id : undefined };
}

function page(c: Context<WebmailEnv>, draft: ComposeDraft, errors?: FormError[], status: 200 | 422 | 503 = 200) {
  const mbx = c.get('mbx');
  return c.html(
    <ComposePage lang={mbx.lang} csrfToken={mbx.csrf} shell={mbx.shell} identities={[mbx.mailbox.address]} draft={draft} maxMessageBytes={MAX_SIZE_TIMES_RECIPIENTS} errors={errors} />,
    status,
  );
}

/** Attachments carried over from another message of this mailbox ("<messageId>:<part>"). */
async function keptFiles(c: Context<WebmailEnv>, refs: string[]): Promise<{ files: OutgoingFile[]; kept: Attachment[] }> {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const files: OutgoingFile[] = [];
  const kept: Attachment[] = [];
  const byMessage = new Map<string, string[]>();
  for (const ref of refs) {
    const m = /^(\d{1,15}):([a-z]\d{1,5})$/.exec(ref);
    if (m) byMessage.set(m[1]!, [...(byMessage.get(m[1]!) ?? []), m[2]!]);
  }
  for (const [id, parts] of byMessage) {
    const r = await renderMessage(deps, await loadMessage(deps, mbx.mailbox.id, id));
    for (const part of parts) {
      const a = r.attachments.get(part);
      if (!a) continue;
      files.push({ filename: a.filename, contentType: a.contentType, data: a.content });
      kept.push({ part: `${id}:${part}`, filename: a.filename, contentType: a.contentType, size: a.size });
    }
  }
  return { files, kept };
}

interface ComposeForm {
  draft: ComposeDraft;
  files: OutgoingFile[];
  isDraft: boolean;
  /** The draft of Bozze this form was reopened from. */
  draftId: string | undefined;
}

/** A message of this mailbox's Bozze, by id. */
function draftMessage(c: Context<WebmailEnv>, id: string | undefined) {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const m = id && /^\d{1,15}$/.test(id) ? deps.store.messages.getById(Number(id)) : undefined;
  const drafts = deps.store.folders.bySpecialUse(mbx.mailbox.id, '\\Drafts');
  return m && drafts && m.mailboxId === mbx.mailbox.id && m.folderId === drafts.id ? m : undefined;
}

/** The reopened draft is replaced by what was just saved or sent. */
async function dropDraft(c: Context<WebmailEnv>, id: string | undefined): Promise<void> {
  const d = draftMessage(c, id);
  if (d) await askMailbox<ExpungeReply>(c.get('deps'), c.get('mbx').mailbox.address, { type: 'expunge', folderId: d.folderId, ids: [d.id] });
}

/** The posted form, bounded field by field, with uploads and the attachments carried over. */
async function readForm(c: Context<WebmailEnv>): Promise<ComposeForm> {
  const mbx = c.get('mbx');
  const body = await c.req.parseBody({ all: true });
  const list = (k: string) => [body[k] ?? []].flat();
  const receipt = str(body['receiptType'], 20) as ReceiptType;
  const keep = list('keep').filter((v): v is string => typeof v === 'string');
  const uploads = list('attachments').filter((v): v is File => v instanceof File && v.size > 0);
  const { files: keptData, kept } = await keptFiles(c, keep);
  const draft: ComposeDraft = {
    from: mbx.mailbox.address,
    to: str(body['to'], MAX_RECIPIENT_FIELD_CHARS),
    cc: str(body['cc'], MAX_RECIPIENT_FIELD_CHARS),
    subject: str(body['subject'], MAX_SUBJECT_CHARS).replace(/[\r\n]+/g, ' '),
    body: str(body['body'], MAX_BODY_CHARS),
    receiptType: RECEIPT_TYPES.includes(receipt) ? receipt : DEFAULT_RECEIPT,
    attachments: kept,
    inReplyTo: str(body['inReplyTo'], 20) || undefined,
  };
  const uploaded = await Promise.all(
    uploads.map(async (u) => ({ filename: u.name.split(/[\\/]/).pop() || 'allegato', contentType: u.type || 'application/octet-stream', data: new Uint8Array(await u.arrayBuffer()) })),
  );
  const draftId = str(body['draftId'], 20) || undefined;
  return { draft: { ...draft, draftId }, files: [...keptData, ...uploaded], isDraft: str(body['action'], 10) === 'draft', draftId };
}

/** Recipients (groups expanded), the mailbox type's limits and size × recipients, then the MIME message. */
function checkAndBuild(c: Context<WebmailEnv>, f: ComposeForm) {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const lang = mbx.lang;
  const resolve = groupResolver(webmailRepos(deps.store).addressBook, mbx.mailbox.id);
  const to = parseRecipients(f.draft.to, resolve);
  const cc = parseRecipients(f.draft.cc, resolve);
  const errors: FormError[] = [];
  for (const [field, r] of [['to', to], ['cc', cc]] as const) if (r.invalid.length) errors.push({ field, message: text(lang, 'mail.badAddress', { value: r.invalid.join(', ') }) });
  const recipients = [...new Set([...to.addresses, ...cc.addresses].map((a) => a.toLowerCase()))];
  if (!f.isDraft && to.addresses.length === 0 && !errors.some((e) => e.field === 'to')) errors.push({ field: 'to', message: text(lang, 'mail.toRequired') });
  const maxRcpt = MAILBOX_TYPES[mbx.mailbox.type].maxRecipientsPerMessage;
  if (!f.isDraft && recipients.length > maxRcpt) errors.push({ field: 'to', message: text(lang, 'mail.tooManyRecipients', { max: maxRcpt }) });
  const replied = f.draft.inReplyTo && /^\d+$/.test(f.draft.inReplyTo) ? deps.store.messages.getById(Number(f.draft.inReplyTo)) : undefined;
  const built = buildMessage({
    from: mbx.mailbox.address, to: to.addresses, cc: cc.addresses, subject: f.draft.subject, body: f.draft.body, files: f.files,
    inReplyTo: replied && replied.mailboxId === mbx.mailbox.id ? replied.messageId ?? undefined : undefined,
    now: deps.clock.now(), domain: mbx.mailbox.address.split('@')[1]!,
  });
  if (!f.isDraft && overSizeLimit(built.raw.byteLength, recipients.length)) {
    errors.push({ field: 'attachments', message: text(lang, 'mail.tooBig', { size: formatBytes(built.raw.byteLength * recipients.length, lang), max: formatBytes(MAX_SIZE_TIMES_RECIPIENTS, lang) }) });
  }
  return { errors, raw: built.raw, messageId: built.messageId, to: to.addresses, cc: cc.addresses, recipients };
}

export function composeRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'send');
    const q = c.req.query();
    const draft: ComposeDraft = { from: mbx.mailbox.address, to: str(q['to'], 1000), cc: '', subject: '', body: '', receiptType: DEFAULT_RECEIPT, attachments: [] };
    if (q['draft']) {
      // A draft of Bozze reopened: its content, and its id so that saving or sending replaces it.
      const d = draftMessage(c, q['draft']);
      if (!d) throw new HttpError(404, 'draft.not-found', 'Bozza non trovata');
      const s = await sourceFor(c, 'duplicate', String(d.id));
      return page(c, { ...draft, to: s.p.to, cc: s.p.cc, subject: s.p.subject, body: s.p.body, attachments: s.attachments, draftId: String(d.id) });
    }
    for (const mode of ['reply', 'replyAll', 'forward', 'duplicate'] as const) {
      const id = q[mode];
      if (!id) continue;
      const s = await sourceFor(c, mode, id);
      return page(c, { ...draft, to: s.p.to, cc: s.p.cc, subject: s.p.subject, body: s.p.body, attachments: s.attachments, inReplyTo: s.inReplyTo });
    }
    return page(c, draft);
  });

  app.post('/', bodyLimit({ maxSize: MAX_COMPOSE_UPLOAD_BYTES, onError: () => { throw new HttpError(413, 'compose.too-large', 'Messaggio troppo grande'); } }), async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    requireAction(mbx, 'send');
    const f = await readForm(c);
    const m = checkAndBuild(c, f);
    if (m.errors.length) return page(c, f.draft, m.errors, 422);
    if (f.isDraft) {
      const hash = await deps.store.blobs.put(m.raw);
      await askMailbox<DeliverReply>(deps, mbx.mailbox.address, {
        type: 'deliver', folder: '\\Drafts', reason: 'bozza',
        message: { internalDate: deps.clock.now(), size: m.raw.byteLength, blobHash: hash, flags: ['\\Draft', '\\Seen'], subject: f.draft.subject, fromAddr: mbx.mailbox.address, toAddrs: m.to, ccAddrs: m.cc, dateHeader: deps.clock.now(), messageId: m.messageId, hasAttachments: f.files.length > 0, bodyText: f.draft.body },
      });
      await dropDraft(c, f.draftId);
      setFlash(c, { kind: 'success', text: text(mbx.lang, 'mail.draftSaved') });
      return c.redirect('/mail', 303);
    }
    if (!deps.submission) return page(c, f.draft, [{ message: text(mbx.lang, 'mail.sendUnavailable') }], 503);
    const result = await deps.submission.submit({
      principal: mbx.principal, raw: m.raw, envelopeFrom: mbx.mailbox.address, recipients: m.recipients, tipoRicevuta: f.draft.receiptType, channel: 'webmail',
    });
    if (result.status === 'not-accepted') {
      return page(c, f.draft, [{ message: `${text(mbx.lang, 'mail.notAccepted')}: ${result.reasons.map((r) => r.text).join('; ')}` }], 422);
    }
    await dropDraft(c, f.draftId);
    // seed 000 §2.3: after sending, Posta in arrivo shows the receipts as they arrive.
    setFlash(c, { kind: 'success', text: text(mbx.lang, 'mail.sent') });
    return c.redirect('/mail', 303);
  });

  return app;
}
