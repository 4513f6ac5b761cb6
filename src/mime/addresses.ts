// Address lists of header fields (RFC 5322 §3.4): display names, angle addresses, groups, comments.
import { decodeWords } from './encoded-words.ts';

export interface Mailbox {
  name: string;
  /** addr-spec as written (local@domain), without angle brackets. */
  address: string;
}

/** Removes comments outside quoted strings (RFC 5322 §3.2.2). */
function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      out += c;
      if (c === '\\') out += s[++i] ?? '';
      else if (c === '"') quoted = false;
    } else if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** Splits on commas (and group markers) that are outside quotes and angle brackets. */
function splitList(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      cur += c;
      if (c === '\\') cur += s[++i] ?? '';
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === '<') angle = true;
    else if (c === '>') angle = false;
    else if (!angle && (c === ',' || c === ';')) {
      out.push(cur);
      cur = '';
      continue;
    } else if (!angle && c === ':' && !cur.includes('@')) {
      cur = ''; // "group-name:" — the display name of a group is dropped
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/** Parses an address-list header value; entries without an "@" are kept only when bracketed. */
export function parseAddressList(value: string | undefined): Mailbox[] {
  if (!value) return [];
  const out: Mailbox[] = [];
  for (const item of splitList(stripComments(value))) {
    const m = /^(.*?)<([^<>]*)>\s*$/.exec(item);
    if (m) {
      const address = m[2]!.trim();
      if (address) out.push({ name: decodeWords(unquote(m[1]!)), address });
    } else if (item.includes('@')) out.push({ name: '', address: item.replace(/\s+/g, '') });
  }
  return out;
}

/** Case-insensitive comparison key of an address (domain and local part, SPEC §0 D18 style). */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

/** Strips angle brackets and whitespace from a msg-id (RFC 5322 §3.6.4). */
export function bareMsgId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /<([^<>]+)>/.exec(value);
  const id = (m ? m[1]! : value).trim();
  return id.length > 0 ? id : undefined;
}
