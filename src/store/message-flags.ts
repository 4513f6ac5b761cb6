// Message flags as stored: the five system flags as a bitmask (fast unseen/deleted counts in SQL) plus keywords
// as a JSON array. Pure functions: no I/O.
import { InvalidValueError, LimitExceededError } from './errors.ts';
import { checkLength, MAX_KEYWORD_LENGTH, MAX_KEYWORDS_PER_MESSAGE } from './limits.ts';

/** RFC 9051 §2.3.2 system flags (\Recent is gone in IMAP4rev2 and is per session anyway). */
export const SYSTEM_FLAGS = {
  '\\Seen': 1,
  '\\Answered': 2,
  '\\Flagged': 4,
  '\\Deleted': 8,
  '\\Draft': 16,
} as const;
export type SystemFlag = keyof typeof SYSTEM_FLAGS;
export const FLAG_SEEN = SYSTEM_FLAGS['\\Seen'];
export const FLAG_DELETED = SYSTEM_FLAGS['\\Deleted'];

const BY_LOWER = new Map<string, [SystemFlag, number]>(
  Object.entries(SYSTEM_FLAGS).map(([k, v]) => [k.toLowerCase(), [k as SystemFlag, v]]),
);
// RFC 9051 §9 flag-keyword = atom: no atom-specials (( ) { SP CTL % * " \ ]).
const ATOM = /^[^(){ \u0000-\u001f\u007f%*"\\\]]+$/;

export interface StoredFlags {
  bits: number;
  keywords: string[];
}

/** Splits a flag list into bitmask and keywords; system flags match case-insensitively, keywords dedupe likewise. */
export function encodeFlags(flags: readonly string[]): StoredFlags {
  let bits = 0;
  const keywords: string[] = [];
  const seen = new Set<string>();
  for (const f of flags) {
    const sys = BY_LOWER.get(f.toLowerCase());
    if (sys) {
      bits |= sys[1];
      continue;
    }
    checkLength('MAX_KEYWORD_LENGTH', MAX_KEYWORD_LENGTH, f);
    if (f.startsWith('\\')) throw new InvalidValueError('flag', `unknown system flag ${JSON.stringify(f.slice(0, 20))}`);
    if (!ATOM.test(f)) throw new InvalidValueError('flag', 'keyword is not an atom');
    if (!seen.has(f.toLowerCase())) {
      seen.add(f.toLowerCase());
      keywords.push(f);
    }
  }
  if (keywords.length > MAX_KEYWORDS_PER_MESSAGE) {
    throw new LimitExceededError('MAX_KEYWORDS_PER_MESSAGE', MAX_KEYWORDS_PER_MESSAGE, keywords.length);
  }
  return { bits, keywords };
}

/** The flag list of a stored row: system flags in a fixed order, then keywords. */
export function decodeFlags(bits: number, keywordsJson: string): string[] {
  const out: string[] = [];
  for (const [name, bit] of Object.entries(SYSTEM_FLAGS)) if (bits & bit) out.push(name);
  return out.concat(JSON.parse(keywordsJson) as string[]);
}

export type FlagMode = 'add' | 'remove' | 'replace';

/** RFC 9051 §6.4.6 STORE FLAGS / +FLAGS / -FLAGS applied to stored flags. */
export function applyFlags(current: StoredFlags, mode: FlagMode, change: StoredFlags): StoredFlags {
  if (mode === 'replace') return { bits: change.bits, keywords: [...change.keywords] };
  if (mode === 'add') {
    const have = new Set(current.keywords.map((k) => k.toLowerCase()));
    const added = change.keywords.filter((k) => !have.has(k.toLowerCase()));
    const keywords = current.keywords.concat(added);
    if (keywords.length > MAX_KEYWORDS_PER_MESSAGE) {
      throw new LimitExceededError('MAX_KEYWORDS_PER_MESSAGE', MAX_KEYWORDS_PER_MESSAGE, keywords.length);
    }
    return { bits: current.bits | change.bits, keywords };
  }
  const drop = new Set(change.keywords.map((k) => k.toLowerCase()));
  return { bits: current.bits & ~change.bits, keywords: current.keywords.filter((k) => !drop.has(k.toLowerCase())) };
}

export function sameFlags(a: StoredFlags, b: StoredFlags): boolean {
  if (a.bits !== b.bits || a.keywords.length !== b.keywords.length) return false;
  const bl = new Set(b.keywords.map((k) => k.toLowerCase()));
  return a.keywords.every((k) => bl.has(k.toLowerCase()));
}
