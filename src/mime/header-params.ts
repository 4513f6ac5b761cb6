// Structured header values with parameters: Content-Type / Content-Disposition (RFC 2045 §5.1, RFC 2231).
import { decodeCharset } from './charset.ts';
import { decodeWords } from './encoded-words.ts';

export interface ContentType {
  type: string;
  subtype: string;
  /** Parameter names lowercased; RFC 2231 continuations joined and charset-decoded. */
  params: Record<string, string>;
}

/** RFC 2045 §5.2: a missing or unparsable Content-Type means text/plain; charset=us-ascii. */
export const DEFAULT_CONTENT_TYPE: ContentType = { type: 'text', subtype: 'plain', params: { charset: 'us-ascii' } };

const TSPECIALS = /[()<>@,;:\\"/[\]?=\s]/;

/** Splits `a; b="x;y"; c` on semicolons that are outside quoted strings and comments. */
function splitSemicolons(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      cur += c;
      if (c === '\\' && i + 1 < value.length) cur += value[++i];
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      cur += c;
    } else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

function percentDecode(s: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i) & 0xff);
  }
  return decodeCharset(new Uint8Array(bytes), charset);
}

interface Segment {
  index: number;
  encoded: boolean;
  value: string;
}

/** Parses `;`-separated parameters; joins RFC 2231 §3 continuations and decodes §4 `charset'lang'value`. */
export function parseParams(parts: string[]): Record<string, string> {
  const plain: Record<string, string> = {};
  const continued = new Map<string, Segment[]>();
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    const rawName = p.slice(0, eq).trim().toLowerCase();
    const value = unquote(p.slice(eq + 1));
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(rawName);
    if (!m) continue;
    const [, name, idx, star] = m;
    if (idx === undefined && star === undefined) plain[name!] = value;
    else {
      const list = continued.get(name!) ?? [];
      list.push({ index: idx === undefined ? 0 : Number(idx), encoded: star !== undefined, value });
      continued.set(name!, list);
    }
  }
  for (const [name, segs] of continued) {
    segs.sort((a, b) => a.index - b.index);
    let charset: string | undefined;
    let text = '';
    for (const [i, seg] of segs.entries()) {
      let v = seg.value;
      if (seg.encoded && i === 0) {
        const q = /^([^']*)'[^']*'(.*)$/s.exec(v);
        if (q) {
          charset = q[1] || undefined;
          v = q[2]!;
        }
      }
      text += seg.encoded ? percentDecode(v, charset) : v;
    }
    plain[name] = text; // RFC 2231 value wins over a plain duplicate
  }
  // Non-standard but common: RFC 2047 words inside quoted parameter values (name="=?UTF-8?Q?...?=").
  for (const k of Object.keys(plain)) if (plain[k]!.includes('=?')) plain[k] = decodeWords(plain[k]!);
  return plain;
}

/** Parses a Content-Type value; anything malformed yields the RFC 2045 default. */
export function parseContentType(value: string | undefined): ContentType {
  if (value === undefined) return { ...DEFAULT_CONTENT_TYPE, params: { ...DEFAULT_CONTENT_TYPE.params } };
  const [head = '', ...rest] = splitSemicolons(value);
  const m = /^([^/\s]+)\s*\/\s*([^\s]+)$/.exec(head.trim());
  if (!m) return { ...DEFAULT_CONTENT_TYPE, params: { ...DEFAULT_CONTENT_TYPE.params } };
  return { type: m[1]!.toLowerCase(), subtype: m[2]!.toLowerCase(), params: parseParams(rest) };
}

/** Parses Content-Disposition into its lowercased disposition type and parameters. */
export function parseDisposition(value: string | undefined): { type: string; params: Record<string, string> } {
  if (value === undefined) return { type: '', params: {} };
  const [head = '', ...rest] = splitSemicolons(value);
  return { type: head.trim().toLowerCase(), params: parseParams(rest) };
}

/** Formats one parameter: token as is, quoted string when needed, RFC 2231 `*=utf-8''…` when not ASCII. */
export function formatParam(name: string, value: string): string {
  if (/[^\x20-\x7e]/.test(value)) {
    const enc = Array.from(new TextEncoder().encode(value), (b) =>
      /[A-Za-z0-9!#$&+\-.^_`|~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0'),
    ).join('');
    return `${name}*=utf-8''${enc}`;
  }
  if (value.length > 0 && !TSPECIALS.test(value)) return `${name}=${value}`;
  return `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
}
