// Reading the user's original message and rewriting its identifiers for postacert.eml (RFC 6109 §2.2.1, §3.1.5).
import { type Mailbox, bareMsgId, parseAddressList } from '../mime/addresses.ts';
import { utf8 } from '../mime/charset.ts';
import { decodeWords } from '../mime/encoded-words.ts';
import { type RawHeader, findHeader, parseRawTree, parseTopEntity, parseTopHeaders } from '../mime/raw-tree.ts';
import { canonicalCrlf } from '../mime/transfer-encoding.ts';
import { angle } from './identificativo.ts';
import { TIPI_RICEVUTA, type TipoRicevuta } from './types.ts';

export interface OriginalInfo {
  headers: RawHeader[];
  from: Mailbox[];
  to: Mailbox[];
  cc: Mailbox[];
  bcc: Mailbox[];
  replyTo: Mailbox[];
  /** Client msgid with angle brackets, when present. */
  msgid?: string;
  /** Decoded Subject (RFC 2047), when present. */
  oggetto?: string;
  /** X-TipoRicevuta as written by the client, when it is one of the three valid values. */
  tipoRicevuta?: TipoRicevuta;
}

/** Parses the header of an original message (case-insensitive names, SPEC §2.4). */
export function readOriginal(raw: Uint8Array): OriginalInfo {
  return infoOf(parseRawTree(raw).headers);
}

/**
 * The same facts from the top-level header only, without walking the parts: for bytes whose structure was already
 * read or that we built (index fields of a stored message). Unlike readOriginal it does not enforce the MIME limits
 * of the body (MAX_MIME_DEPTH, MAX_PARTS): use readOriginal for anything a client submits.
 */
export function readOriginalHeader(raw: Uint8Array): OriginalInfo {
  return infoOf(parseTopHeaders(raw));
}

function infoOf(h: RawHeader[]): OriginalInfo {
  const info: OriginalInfo = {
    headers: h,
    from: parseAddressList(findHeader(h, 'from')),
    to: parseAddressList(findHeader(h, 'to')),
    cc: parseAddressList(findHeader(h, 'cc')),
    bcc: parseAddressList(findHeader(h, 'bcc')),
    replyTo: parseAddressList(findHeader(h, 'reply-to')),
  };
  const id = bareMsgId(findHeader(h, 'message-id'));
  if (id) info.msgid = angle(id);
  const subject = findHeader(h, 'subject');
  if (subject !== undefined) info.oggetto = decodeWords(subject);
  const t = findHeader(h, 'x-tiporicevuta')?.trim().toLowerCase();
  const tipo = TIPI_RICEVUTA.find((x) => x === t);
  if (tipo) info.tipoRicevuta = tipo;
  return info;
}

/** `<risposte>`: the Reply-To addr-specs, else the From address, comma-separated (SPEC §0 D10). */
export function risposteDi(info: OriginalInfo): string {
  const list = info.replyTo.length > 0 ? info.replyTo : info.from;
  return list.map((m) => m.address).join(', ');
}

/** [start, end) byte ranges of each header field (with its folded continuation lines). */
function fieldRanges(bytes: Uint8Array, headerEnd: number): Array<{ start: number; end: number; name: string }> {
  const out: Array<{ start: number; end: number; name: string }> = [];
  let pos = 0;
  while (pos < headerEnd) {
    let end = bytes.indexOf(0x0a, pos);
    end = end < 0 ? headerEnd : end + 1;
    if (end - pos <= 2 && (bytes[pos] === 0x0d || bytes[pos] === 0x0a)) break; // blank line
    if ((bytes[pos] === 0x20 || bytes[pos] === 0x09) && out.length > 0) out.at(-1)!.end = end;
    else {
      const colon = bytes.subarray(pos, end).indexOf(0x3a);
      const name = colon > 0 ? String.fromCharCode(...bytes.subarray(pos, pos + colon)).trim().toLowerCase() : '';
      out.push({ start: pos, end, name });
    }
    pos = end;
  }
  return out;
}

/**
 * The original as carried in postacert.eml: CRLF-canonical, its Message-ID replaced by the PEC msgid,
 * the client msgid moved to X-Riferimento-Message-ID (RFC 6109 §2.2.1); everything else byte for byte.
 * A client-supplied X-Riferimento-Message-ID is dropped (only the provider writes it).
 */
export function rewriteOriginal(original: Uint8Array, identificativo: string): { bytes: Uint8Array; msgid?: string } {
  const bytes = canonicalCrlf(original);
  // Only the header is rewritten: the body is copied as is, so its parts need not be walked.
  const top = parseTopEntity(bytes);
  const tree = { headers: top.headers, headerEnd: top.headerEnd, bodyStart: top.headerEnd };
  const id = bareMsgId(findHeader(tree.headers, 'message-id'));
  const msgid = id ? angle(id) : undefined;
  const inserted = utf8(
    `Message-ID: ${angle(identificativo)}\r\n` + (msgid ? `X-Riferimento-Message-ID: ${msgid}\r\n` : ''),
  );
  const chunks: Uint8Array[] = [];
  let cursor = 0;
  let done = false;
  for (const f of fieldRanges(bytes, tree.headerEnd)) {
    if (f.name !== 'message-id' && f.name !== 'x-riferimento-message-id') continue;
    chunks.push(bytes.subarray(cursor, f.start));
    if (f.name === 'message-id' && !done) {
      chunks.push(inserted);
      done = true;
    }
    cursor = f.end;
  }
  if (!done) {
    // No Message-ID: insert before the blank line that ends the header (or at the end of a header-only message).
    const blank = tree.headerEnd >= 2 && bytes[tree.headerEnd - 2] === 0x0d ? tree.headerEnd - 2 : tree.headerEnd;
    const headerOnly = tree.bodyStart === bytes.length && !endsWithBlank(bytes);
    const at = headerOnly ? bytes.length : blank;
    chunks.push(bytes.subarray(cursor, at));
    if (headerOnly && at > 0 && bytes[at - 1] !== 0x0a) chunks.push(utf8('\r\n'));
    chunks.push(inserted);
    cursor = at;
  }
  chunks.push(bytes.subarray(cursor));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return msgid ? { bytes: out, msgid } : { bytes: out };
}

function endsWithBlank(b: Uint8Array): boolean {
  return b.length >= 4 && b[b.length - 1] === 0x0a && b[b.length - 3] === 0x0a;
}
