// Rewrites one raw header block so that every field is 7-bit (RFC 2047 words, RFC 2231 parameters), byte-exact
// for the fields it does not touch. Used by seven-bit.ts; pure.
import { parseAddressList } from '../../mime/addresses.ts';
import { foldHeader } from '../../mime/build.ts';
import { utf8OrLatin1 } from '../../mime/charset.ts';
import { encodePhrase, encodeWords } from '../../mime/encoded-words.ts';
import { formatParam, parseContentType, parseDisposition } from '../../mime/header-params.ts';

const LF = 0x0a;
const CRLF = '\r\n';
const ENCODER = new TextEncoder();

/** Fields whose value is an address list (RFC 5322 §3.6.2, §3.6.3, §3.6.6). */
const ADDRESS_FIELDS = new Set(['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'resent-from', 'resent-sender', 'resent-to', 'resent-cc', 'resent-bcc']);

interface RawField {
  /** Field name as written. */
  name: string;
  /** The field's bytes, continuation lines and final line break included. */
  bytes: Uint8Array;
}

export function hasEightBit(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Splits a header block into fields and the trailing blank line (or nothing, for a block without one). */
function splitFields(block: Uint8Array): { fields: RawField[]; tail: Uint8Array } {
  const fields: RawField[] = [];
  let pos = 0;
  let fieldStart = -1;
  while (pos < block.length) {
    let end = block.indexOf(LF, pos);
    end = end < 0 ? block.length : end + 1;
    const first = block[pos];
    if (first === LF || (first === 0x0d && block[pos + 1] === LF)) return { fields, tail: block.subarray(pos) };
    if ((first === 0x20 || first === 0x09) && fieldStart >= 0) {
      fields[fields.length - 1]!.bytes = block.subarray(fieldStart, end); // RFC 5322 §2.2.3 continuation line
    } else {
      const line = Buffer.from(block.subarray(pos, end)).toString('latin1');
      const colon = line.indexOf(':');
      fieldStart = pos;
      fields.push({ name: colon > 0 ? line.slice(0, colon).trim() : '', bytes: block.subarray(pos, end) });
    }
    pos = end;
  }
  return { fields, tail: new Uint8Array(0) };
}

/** The unfolded, trimmed value of a field, 8-bit bytes read as UTF-8 (else Latin-1). */
function fieldValue(f: RawField): string {
  const text = utf8OrLatin1(f.bytes);
  return text.slice(text.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').replace(/\r?\n$/, '').trim();
}

/** A 7-bit value for a field, or null when it cannot be expressed in 7 bits (e.g. a UTF-8 local part, RFC 6532). */
function sevenBitValue(lowerName: string, value: string): string | null {
  if (ADDRESS_FIELDS.has(lowerName)) {
    const list = parseAddressList(value);
    if (list.length === 0 || list.some((m) => /[^\x20-\x7e]/.test(m.address))) return null;
    // Groups and comments are not kept: a PEC address field holds plain mailboxes (SPEC §5.1 formal checks).
    return list.map((m) => (m.name ? `${encodePhrase(m.name)} <${m.address}>` : m.address)).join(', ');
  }
  if (lowerName === 'content-type' || lowerName === 'content-disposition') {
    const ct = lowerName === 'content-type' ? parseContentType(value) : null;
    const head = ct ? `${ct.type}/${ct.subtype}` : parseDisposition(value).type;
    const params = ct ? ct.params : parseDisposition(value).params;
    return [head, ...Object.entries(params).map(([k, v]) => formatParam(k, v))].join('; ');
  }
  // Unstructured text (Subject, Comments, Content-Description, X-*): RFC 2047 §5(1).
  return encodeWords(value);
}

/**
 * Returns the header block with every 8-bit field re-encoded and, when `transferEncoding` is given, the
 * Content-Transfer-Encoding field set to it (added before the blank line when absent). Null when nothing changed.
 * `clean` is false when some 8-bit field could not be converted (left as it was).
 */
export function sevenBitHeaderBlock(block: Uint8Array, transferEncoding?: string): { bytes: Uint8Array; clean: boolean } | null {
  if (!transferEncoding && !hasEightBit(block)) return null;
  const { fields, tail } = splitFields(block);
  let changed = false;
  let clean = true;
  let cteSeen = false;
  const out: Uint8Array[] = [];
  for (const f of fields) {
    const lower = f.name.toLowerCase();
    if (lower === 'content-transfer-encoding' && transferEncoding) {
      cteSeen = true;
      changed = true;
      out.push(ENCODER.encode(`${f.name}: ${transferEncoding}${CRLF}`));
      continue;
    }
    if (!hasEightBit(f.bytes) || !f.name) {
      if (hasEightBit(f.bytes)) clean = false;
      out.push(f.bytes);
      continue;
    }
    const v = sevenBitValue(lower, fieldValue(f));
    if (v === null) {
      clean = false;
      out.push(f.bytes);
    } else {
      changed = true;
      out.push(ENCODER.encode(foldHeader(f.name, v) + CRLF));
    }
  }
  if (transferEncoding && !cteSeen) {
    changed = true;
    out.push(ENCODER.encode(`Content-Transfer-Encoding: ${transferEncoding}${CRLF}`));
  }
  if (!changed) return { bytes: block, clean };
  out.push(tail);
  return { bytes: Buffer.concat(out), clean };
}
