// One stored message made ready to show: plain mail as is; PEC messages read with src/pec/classify.ts — the
// original (postacert.eml), the daticert "Dati di certificazione", the signature verdict — and for messages this
// mailbox sent, the receipts timeline from the PEC transaction repository.
import { instantOf } from '../../pec/pec-time.ts';
import { readPecMessage, type PecSignature, type VerifyResultLike } from '../../pec/classify.ts';
import { parseForDisplay, type DisplayAttachment, type DisplayMessage } from '../../mime/display.ts';
import { sanitizeMailHtml } from '../../mime/sanitize-html.ts';
import { verifyDetached, type VerifyResult } from '../../signing/cms-verify.ts';
import { decideTrust } from '../../signing/trust.ts';
import type { Message } from '../../store/index.ts';
import { type PecRecipient } from '../../store/pec-transaction-repo.ts';
import { urls } from '../../../templates/urls.ts';
import type { Body, DatiCertificazione, MessageContent, RecipientReceipts, SignatureStatus, ViewedMessage } from '../../../templates/webmail/props.ts';
import { HttpError } from '../http-error.ts';
import type { WebmailDeps } from './deps.ts';
import { pecKindOf } from './view-model.ts';

/** Inline images carried in the message are shown as data: URLs up to this size each (remote ones never load). */
export const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;

export type BodyWhich = 'main' | 'envelope' | 'original';

export interface LoadedMessage {
  msg: Message;
  raw: Uint8Array;
}

export interface RenderedMessage {
  viewed: ViewedMessage;
  attachments: Map<string, DisplayAttachment>;
  /** Sanitized HTML per body, for the frame route. */
  html: Partial<Record<BodyWhich, string>>;
}

