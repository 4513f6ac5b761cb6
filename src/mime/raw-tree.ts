// The raw MIME tree: byte offsets of every entity's header and body in the source, for signatures and postacert.eml.
import { utf8OrLatin1 } from './charset.ts';
import { MimeError } from './errors.ts';
import { type ContentType, parseContentType } from './header-params.ts';

/** Nesting deeper than this (multipart or message/rfc822 levels) is refused: hostile input, not mail. */
export const MAX_MIME_DEPTH = 32;
/** Total entities in one message, counted across all levels. */
export const MAX_PARTS = 2000;
/** Bytes of one entity's header block (RFC 5322 allows any; real PEC headers are < 64 KiB). */
export const MAX_HEADER_BYTES = 256 * 1024;

export interface RawHeader {
  name: string;
  /** Unfolded (RFC 5322 §2.2.3), not RFC 2047-decoded. */
  value: string;
}

export interface RawPart {
  headerStart: number;
  /** Offset after the blank line that ends the header block (equals bodyStart). */
  headerEnd: number;
  bodyStart: number;
  /** Offset of the line break that precedes the next boundary delimiter (RFC 2046 §5.1.1), or the entity end. */
  bodyEnd: number;
  headers: RawHeader[];
  contentType: ContentType;
  /** Multipart body parts, or the one embedded message of a message/rfc822 entity. */
  children: RawPart[];
  boundary?: string;
}

const LF = 0x0a;
const CR = 0x0d;

interface Ctx {
  bytes: Uint8Array;
  buf: Buffer;
  parts: number;
}

/** Parses a whole message (CRLF or LF line ends) into its raw tree. Throws MimeError on a broken limit. */
export function parseRawTree(bytes: Uint8Array): RawPart {
  const ctx: Ctx = { bytes, buf: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), parts: 0 };
  return parseEntity(ctx, 0, bytes.length, 0, undefined);
}

/**
 * Only the top-level header block, with the same limit on its size: for the index fields of a message whose
 * structure was already read (or that we built), where walking every part again would be wasted work.
 */
export function parseTopHeaders(bytes: Uint8Array): RawHeader[] {
  return parseTopEntity(bytes).headers;
}

/** The top-level header block and where it ends (= where the body starts), as parseRawTree would give them. */
export function parseTopEntity(bytes: Uint8Array): { headers: RawHeader[]; headerEnd: number } {
  const ctx: Ctx = { bytes, buf: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), parts: 0 };
  const headerEnd = findHeaderEnd(ctx, 0, bytes.length);
  return { headers: parseHeaderBlock(bytes, 0, headerEnd), headerEnd };
}

/** End offset (exclusive, after LF) of the line starting at `pos`, or `end`. */
function lineEnd(bytes: Uint8Array, pos: number, end: number): number {
  const i = bytes.indexOf(LF, pos); // native search; a hit past `end` means the line runs to the end
  return i < 0 || i >= end ? end : i + 1;
}

function isBlankLine(bytes: Uint8Array, pos: number, end: number): boolean {
  return bytes[pos] === LF || (bytes[pos] === CR && (pos + 1 >= end || bytes[pos + 1] === LF));
}

/** Finds the end of the header block: offset after the first empty line, or `end` when there is none. */
function findHeaderEnd(ctx: Ctx, start: number, end: number): number {
  let pos = start;
  while (pos < end) {
    if (isBlankLine(ctx.bytes, pos, end)) return lineEnd(ctx.bytes, pos, end);
    pos = lineEnd(ctx.bytes, pos, end);
    if (pos - start > MAX_HEADER_BYTES) {
      throw new MimeError('header-size', `header block exceeds ${MAX_HEADER_BYTES} bytes`, MAX_HEADER_BYTES);
    }
  }
  return end;
}

function parseHeaderBlock(bytes: Uint8Array, start: number, end: number): RawHeader[] {
  const text = utf8OrLatin1(bytes.subarray(start, end));
  const out: RawHeader[] = [];
  // RFC 5322 §2.2.3: unfold by removing a line break immediately followed by WSP.
  const unfolded = text.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // tolerate mbox "From " lines and junk
    const name = line.slice(0, colon).trim();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) continue;
    out.push({ name, value: line.slice(colon + 1).trim() });
  }
  return out;
}

function countPart(ctx: Ctx): void {
  if (++ctx.parts > MAX_PARTS) throw new MimeError('parts', `more than ${MAX_PARTS} MIME parts`, MAX_PARTS);
}

