// Named limits of the storage layer and the validators that apply them (CONVENTIONS 9: every limit is named).
import { InvalidValueError, LimitExceededError } from './errors.ts';

/** RFC 5321 §4.5.3.1.1: local-part at most 64 octets. */
export const MAX_LOCAL_PART_LENGTH = 64;
/** RFC 5321 §4.5.3.1.2: domain at most 255 octets; DNS names stop at 253 characters. */
export const MAX_DOMAIN_LENGTH = 253;
/** RFC 5321 §4.5.3.1.3 path limit (256) minus the angle brackets. */
export const MAX_ADDRESS_LENGTH = 254;
/** One level of a folder path; IMAP clients cope badly beyond this. */
export const MAX_FOLDER_NAME_LENGTH = 200;
/** Collaborator and administrator usernames. */
export const MAX_USERNAME_LENGTH = 64;
/** Keywords (IMAP flags without a backslash) per message and their length. */
export const MAX_KEYWORDS_PER_MESSAGE = 64;
export const MAX_KEYWORD_LENGTH = 100;
/** Settings keys and values (the kv table holds configuration, not documents). */
export const MAX_SETTING_KEY_LENGTH = 200;
export const MAX_SETTING_VALUE_LENGTH = 65_536;
/** A search string; FTS5 queries beyond this cost more than they find. */
export const MAX_SEARCH_QUERY_LENGTH = 1_000;
/** Text indexed for full-text search per message (the body is cut, the message itself is not). */
export const MAX_INDEXED_BODY_CHARS = 200_000;
/** Rows one listFolder / query call may return. */
export const MAX_PAGE_SIZE = 1_000;

// C0 controls and DEL: never part of a name (NUL would truncate it in C consumers).
const CONTROL = /[\u0000-\u001f\u007f]/;

export function checkLength(limit: string, max: number, value: string): void {
  if (value.length > max) throw new LimitExceededError(limit, max, value.length);
}

/** A name shown to people and matched exactly: non-empty, bounded, no control characters. */
export function checkName(field: string, limit: string, max: number, value: string): string {
  checkLength(limit, max, value);
  if (value.trim() === '') throw new InvalidValueError(field, 'empty');
  if (CONTROL.test(value)) throw new InvalidValueError(field, 'control character');
  return value;
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Lowercases and checks a domain name (RFC 1035 labels, ASCII; IDNs arrive as A-labels). */
export function normalizeDomain(value: string): string {
  checkLength('MAX_DOMAIN_LENGTH', MAX_DOMAIN_LENGTH, value);
  const d = value.trim().toLowerCase();
  if (!DOMAIN.test(d)) throw new InvalidValueError('domain', 'not a domain name');
  return d;
}

/** Lowercases and checks a mailbox local part (RFC 5322 dot-atom; quoted strings are not offered). */
export function normalizeLocalPart(value: string): string {
  checkLength('MAX_LOCAL_PART_LENGTH', MAX_LOCAL_PART_LENGTH, value);
  const l = value.trim().toLowerCase();
  if (!LOCAL_PART.test(l)) throw new InvalidValueError('local part', 'not a dot-atom');
  return l;
}

/** Checks and lowercases a full address local@domain. */
export function normalizeAddress(value: string): string {
  checkLength('MAX_ADDRESS_LENGTH', MAX_ADDRESS_LENGTH, value);
  const at = value.lastIndexOf('@');
  if (at <= 0) throw new InvalidValueError('address', 'missing @');
  return `${normalizeLocalPart(value.slice(0, at))}@${normalizeDomain(value.slice(at + 1))}`;
}

export function checkPage(limit: number | undefined, offset: number | undefined): { limit: number; offset: number } {
  const l = limit ?? 100;
  const o = offset ?? 0;
  if (!Number.isInteger(l) || l < 1) throw new InvalidValueError('limit', 'must be a positive integer');
  if (!Number.isInteger(o) || o < 0) throw new InvalidValueError('offset', 'must be a non-negative integer');
  if (l > MAX_PAGE_SIZE) throw new LimitExceededError('MAX_PAGE_SIZE', MAX_PAGE_SIZE, l);
  return { limit: l, offset: o };
}
