// Converts a submitted message to 7-bit before the punto di accesso builds the envelope (issue 4, SPEC §0 D16).
// Pure: bytes in, bytes out. Untouched entities keep their exact bytes.
import { MimeError } from '../../mime/errors.ts';
import { headerOf, parseRawTree, type RawPart } from '../../mime/raw-tree.ts';
import { decodeTransfer, encodeBase64Lines, encodeQuotedPrintable, isSevenBitClean } from '../../mime/transfer-encoding.ts';
import { sevenBitHeaderBlock } from './seven-bit-headers.ts';

export interface SevenBitResult {
  bytes: Uint8Array;
  /** MIME entities whose header or body was rewritten. */
  converted: number;
  /** The result is 7-bit with lines of at most 998 octets (RFC 5322 §2.1.1); false => the punto di accesso refuses it. */
  clean: boolean;
}

interface Edit {
  /** headerStart of the entity the edit belongs to (for counting). */
  entity: number;
  start: number;
  end: number;
  bytes: Uint8Array;
}

const CRLF = new Uint8Array([0x0d, 0x0a]);
const ENCODER = new TextEncoder();

/**
 * SPEC §0 D16: the envelope must survive relays unchanged for its signature to hold, so what we sign is 7-bit.
 * 8BITMIME is advertised on submission (RFC 6152) because this converter re-encodes safely:
 * - an 8-bit (or over-long-line) text part becomes quoted-printable, any other leaf base64 (RFC 2045 §6.7, §6.8);
 * - a quoted-printable or base64 body that still carries 8-bit bytes or long lines is decoded and re-encoded;
 * - 8-bit header fields become RFC 2047 encoded words / RFC 2231 parameters (seven-bit-headers.ts);
 * - nothing inside multipart/signed is touched (RFC 1847 §2.1, RFC 8551 §3.1.1: any change breaks the sender's
 *   signature): such a message stays 8-bit and the punto di accesso refuses it with a non accettazione (D16).
 * A message that cannot be parsed is returned unchanged with clean = false.
 */
export function toSevenBit(raw: Uint8Array): SevenBitResult {
  if (isSevenBitClean(raw)) return { bytes: raw, converted: 0, clean: true };
  let tree: RawPart;
  try {
    tree = parseRawTree(raw);
  } catch (e) {
    if (e instanceof MimeError) return { bytes: raw, converted: 0, clean: false };
    throw e;
  }
  const edits: Edit[] = [];
  visit(raw, tree, edits);
  if (edits.length === 0) return { bytes: raw, converted: 0, clean: false };
  const bytes = applyEdits(raw, edits);
  return { bytes, converted: new Set(edits.map((e) => e.entity)).size, clean: isSevenBitClean(bytes) };
}

function transferEncoding(part: RawPart): string {
  return (headerOf(part, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
}

const IDENTITY = new Set(['7bit', '8bit', 'binary']);

/** Converts one entity; returns whether it is 7-bit after the edits. */
function visit(raw: Uint8Array, part: RawPart, edits: Edit[]): boolean {
  const ct = part.contentType;
  const cte = transferEncoding(part);
  if (ct.type === 'multipart' && ct.subtype === 'signed') {
    // Only the outer header block is outside the signed content.
    headerEdit(raw, part, undefined, edits);
    return isSevenBitClean(raw.subarray(part.bodyStart, part.bodyEnd));
  }
  if (part.children.length > 0) {
    let clean = true;
    for (const c of part.children) clean = visit(raw, c, edits) && clean;
    // RFC 2045 §6.4: a composite entity is labelled 7bit once everything inside it is.
    headerEdit(raw, part, clean && cte !== '7bit' && IDENTITY.has(cte) ? '7bit' : undefined, edits);
    return clean;
  }
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  if (isSevenBitClean(body)) {
    headerEdit(raw, part, undefined, edits);
    return true;
  }
  const recoded = reencode(body, cte, ct.type === 'text');
  if (!recoded) {
    headerEdit(raw, part, undefined, edits);
    return false;
  }
  edits.push({ entity: part.headerStart, start: part.bodyStart, end: part.bodyEnd, bytes: recoded.bytes });
  headerEdit(raw, part, recoded.cte, edits);
  return true;
}

/** The body in a 7-bit transfer encoding, or null for an encoding we cannot read (x-uuencode, …). */
function reencode(body: Uint8Array, cte: string, text: boolean): { bytes: Uint8Array; cte: string } | null {
  if (!IDENTITY.has(cte) && cte !== 'quoted-printable' && cte !== 'base64') return null;
  const decoded = decodeTransfer(body, cte);
  const useQp = cte === 'quoted-printable' || (cte !== 'base64' && text);
  const encoded = ENCODER.encode(useQp ? encodeQuotedPrintable(decoded) : encodeBase64Lines(decoded));
  // encodeQuotedPrintable drops the last line break; a body that ended with one keeps it (the part's own CRLF).
  const endsWithBreak = body[body.length - 1] === 0x0a;
  const bytes = endsWithBreak ? Buffer.concat([encoded, CRLF]) : encoded;
  return { bytes, cte: useQp ? 'quoted-printable' : 'base64' };
}

function headerEdit(raw: Uint8Array, part: RawPart, cte: string | undefined, edits: Edit[]): void {
  const block = raw.subarray(part.headerStart, part.headerEnd);
  const r = sevenBitHeaderBlock(block, cte);
  if (r && r.bytes !== block) edits.push({ entity: part.headerStart, start: part.headerStart, end: part.headerEnd, bytes: r.bytes });
}

function applyEdits(raw: Uint8Array, edits: Edit[]): Uint8Array {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Uint8Array[] = [];
  let pos = 0;
  for (const e of sorted) {
    out.push(raw.subarray(pos, e.start), e.bytes);
    pos = e.end;
  }
  out.push(raw.subarray(pos));
  return new Uint8Array(Buffer.concat(out));
}
