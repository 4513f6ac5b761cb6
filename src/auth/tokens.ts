// Random bearer tokens for sessions and one-time password-reset links; only their SHA-256 is ever stored.
import { createHash, timingSafeEqual } from 'node:crypto';

/** 32 random bytes: 256 bits, beyond guessing. */
export const TOKEN_BYTES = 32;
/** base64url without padding of 32 bytes. */
export const TOKEN_LENGTH = 43;
/**
 * Seed 000 §2.7.3 and seed 003 reset the password through an e-mailed link without stating its
 * lifetime; ours is 24 hours and one use, so a link left in a mailbox does not stay a key.
 */
export const RESET_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface IssuedToken {
  /** Given to the user (cookie, link); never stored. */
  readonly token: string;
  /** Hex SHA-256 of the token: what the store keeps. */
  readonly tokenHash: string;
}

export function generateToken(): IssuedToken {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  const token = Buffer.from(bytes).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

/** Shape check before any lookup: refuses junk (huge strings, `../`, NUL) without touching the store. */
export function isWellFormedToken(token: string): boolean {
  return token.length === TOKEN_LENGTH && TOKEN_PATTERN.test(token);
}

/**
 * The value stored and looked up. A fast hash suffices (unlike passwords): the token has 256 bits
 * of entropy, so a leaked database does not let anyone derive a usable token.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time check of a presented token against a stored hash. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  if (!isWellFormedToken(presented) || !HASH_PATTERN.test(storedHash)) return false;
  const a = Buffer.from(hashToken(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return timingSafeEqual(a, b);
}

export interface ResetTokenRecord {
  readonly tokenHash: string;
  readonly expiresAt: number;
  /** When the link was used; a reset link works once. */
  readonly usedAt: number | null;
}

export interface IssuedResetToken extends IssuedToken {
  readonly expiresAt: number;
}

export function issueResetToken(now: number): IssuedResetToken {
  return { ...generateToken(), expiresAt: now + RESET_TOKEN_TTL_MS };
}

export type ResetTokenCheck = 'valid' | 'malformed' | 'mismatch' | 'expired' | 'used';

/** Checks a reset link's token against its record; all but 'valid' show the same page to the user. */
export function checkResetToken(presented: string, record: ResetTokenRecord, now: number): ResetTokenCheck {
  if (!isWellFormedToken(presented)) return 'malformed';
  if (!tokenMatches(presented, record.tokenHash)) return 'mismatch';
  if (record.usedAt !== null) return 'used';
  if (now >= record.expiresAt) return 'expired';
  return 'valid';
}
