// RFC 2047 encoded-words: decoding any header text, encoding unstructured text (Subject) and phrases.
import { decodeCharset, utf8 } from './charset.ts';
import { decodeBase64 } from './transfer-encoding.ts';

/** RFC 2047 §2: an encoded-word is at most 75 characters. */
export const MAX_ENCODED_WORD = 75;

const WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=/g;

function decodeQ(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return new Uint8Array(bytes);
}

/**
 * Decodes every encoded-word in a header value. Whitespace between two adjacent encoded-words is
 * dropped (RFC 2047 §6.2); adjacent words in the same charset are joined at the byte level first so
 * that a multi-byte character split across words survives.
 */
export function decodeWords(value: string): string {
  type Tok = { word: true; charset: string; bytes: Uint8Array } | { word: false; text: string };
  const toks: Tok[] = [];
  let last = 0;
  for (const m of value.matchAll(WORD)) {
    if (m.index > last) toks.push({ word: false, text: value.slice(last, m.index) });
    const bytes = m[2]!.toUpperCase() === 'B' ? decodeBase64(m[3]!) : decodeQ(m[3]!);
    toks.push({ word: true, charset: m[1]!.toLowerCase(), bytes });
    last = m.index + m[0].length;
  }
  if (last < value.length) toks.push({ word: false, text: value.slice(last) });
  let out = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.word) {
      const prev = toks[i - 1];
      const next = toks[i + 1];
      if (prev?.word && next?.word && /^\s*$/.test(t.text)) continue;
      out += t.text;
      continue;
    }
    let bytes = t.bytes;
    // Join following same-charset words (possibly separated by whitespace only).
    while (true) {
      const sep = toks[i + 1];
      const nxt = sep && !sep.word && /^\s*$/.test(sep.text) ? toks[i + 2] : sep;
      if (!nxt || !nxt.word || nxt.charset !== t.charset) break;
      const joined = new Uint8Array(bytes.length + nxt.bytes.length);
      joined.set(bytes);
      joined.set(nxt.bytes, bytes.length);
      bytes = joined;
      i += nxt === sep ? 1 : 2;
    }
    out += decodeCharset(bytes, t.charset);
  }
  return out;
}

/** Splits a string into chunks whose UTF-8 encodings fit `maxBytes`, never splitting a code point. */
function chunkUtf8(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let cur = '';
  let curBytes = 0;
  for (const ch of text) {
    const n = utf8(ch).length;
    if (curBytes + n > maxBytes && cur.length > 0) {
      chunks.push(cur);
      cur = '';
      curBytes = 0;
    }
    cur += ch;
    curBytes += n;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}

/**
 * Encodes unstructured text (Subject) for a header: returned as is when printable ASCII without
 * "=?" (which a reader would try to decode), else as a run of UTF-8 B-encoded words separated by
 * spaces, each within the 75-character limit, ready for folding between words.
 */
export function encodeWords(text: string): string {
  if (!/[^\x20-\x7e]/.test(text) && !text.includes('=?')) return text;
  // 75 - len("=?utf-8?B??=") = 63 base64 chars => 45 bytes (multiple of 3).
  return chunkUtf8(text, 45)
    .map((c) => `=?utf-8?B?${Buffer.from(utf8(c)).toString('base64')}?=`)
    .join(' ');
}

/** Formats a display-name phrase: atom, quoted string, or encoded-words (RFC 5322 §3.2.5, RFC 2047 §5(3)). */
export function encodePhrase(text: string): string {
  if (/[^\x20-\x7e]/.test(text) || text.includes('=?')) return encodeWords(text);
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(text) && text.trim() === text) return text;
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}
