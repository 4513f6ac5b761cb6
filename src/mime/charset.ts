// Charset conversions needed by PEC texts: UTF-8, ISO-8859-1 (RFC 6109 §4.3) and tolerant decoding.

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8_LOOSE = new TextDecoder('utf-8');
const UTF8_ENCODER = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return UTF8_ENCODER.encode(text);
}

/** Bytes to a string one byte per code unit (binary-safe, reversible with `fromLatin1`). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return out;
}

/** True when every code point fits ISO-8859-1, so the text can go out as charset="iso-8859-1". */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

/** String to ISO-8859-1 bytes; throws on code points above U+00FF (check `isLatin1` first). */
export function fromLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`code point U+${c.toString(16)} is not ISO-8859-1`);
    out[i] = c;
  }
  return out;
}

/** UTF-8 when the bytes are valid UTF-8, else ISO-8859-1: the usual reading of raw 8-bit headers. */
export function utf8OrLatin1(bytes: Uint8Array): string {
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

/** Decodes bytes in a declared MIME charset; unknown labels fall back to UTF-8 (never throws). */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'us-ascii').trim().toLowerCase();
  if (label === 'utf-8' || label === 'utf8') return UTF8_LOOSE.decode(bytes);
  if (label === 'us-ascii' || label === 'ascii' || label === 'iso-8859-1' || label === 'latin1') {
    return latin1(bytes);
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return utf8OrLatin1(bytes);
  }
}
