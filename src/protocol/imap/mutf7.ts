// Modified UTF-7 mailbox names (RFC 3501 §5.1.3), used on the wire unless UTF-8 names are enabled (RFC 9051 §5.1).

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,';
const B64_INDEX = new Map<string, number>([...B64].map((c, i) => [c, i]));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isDirect(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

function encodeRun(units: number[]): string {
  const bytes: number[] = [];
  for (const u of units) bytes.push(u >> 8, u & 0xff);
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += B64[(acc >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += B64[(acc << (6 - bits)) & 0x3f];
  return `&${out}-`;
}

/** Unicode -> modified UTF-7: printable ASCII stands for itself, "&" becomes "&-", the rest is UTF-16 in base64. */
export function encodeMutf7(name: string): string {
  let out = '';
  let run: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const u = name.charCodeAt(i);
    if (isDirect(u)) {
      if (run.length) out += encodeRun(run);
      run = [];
      out += u === 0x26 ? '&-' : name[i];
    } else run.push(u);
  }
  if (run.length) out += encodeRun(run);
  return out;
}

function decodeRun(b64: string): string | null {
  let acc = 0;
  let bits = 0;
  const bytes: number[] = [];
  for (const ch of b64) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero padding and the byte count must be whole UTF-16 units.
  if ((acc & ((1 << bits) - 1)) !== 0 || bytes.length % 2 !== 0 || bytes.length === 0) return null;
  let s = '';
  for (let i = 0; i < bytes.length; i += 2) {
    const u = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
    if (isDirect(u)) return null; // RFC 3501 §5.1.3: printable ASCII must not be base64-encoded
    s += String.fromCharCode(u);
  }
  return LONE_SURROGATE.test(s) ? null : s;
}

/** Modified UTF-7 -> Unicode, or null when the name is not valid modified UTF-7. 8-bit text passes through. */
export function decodeMutf7(wire: string): string | null {
  let out = '';
  let i = 0;
  while (i < wire.length) {
    const ch = wire[i] as string;
    if (ch !== '&') {
      out += ch;
      i++;
      continue;
    }
    const end = wire.indexOf('-', i + 1);
    if (end < 0) return null;
    if (end === i + 1) out += '&';
    else {
      const run = decodeRun(wire.slice(i + 1, end));
      if (run === null) return null;
      out += run;
    }
    i = end + 1;
  }
  return out;
}
