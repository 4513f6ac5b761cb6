// Content-Transfer-Encoding codecs (RFC 2045 §6) and the CRLF canonical form used for signing (RFC 5751 §3.1.1).

const LF = 0x0a;
const CR = 0x0d;
/** RFC 2045 §6.7 (5) and §6.8: encoded lines are at most 76 characters. */
export const MAX_ENCODED_LINE = 76;

/** Every bare LF becomes CRLF and every bare CR becomes CRLF; existing CRLF pairs are kept. */
export function canonicalCrlf(bytes: Uint8Array): Uint8Array {
  let extra = 0;
  const n = bytes.length; // read once: a typed array's length is not free in a hot loop
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === LF && (i === 0 || bytes[i - 1] !== CR)) extra++;
    else if (b === CR && bytes[i + 1] !== LF) extra++;
  }
  if (extra === 0) return bytes;
  const out = new Uint8Array(n + extra);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === LF && (i === 0 || bytes[i - 1] !== CR)) {
      out[j++] = CR;
      out[j++] = LF;
    } else if (b === CR && bytes[i + 1] !== LF) {
      out[j++] = CR;
      out[j++] = LF;
    } else out[j++] = b;
  }
  return out;
}

/** Base64 decode ignoring whitespace and any character outside the alphabet (RFC 2045 §6.8). */
export function decodeBase64(text: string | Uint8Array): Uint8Array {
  const s = typeof text === 'string' ? text : Buffer.from(text).toString('latin1');
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/** Base64 with CRLF every 76 characters, as RFC 2045 §6.8 requires for MIME bodies. */
export function encodeBase64Lines(bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += MAX_ENCODED_LINE) lines.push(b64.slice(i, i + MAX_ENCODED_LINE));
  return lines.join('\r\n');
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Quoted-printable decode (RFC 2045 §6.7): soft breaks removed, malformed escapes kept literally. */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x3d) {
      out[j++] = b;
      continue;
    }
    // Soft line break "=" [WSP] CRLF|LF
    let k = i + 1;
    while (bytes[k] === 0x20 || bytes[k] === 0x09) k++;
    if (bytes[k] === CR && bytes[k + 1] === LF) {
      i = k + 1;
      continue;
    }
    if (bytes[k] === LF) {
      i = k;
      continue;
    }
    const h = hexValue(bytes[i + 1] ?? -1);
    const l = hexValue(bytes[i + 2] ?? -1);
    if (h >= 0 && l >= 0) {
      out[j++] = (h << 4) | l;
      i += 2;
    } else out[j++] = b;
  }
  return out.slice(0, j);
}

function qpSafe(b: number): boolean {
  return (b >= 33 && b <= 126 && b !== 0x3d) || b === 0x20 || b === 0x09;
}

/** The encoded form of every byte, computed once: the encoder runs for every text part of every receipt. */
const QP_TOKENS: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  qpSafe(b) ? String.fromCharCode(b) : '=' + b.toString(16).toUpperCase().padStart(2, '0'),
);

/**
 * Quoted-printable encode of text bytes: line breaks (CRLF or LF) stay hard CRLF breaks, lines are
 * soft-wrapped at 76, trailing whitespace is escaped (RFC 2045 §6.7 rule 3).
 */
export function encodeQuotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let cur = '';
  const flush = (hard: boolean) => {
    const last = cur.at(-1);
    if (hard && (last === ' ' || last === '\t')) cur = cur.slice(0, -1) + (last === ' ' ? '=20' : '=09');
    lines.push(cur);
    cur = '';
  };
  for (let i = 0, n = bytes.length; i < n; i++) {
    const b = bytes[i]!;
    if (b === CR && bytes[i + 1] === LF) continue;
    if (b === LF) {
      flush(true);
      continue;
    }
    const token = QP_TOKENS[b]!;
    if (cur.length + token.length > MAX_ENCODED_LINE - 1) {
      lines.push(cur + '=');
      cur = '';
    }
    cur += token;
  }
  if (cur.length > 0) flush(true);
  return lines.join('\r\n');
}

/** Decodes a body by its Content-Transfer-Encoding; 7bit, 8bit, binary and unknown values pass through. */
export function decodeTransfer(body: Uint8Array, encoding: string | undefined): Uint8Array {
  const cte = (encoding ?? '7bit').trim().toLowerCase();
  if (cte === 'base64') return decodeBase64(body);
  if (cte === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** True when every byte is 7-bit and no line is longer than 998 octets (RFC 5322 §2.1.1). */
export function isSevenBitClean(bytes: Uint8Array): boolean {
  let lineLen = 0;
  for (let i = 0, n = bytes.length; i < n; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 || b === 0) return false;
    if (b === LF) lineLen = 0;
    else if (++lineLen > 999) return false;
  }
  return true;
}
