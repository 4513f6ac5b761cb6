// A small MIME builder producing CRLF bytes: folded headers, text parts, attachments, multiparts, message/rfc822.
import { createHash } from 'node:crypto';
import { fromLatin1, isLatin1, utf8 } from './charset.ts';
import { formatParam } from './header-params.ts';
import { canonicalCrlf, encodeBase64Lines, encodeQuotedPrintable, isSevenBitClean } from './transfer-encoding.ts';

export type HeaderField = readonly [name: string, value: string];

/** RFC 5322 §2.1.1: lines SHOULD be at most 78 characters; we fold there when whitespace allows. */
export const FOLD_AT = 78;
const CRLF = '\r\n';

/**
 * Folds one header field at whitespace so lines stay within 78 characters (RFC 5322 §2.2.3).
 * CR, LF and NUL in the value are replaced by spaces: a value can never inject another field.
 */
export function foldHeader(name: string, value: string): string {
  const clean = value.replace(/[\r\n\0]+/g, ' ');
  const words = clean.split(/(?=[ \t])/);
  let line = `${name}:`;
  const lines: string[] = [];
  let first = true;
  for (const w of words) {
    const word = first && !/^[ \t]/.test(w) ? ' ' + w : w;
    first = false;
    if (line.length + word.length > FOLD_AT && line.trim().length > name.length + 1) {
      lines.push(line);
      line = /^[ \t]/.test(word) ? word : ' ' + word;
    } else line += word;
  }
  lines.push(line);
  return lines.join(CRLF);
}

export function serializeHeaders(fields: readonly HeaderField[]): string {
  return fields.map(([n, v]) => foldHeader(n, v) + CRLF).join('');
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Header block, blank line, body. */
export function entity(fields: readonly HeaderField[], body: Uint8Array): Uint8Array {
  return concat([utf8(serializeHeaders(fields) + CRLF), body]);
}

export interface TextPartOptions {
  subtype?: 'plain' | 'html';
  /** Content-Disposition value, e.g. 'inline'. */
  disposition?: string;
}

/**
 * A text part: US-ASCII 7bit when possible, else ISO-8859-1 quoted-printable (RFC 6109 §4.3 names
 * ISO-8859-1), else UTF-8 quoted-printable for characters outside Latin-1. Lines end in CRLF.
 */
export function textPart(text: string, opts: TextPartOptions = {}): Uint8Array {
  const normal = text.replace(/\r\n|\r/g, '\n').replace(/\n/g, CRLF);
  const ascii = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(normal) && isSevenBitClean(utf8(normal));
  const charset = ascii ? 'us-ascii' : isLatin1(normal) ? 'iso-8859-1' : 'utf-8';
  const bytes = charset === 'utf-8' ? utf8(normal) : fromLatin1(normal);
  const fields: HeaderField[] = [
    ['Content-Type', `text/${opts.subtype ?? 'plain'}; ${formatParam('charset', charset)}`],
    ['Content-Transfer-Encoding', ascii ? '7bit' : 'quoted-printable'],
  ];
  if (opts.disposition) fields.push(['Content-Disposition', opts.disposition]);
  return entity(fields, ascii ? bytes : utf8(encodeQuotedPrintable(bytes)));
}

export interface AttachmentOptions {
  contentType: string;
  filename: string;
  data: Uint8Array;
  disposition?: 'inline' | 'attachment';
  /** '7bit' carries data as is (caller guarantees 7-bit CRLF text); default base64. */
  encoding?: 'base64' | '7bit';
}

/** A named part (RFC 2183): `name` on Content-Type and `filename` on Content-Disposition, base64 by default. */
export function attachmentPart(o: AttachmentOptions): Uint8Array {
  const enc = o.encoding ?? 'base64';
  const fields: HeaderField[] = [
    ['Content-Type', `${o.contentType}; ${formatParam('name', o.filename)}`],
    ['Content-Transfer-Encoding', enc],
    ['Content-Disposition', `${o.disposition ?? 'attachment'}; ${formatParam('filename', o.filename)}`],
  ];
  const body = enc === 'base64' ? utf8(encodeBase64Lines(o.data) + CRLF) : o.data;
  return entity(fields, body);
}

/**
 * A message/rfc822 part carrying `message` byte for byte (RFC 2046 §5.2.1): a CRLF input is not
 * altered; bare LF/CR are canonicalised first because the part will be signed as CRLF text.
 * 7bit when clean, else 8bit (RFC 6109 §4.3.2).
 */
export function messagePart(message: Uint8Array, filename = 'postacert.eml', disposition = 'inline'): Uint8Array {
  const body = canonicalCrlf(message);
  const fields: HeaderField[] = [
    ['Content-Type', `message/rfc822; ${formatParam('name', filename)}`],
    ['Content-Transfer-Encoding', isSevenBitClean(body) ? '7bit' : '8bit'],
    ['Content-Disposition', `${disposition}; ${formatParam('filename', filename)}`],
  ];
  return entity(fields, body);
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(needle) >= 0;
}

/**
 * A boundary derived from the parts' content (deterministic builds) and checked not to occur in any
 * part (RFC 2046 §5.1.1); a counter re-derives it in the astronomically unlikely case it does.
 */
export function deriveBoundary(parts: readonly Uint8Array[], tag = 'Part'): string {
  for (let n = 0; ; n++) {
    const h = createHash('sha1');
    h.update(String(n));
    for (const p of parts) h.update(p);
    const b = `----=_${tag}_${h.digest('hex').slice(0, 24)}`;
    const marker = utf8('--' + b);
    if (!parts.some((p) => contains(p, marker))) return b;
  }
}

export interface MultipartOptions {
  boundary?: string;
  /** Extra fields before Content-Type (e.g. the message header of the top-level entity). */
  headers?: readonly HeaderField[];
  /** Extra Content-Type parameters, e.g. protocol and micalg of multipart/signed. */
  params?: ReadonlyArray<readonly [string, string]>;
  preamble?: string;
}

/** Body of a multipart: delimiter, part, ..., close delimiter (RFC 2046 §5.1.1), each line CRLF. */
export function multipartBody(parts: readonly Uint8Array[], boundary: string, preamble?: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  if (preamble) chunks.push(utf8(preamble + CRLF));
  for (const p of parts) chunks.push(utf8(`--${boundary}${CRLF}`), p, utf8(CRLF));
  chunks.push(utf8(`--${boundary}--${CRLF}`));
  return concat(chunks);
}

/** A complete multipart entity (headers + body). */
export function multipart(subtype: string, parts: readonly Uint8Array[], o: MultipartOptions = {}): Uint8Array {
  const boundary = o.boundary ?? deriveBoundary(parts, subtype);
  const params = [...(o.params ?? []).map(([k, v]) => formatParam(k, v)), formatParam('boundary', boundary)];
  const fields: HeaderField[] = [...(o.headers ?? []), ['Content-Type', `multipart/${subtype}; ${params.join('; ')}`]];
  return entity(fields, multipartBody(parts, boundary, o.preamble));
}

export { concat };
