// POP3 reply encoder: +OK/-ERR status lines with response codes, SASL challenges, CAPA and scan/unique-id listings.
import { dotStuff, extractTop, pop3Size } from './multiline.ts';

/** Response codes of RFC 2449 §8 (IN-USE, LOGIN-DELAY) and RFC 3206 (SYS/TEMP, SYS/PERM, AUTH). */
export type Pop3ResponseCode = 'AUTH' | 'SYS/TEMP' | 'SYS/PERM' | 'IN-USE' | 'LOGIN-DELAY';

/** A single-line reply. `code` is only sent to clients when RESP-CODES is advertised (RFC 2449 §6.4). */
export interface Pop3Status {
  readonly ok: boolean;
  readonly text: string;
  readonly code?: Pop3ResponseCode | undefined;
}

/** RFC 2449 §4: a response line is at most 512 octets including the CRLF. */
export const MAX_RESPONSE_LINE_BYTES = 512;

const utf8 = new TextEncoder();

/**
 * Makes free text safe for one status line: CR, LF and other controls become spaces (a CRLF in a
 * reply text would let whoever controls the text inject a second reply), then the line is cut at a
 * UTF-8 character boundary so it fits in `budget` bytes.
 */
export function sanitizeReplyText(text: string, budget: number): string {
  // Every character is at least one byte, so nothing past `budget` characters can fit anyway.
  const clean = text.slice(0, Math.max(0, budget)).replace(/[\u0000-\u001f\u007f]/g, ' ');
  if (utf8.encode(clean).length <= budget) return clean;
  let out = '';
  let used = 0;
  for (const ch of clean) {
    const n = utf8.encode(ch).length;
    if (used + n > budget) break;
    out += ch;
    used += n;
  }
  return out;
}

/** The status line as a string without CRLF, e.g. `-ERR [AUTH] Authentication failed`. */
export function statusLine(status: Pop3Status): string {
  const head = status.ok ? '+OK' : '-ERR';
  const code = status.code ? ` [${status.code}]` : '';
  const prefix = head + code;
  const budget = MAX_RESPONSE_LINE_BYTES - 2 - prefix.length - 1;
  const text = sanitizeReplyText(status.text, budget);
  return text.length > 0 ? `${prefix} ${text}` : prefix;
}

export function encodeStatus(status: Pop3Status): Uint8Array {
  return utf8.encode(statusLine(status) + '\r\n');
}

export function ok(text: string, code?: Pop3ResponseCode): Uint8Array {
  return encodeStatus({ ok: true, text, code });
}

export function err(text: string, code?: Pop3ResponseCode): Uint8Array {
  return encodeStatus({ ok: false, text, code });
}

/** RFC 5034 §4: a server challenge is `+ ` followed by base64 (empty for PLAIN's first round). */
export function encodeSaslChallenge(base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new TypeError('SASL challenge must be base64');
  return utf8.encode(base64.length > 0 ? `+ ${base64}\r\n` : '+ \r\n');
}

/** What the server advertises in CAPA (RFC 2449 §6, RFC 2595 §4 for STLS). */
export interface Pop3Capabilities {
  readonly top: boolean;
  /** USER/PASS offered; false before TLS when plaintext login is refused (RFC 2595 §2.2). */
  readonly user: boolean;
  /** SASL mechanisms offered, e.g. ['PLAIN']; empty hides the SASL line. */
  readonly sasl: readonly string[];
  readonly respCodes: boolean;
  /** Minimum seconds between logins, or null to omit (RFC 2449 §6.5). */
  readonly loginDelaySeconds: number | null;
  readonly pipelining: boolean;
  /** Days a message is kept after retrieval, 'NEVER', or null to omit (RFC 2449 §6.7). */
  readonly expire: number | 'NEVER' | null;
  readonly uidl: boolean;
  readonly stls: boolean;
  readonly implementation: string | null;
}

const CAPABILITY_TOKEN = /^[A-Z0-9-]{1,40}$/;

