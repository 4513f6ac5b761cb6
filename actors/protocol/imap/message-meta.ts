// What the store records about an APPENDed message (subject, addresses, dates, PEC kind, indexed text), read from
// its raw bytes with the raw MIME tree (no bytes are changed: RFC 9051 §6.3.12 stores the message as given).
import { bareMsgId, parseAddressList } from '../../../src/mime/addresses.ts';
import { decodeWords } from '../../../src/mime/encoded-words.ts';
import { partFilename, partText } from '../../../src/mime/part-content.ts';
import { findHeader, parseRawTree, type RawPart } from '../../../src/mime/raw-tree.ts';
import type { NewMessage } from '../../../src/store/index.ts';
import { MAX_APPEND_INDEX_CHARS } from './limits.ts';

export interface AppendMeta {
  internalDate: number;
  flags: readonly string[];
}

/** NewMessage for the mailbox actor's deliver, without the blob hash (the caller adds it once the blob is stored). */
export type MessageMeta = Omit<NewMessage, 'blobHash'>;

/** The list columns of an APPENDed message; a message whose MIME structure cannot be read is stored as is. */
export function messageMeta(raw: Uint8Array, m: AppendMeta): MessageMeta {
  const base: MessageMeta = { internalDate: m.internalDate, size: raw.length, flags: m.flags };
  let root: RawPart;
  try {
    root = parseRawTree(raw);
  } catch {
    return base; // RFC 9051 §6.3.12: APPEND takes any octets; only the metadata is missing
  }
  const h = (name: string) => findHeader(root.headers, name);
  const date = h('date') ? Date.parse(h('date')!) : NaN;
  const text: string[] = [];
  let attachments = false;
  walk(root, (p) => {
    if (partFilename(p) !== undefined) attachments = true;
    else if (p.contentType.type === 'text' && p.contentType.subtype === 'plain' && text.join('').length < MAX_APPEND_INDEX_CHARS) {
      text.push(partText(raw, p));
    }
  });
  // SPEC: X-Ricevuta names a receipt, X-Trasporto a transport envelope (posta-certificata / errore).
  const pecKind = h('x-ricevuta') ?? h('x-trasporto') ?? null;
  return {
    ...base,
    subject: h('subject') !== undefined ? decodeWords(h('subject')!) : null,
    fromAddr: parseAddressList(h('from'))[0]?.address ?? null,
    toAddrs: parseAddressList(h('to')).map((a) => a.address),
    ccAddrs: parseAddressList(h('cc')).map((a) => a.address),
    dateHeader: Number.isFinite(date) ? date : null,
    messageId: bareMsgId(h('message-id')) ?? null,
    pecKind: pecKind?.trim().toLowerCase() ?? null,
    hasAttachments: attachments,
    bodyText: text.join('\n').slice(0, MAX_APPEND_INDEX_CHARS),
  };
}

function walk(p: RawPart, fn: (p: RawPart) => void): void {
  if (p.children.length === 0) return fn(p);
  for (const c of p.children) walk(c, fn);
}