/** The message if it belongs to this mailbox; 404 otherwise (never tell another mailbox's ids apart). */
export async function loadMessage(deps: WebmailDeps, mailboxId: number, idParam: string): Promise<LoadedMessage> {
  const id = /^\d{1,15}$/.test(idParam) ? Number(idParam) : NaN;
  const msg = Number.isSafeInteger(id) ? deps.store.messages.getById(id) : undefined;
  if (!msg || msg.mailboxId !== mailboxId) throw new HttpError(404, 'message.not-found', 'Messaggio non trovato');
  return { msg, raw: await deps.store.blobs.get(msg.blobHash) };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

/** SPEC §0 D8: valid and signed by a provider in the index (or by us) reads "valida". */
function trustFn(deps: WebmailDeps) {
  return (r: VerifyResultLike, from: string | null): { trusted: boolean } => {
    const full = r as VerifyResult;
    const own = deps.pki?.signing.chainDer[0];
    if (own && full.signer?.certDer && sameBytes(own, full.signer.certDer)) return { trusted: true };
    if (!deps.index || !from) return { trusted: false };
    return { trusted: decideTrust({ verify: full, index: deps.index, from, at: new Date(deps.clock.now()) }).trusted };
  };
}

function signatureStatus(s: PecSignature): SignatureStatus {
  if (s.status === 'absent') return 'assente';
  if (s.status === 'invalid') return 'non-valida';
  return s.trusted ? 'valida' : 'gestore-non-riconosciuto';
}

/** cid: references of inline images become data: URLs, so the sanitizer's data:-only image rule keeps them. */
function inlineImages(html: string, atts: readonly DisplayAttachment[]): string {
  return html.replace(/cid:([^"'\s>)]+)/gi, (whole, cid: string) => {
    const a = atts.find((x) => x.contentId?.replace(/^<|>$/g, '') === cid && x.contentType.startsWith('image/'));
    if (!a || a.size > MAX_INLINE_IMAGE_BYTES) return whole;
    return `data:${a.contentType};base64,${Buffer.from(a.content).toString('base64')}`;
  });
}

function contentOf(d: DisplayMessage, id: string, which: BodyWhich, r: RenderedMessage, fallbackDate: number): MessageContent {
  let body: Body = { kind: 'none' };
  if (d.html) {
    const sanitizedHtml = sanitizeMailHtml(inlineImages(d.html, d.attachments));
    r.html[which] = sanitizedHtml;
    body = { kind: 'html', sanitizedHtml, src: urls.mail.body(id, which) };
  } else if (d.text) body = { kind: 'text', text: d.text };
  for (const a of d.attachments) r.attachments.set(a.part, a);
  return {
    subject: d.subject,
    from: d.from,
    to: d.to,
    cc: d.cc,
    date: d.date ?? fallbackDate,
    body,
    attachments: d.attachments.map((a) => ({ part: a.part, filename: a.filename, contentType: a.contentType, size: a.size })),
  };
}

export async function renderMessage(deps: WebmailDeps, { msg, raw }: LoadedMessage): Promise<RenderedMessage> {
  const id = String(msg.id);
  const r: RenderedMessage = { viewed: undefined as unknown as ViewedMessage, attachments: new Map(), html: {} };
  const kind = pecKindOf(msg.pecKind);
  if (!kind) {
    r.viewed = { kind: 'plain', id, content: contentOf(await parseForDisplay(raw, 'p'), id, 'main', r, msg.internalDate) };
    return r;
  }
  const pec = await readPecMessage(raw, { verify: verifyDetached, trust: trustFn(deps) });
  const envelope = contentOf(await parseForDisplay(raw, 'e'), id, 'envelope', r, msg.internalDate);
  const original = pec.original ? contentOf(await parseForDisplay(pec.original, 'o'), id, 'original', r, msg.internalDate) : undefined;
  const d = pec.daticert;
  const certificazione: DatiCertificazione | undefined = d && {
    mittente: d.intestazione.mittente,
    destinatari: d.intestazione.destinatari.map((x) => ({ address: x.address, tipo: x.tipo })),
    data: instantOf(d.data) ?? msg.internalDate,
    identificativo: d.identificativo,
    oggetto: d.intestazione.oggetto ?? '',
    errore: d.errore !== 'nessuno' ? [d.errore, d.erroreEsteso].filter(Boolean).join(': ') : undefined,
  };
  r.viewed = { kind: 'pec', id, pecKind: kind, envelope, original, certificazione, signature: signatureStatus(pec.signature) };
  return r;
}

const bare = (s: string | null | undefined) => (s ?? '').trim().replace(/^<|>$/g, '').toLowerCase();

/** The per-recipient timeline of a transaction this mailbox sent (SPEC §3), or undefined for anything else. */
export function receiptsOf(deps: WebmailDeps, mailboxId: number, msg: Message): RecipientReceipts[] | undefined {
  if (!msg.pecIdentificativo) return undefined;
  const repo = deps.store.pecTransactions;
  const t = repo.transaction(msg.pecIdentificativo);
  if (!t || t.mailboxId !== mailboxId) return undefined;
  const related = deps.store.messages.byPecIdentificativo(mailboxId, msg.pecIdentificativo);
  const byMsgid = (m: string | null) => (m ? related.find((x) => bare(x.messageId) === bare(m))?.id : undefined);
  const step = (at: number | null, msgid: string | null) => (at === null ? undefined : { at, messageId: byMsgid(msgid) !== undefined ? String(byMsgid(msgid)) : undefined });
  const accettazione = step(t.acceptedAt, t.accettazioneMessageId);
  return repo.recipients(t.identificativo).map((p: PecRecipient): RecipientReceipts => ({
    address: p.address,
    tipo: p.tipo,
    accettazione,
    presaInCarico: step(p.presaInCaricoAt, p.presaInCaricoMsgid),
    esito: outcomeOf(p, step),
  }));
}

function outcomeOf(p: PecRecipient, step: (at: number | null, msgid: string | null) => { at: number; messageId?: string | undefined } | undefined): RecipientReceipts['esito'] {
  const consegna = step(p.consegnaAt, p.consegnaMsgid);
  if (p.state === 'consegnata' && consegna) return { ...consegna, kind: 'consegna' };
  const errore = step(p.erroreAt, p.erroreMsgid) ?? step(p.scaduta24hAt, p.scaduta24hMsgid);
  if ((p.state === 'errore' || p.state === 'scaduta-24h') && errore) return { ...errore, kind: 'mancata-consegna', reason: p.erroreEsteso ?? '' };
  const preavviso = step(p.preavviso12hAt, p.preavviso12hMsgid);
  if (p.state === 'preavviso-12h' && preavviso) return { ...preavviso, kind: 'preavviso', reason: p.erroreEsteso ?? '' };
  return undefined;
}