export function capabilityLines(caps: Pop3Capabilities): string[] {
  const lines: string[] = [];
  if (caps.top) lines.push('TOP');
  if (caps.user) lines.push('USER');
  const mechs = caps.sasl.filter((m) => CAPABILITY_TOKEN.test(m));
  if (mechs.length > 0) lines.push(`SASL ${mechs.join(' ')}`);
  if (caps.respCodes) lines.push('RESP-CODES');
  if (caps.loginDelaySeconds !== null) lines.push(`LOGIN-DELAY ${nonNegativeInt(caps.loginDelaySeconds)}`);
  if (caps.pipelining) lines.push('PIPELINING');
  if (caps.expire !== null) lines.push(`EXPIRE ${caps.expire === 'NEVER' ? 'NEVER' : nonNegativeInt(caps.expire)}`);
  if (caps.uidl) lines.push('UIDL');
  if (caps.stls) lines.push('STLS');
  if (caps.implementation) lines.push(`IMPLEMENTATION ${sanitizeReplyText(caps.implementation, 200)}`);
  return lines;
}

/** RFC 2449 §5: `+OK` then one capability per line, terminated by a lone dot. */
export function encodeCapa(caps: Pop3Capabilities): Uint8Array {
  return encodeLines({ ok: true, text: 'Capability list follows' }, capabilityLines(caps));
}

/** A multi-line reply whose lines are generated text (CAPA, LIST, UIDL): each line is dot-stuffed. */
export function encodeLines(status: Pop3Status, lines: readonly string[]): Uint8Array {
  const body = lines.map((l) => sanitizeReplyText(l, MAX_RESPONSE_LINE_BYTES - 3) + '\r\n').join('');
  return encodeMultiline(status, utf8.encode(body));
}

/** RFC 1939 §5 STAT: `+OK nn mm` — message count and maildrop size in octets. */
export function encodeStat(count: number, octets: number): Uint8Array {
  return ok(`${nonNegativeInt(count)} ${nonNegativeInt(octets)}`);
}

export interface ScanEntry {
  readonly msg: number;
  readonly octets: number;
}
export interface UidEntry {
  readonly msg: number;
  readonly uid: string;
}

/** RFC 1939 §5 LIST with an argument: a single scan line. */
export function encodeScanLine(entry: ScanEntry): Uint8Array {
  return ok(`${positiveInt(entry.msg)} ${nonNegativeInt(entry.octets)}`);
}

/** RFC 1939 §5 LIST without argument: a scan listing. */
export function encodeScanList(entries: readonly ScanEntry[], totalOctets: number): Uint8Array {
  const lines = entries.map((e) => `${positiveInt(e.msg)} ${nonNegativeInt(e.octets)}`);
  return encodeLines({ ok: true, text: `${entries.length} messages (${nonNegativeInt(totalOctets)} octets)` }, lines);
}

/** RFC 1939 §7: a unique-id is 1 to 70 characters in the range 0x21 to 0x7E. */
export const UID_PATTERN = /^[\x21-\x7e]{1,70}$/;

function checkedUid(uid: string): string {
  if (!UID_PATTERN.test(uid)) throw new TypeError(`POP3 unique-id out of range (RFC 1939 §7): ${JSON.stringify(uid)}`);
  return uid;
}

export function encodeUidLine(entry: UidEntry): Uint8Array {
  return ok(`${positiveInt(entry.msg)} ${checkedUid(entry.uid)}`);
}

export function encodeUidList(entries: readonly UidEntry[]): Uint8Array {
  const lines = entries.map((e) => `${positiveInt(e.msg)} ${checkedUid(e.uid)}`);
  return encodeLines({ ok: true, text: 'Unique-ID listing follows' }, lines);
}

function nonNegativeInt(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`expected a non-negative integer, got ${n}`);
  return n;
}

function positiveInt(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`expected a message number >= 1, got ${n}`);
  return n;
}

/**
 * A multi-line reply (RFC 1939 §3): the status line, the body with every line starting with a dot
 * doubled and bare LF turned into CRLF, then `.` CRLF.
 */
export function encodeMultiline(status: Pop3Status, body: Uint8Array): Uint8Array {
  const head = encodeStatus(status);
  const tail = dotStuff(body);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}

/** RFC 1939 §5 RETR: `+OK <octets> octets` then the whole message, dot-stuffed. */
export function encodeMessage(raw: Uint8Array): Uint8Array {
  return encodeMultiline({ ok: true, text: `${pop3Size(raw)} octets` }, raw);
}

/** RFC 1939 §7 TOP: the headers, the blank line and the first `bodyLines` lines of the body. */
export function encodeTop(raw: Uint8Array, bodyLines: number): Uint8Array {
  return encodeMultiline({ ok: true, text: 'Top of message follows' }, extractTop(raw, bodyLines));
}

export { dotStuff, extractTop, pop3Size } from './multiline.ts';