function parseEntity(ctx: Ctx, start: number, end: number, depth: number, defaultType: string | undefined): RawPart {
  if (depth > MAX_MIME_DEPTH) throw new MimeError('depth', `MIME nesting deeper than ${MAX_MIME_DEPTH}`, MAX_MIME_DEPTH);
  countPart(ctx);
  const headerEnd = findHeaderEnd(ctx, start, end);
  const headers = parseHeaderBlock(ctx.bytes, start, headerEnd);
  const ctRaw = findHeader(headers, 'content-type');
  const contentType = parseContentType(ctRaw ?? defaultType);
  const part: RawPart = { headerStart: start, headerEnd, bodyStart: headerEnd, bodyEnd: end, headers, contentType, children: [] };
  const boundary = contentType.params.boundary;
  if (contentType.type === 'multipart' && boundary) {
    part.boundary = boundary;
    const digest = contentType.subtype === 'digest' ? 'message/rfc822' : undefined;
    for (const [s, e] of splitMultipart(ctx, boundary, headerEnd, end)) {
      part.children.push(parseEntity(ctx, s, e, depth + 1, digest));
    }
  } else if (isEmbeddedMessage(contentType, headers) && headerEnd < end) {
    part.children.push(parseEntity(ctx, headerEnd, end, depth + 1, undefined));
  }
  return part;
}

/** message/rfc822 (and message/global) whose body is the message itself, not base64 of it. */
function isEmbeddedMessage(ct: ContentType, headers: RawHeader[]): boolean {
  if (ct.type !== 'message' || (ct.subtype !== 'rfc822' && ct.subtype !== 'global')) return false;
  const cte = (findHeader(headers, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  return cte === '7bit' || cte === '8bit' || cte === 'binary';
}

/** Offset of the line break before `pos` (CR of CRLF, or the LF), or `pos` at the body start. */
function breakBefore(bytes: Uint8Array, pos: number, bodyStart: number): number {
  if (pos === bodyStart) return pos;
  return pos >= 2 && bytes[pos - 2] === CR ? pos - 2 : pos - 1;
}

/**
 * Returns [start, end) ranges of the body parts between delimiter lines (RFC 2046 §5.1.1). A delimiter
 * starts a line with "--boundary" followed by "--", transport padding, or the line end. A missing close
 * delimiter ends the last part at the entity end (truncated messages).
 */
function splitMultipart(ctx: Ctx, boundary: string, bodyStart: number, end: number): Array<[number, number]> {
  const marker = Buffer.from('--' + boundary, 'latin1');
  const ranges: Array<[number, number]> = [];
  let partStart = -1;
  let from = bodyStart;
  while (from < end) {
    const at = ctx.buf.indexOf(marker, from);
    if (at < 0 || at >= end) break;
    from = at + marker.length;
    if (at !== bodyStart && ctx.bytes[at - 1] !== LF) continue;
    let k = at + marker.length;
    const close = ctx.bytes[k] === 0x2d && ctx.bytes[k + 1] === 0x2d;
    if (close) k += 2;
    while (k < end && (ctx.bytes[k] === 0x20 || ctx.bytes[k] === 0x09)) k++;
    if (k < end && ctx.bytes[k] !== CR && ctx.bytes[k] !== LF) continue;
    if (partStart >= 0) ranges.push([partStart, breakBefore(ctx.bytes, at, bodyStart)]);
    if (close) return ranges;
    partStart = lineEnd(ctx.bytes, k, end);
    from = partStart;
  }
  if (partStart >= 0 && partStart < end) ranges.push([partStart, end]);
  return ranges;
}

// ---- header lookup (case-insensitive, RFC 5322 §1.2.2) ----

/** First value of a header field, case-insensitively; undefined when absent. */
export function findHeader(headers: RawHeader[], name: string): string | undefined {
  const n = name.toLowerCase();
  // Length first: most names differ in length, and lowercasing every name on every lookup showed in profiles.
  for (const h of headers) if (h.name.length === n.length && h.name.toLowerCase() === n) return h.value;
  return undefined;
}

/** Every value of a header field, in order. */
export function findHeaders(headers: RawHeader[], name: string): string[] {
  const n = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value);
}

/** First value of a header of a part. */
export function headerOf(part: RawPart, name: string): string | undefined {
  return findHeader(part.headers, name);
}

/** The raw bytes of a part's body (still transfer-encoded). */
export function rawBody(bytes: Uint8Array, part: RawPart): Uint8Array {
  return bytes.subarray(part.bodyStart, part.bodyEnd);
}

/** The raw bytes of a whole entity (headers and body) exactly as in the source. */
export function rawEntity(bytes: Uint8Array, part: RawPart): Uint8Array {
  return bytes.subarray(part.headerStart, part.bodyEnd);
}

/** Depth-first walk over a tree (the part itself first). */
export function* walkParts(part: RawPart): Generator<RawPart> {
  yield part;
  for (const c of part.children) yield* walkParts(c);
}
