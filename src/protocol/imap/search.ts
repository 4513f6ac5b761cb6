// Reference evaluator of a parsed SEARCH program over one message (RFC 9051 §6.4.4); sessions may compile to SQL instead.
import type { ImapDate, SearchKey, SearchReturnOption } from './command-types.ts';
import { compareDates, dayOf, MONTHS } from './datetime.ts';
import { compressNumbers, sequenceSetContains } from './sequence-set.ts';
import type { NumberSet } from './response-types.ts';

/** What the evaluator needs to know about a message; text accessors are called lazily. */
export interface SearchMessageView {
  uid: number;
  seq: number;
  flags: ReadonlySet<string>;
  /** INTERNALDATE, ms since the epoch. */
  internalDate: number;
  /** RFC822.SIZE in octets. */
  size: number;
  modseq: bigint;
  /** Values (RFC 2047-decoded) of every header field with this name, case-insensitive; [] when absent. */
  headers(name: string): string[];
  /** Header and body text, decoded. */
  text(): string;
  /** Body text, decoded. */
  body(): string;
}

export interface SearchScope {
  /** Highest sequence number (EXISTS) and highest UID, for `*` (RFC 9051 §9 seq-number). */
  maxSeq: number;
  maxUid: number;
  /** Zone used to take the calendar day of INTERNALDATE (default UTC). */
  tzOffsetMinutes?: number;
}

/** Case-insensitive substring match (RFC 9051 §6.4.4: "case-insensitive substring"). */
function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

function hasFlag(flags: ReadonlySet<string>, flag: string): boolean {
  if (flags.has(flag)) return true;
  const f = flag.toLowerCase();
  for (const x of flags) if (x.toLowerCase() === f) return true;
  return false;
}

const DATE_RE = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})/;

/** The day written in the Date header (its own zone), or null when absent or unreadable. */
export function sentDay(dateHeader: string | undefined): ImapDate | null {
  const m = dateHeader ? DATE_RE.exec(dateHeader) : null;
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.toLowerCase() === (m[2] as string).toLowerCase()) + 1;
  if (month === 0) return null;
  let year = Number(m[3]);
  if (year < 100) year += year < 50 ? 2000 : 1900; // RFC 5322 §4.3 obs-year
  return { year, month, day: Number(m[1]) };
}

function matchDate(day: ImapDate, op: 'before' | 'on' | 'since', target: ImapDate): boolean {
  const c = compareDates(day, target);
  return op === 'before' ? c < 0 : op === 'on' ? c === 0 : c >= 0;
}

/** True when `msg` satisfies `key`. */
export function evaluateSearch(key: SearchKey, msg: SearchMessageView, scope: SearchScope): boolean {
  switch (key.kind) {
    case 'all':
      return true;
    case 'flag':
      return hasFlag(msg.flags, key.flag) === key.set;
    case 'header': {
      const values = msg.headers(key.field);
      // An empty string matches every message that has the field.
      return key.value === '' ? values.length > 0 : values.some((v) => contains(v, key.value));
    }
    case 'body':
      return contains(msg.body(), key.value);
    case 'text':
      return contains(msg.text(), key.value);
    case 'date': {
      const internal = dayOf(msg.internalDate, scope.tzOffsetMinutes ?? 0);
      // A missing or broken Date header falls back to INTERNALDATE (as Dovecot and Cyrus do).
      const day = key.field === 'internal' ? internal : (sentDay(msg.headers('Date')[0]) ?? internal);
      return matchDate(day, key.op, key.date);
    }
    case 'size':
      return key.op === 'larger' ? msg.size > key.size : msg.size < key.size;
    case 'uid':
      return sequenceSetContains(key.set, msg.uid, scope.maxUid);
    case 'seq':
      return sequenceSetContains(key.set, msg.seq, scope.maxSeq);
    case 'modseq':
      return msg.modseq >= key.modseq; // RFC 7162 §3.1.5: "equal to or greater than"
    case 'not':
      return !evaluateSearch(key.key, msg, scope);
    case 'or':
      return evaluateSearch(key.left, msg, scope) || evaluateSearch(key.right, msg, scope);
    case 'and':
      return key.keys.every((k) => evaluateSearch(k, msg, scope));
  }
}

/** True when the program mentions MODSEQ: the SEARCH answer must then carry (MODSEQ n) (RFC 7162 §3.1.5). */
export function usesModseq(key: SearchKey): boolean {
  switch (key.kind) {
    case 'modseq':
      return true;
    case 'not':
      return usesModseq(key.key);
    case 'or':
      return usesModseq(key.left) || usesModseq(key.right);
    case 'and':
      return key.keys.some(usesModseq);
    default:
      return false;
  }
}

export interface SearchSummary {
  min?: number;
  max?: number;
  all?: NumberSet;
  count?: number;
}

/** RFC 4731 §3.1: MIN/MAX/ALL/COUNT of matching numbers; an empty RETURN () means ALL; MIN/MAX omitted when none. */
export function summarizeSearch(ids: readonly number[], options: readonly SearchReturnOption[]): SearchSummary {
  const opts = options.length === 0 ? ['ALL'] : options;
  const sorted = [...ids].sort((a, b) => a - b);
  const out: SearchSummary = {};
  if (opts.includes('MIN') && sorted.length) out.min = sorted[0] as number;
  if (opts.includes('MAX') && sorted.length) out.max = sorted[sorted.length - 1] as number;
  if (opts.includes('ALL') && sorted.length) out.all = compressNumbers(sorted);
  if (opts.includes('COUNT')) out.count = sorted.length;
  return out;
}
