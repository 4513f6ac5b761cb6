// Password hashing with argon2id through Bun.password: the only place a password meets a hash.

/**
 * Cost parameters (Bun's argon2id defaults, written out so a Bun upgrade cannot change them silently).
 * One hash or verify costs about 0.2 s of CPU on the reference machine (DEPENDENCIES.md): it is
 * never on a hot path — it runs once per login, after the throttle (throttle.ts) has let the attempt
 * through, and sessions then carry a token (tokens.ts).
 *
 * Repeated logins of mail clients are served by credential-cache.ts (successes only, bound to this
 * hash, keyed HMAC, short TTL), so wrong guesses always pay this cost.
 */
export const ARGON2_MEMORY_COST_KIB = 65_536;
export const ARGON2_TIME_COST = 2;
/** Passwords longer than this are refused before hashing: no policy allows them, and argon2 cost grows with input. */
export const MAX_PASSWORD_INPUT_BYTES = 1024;

const PARAMS = { algorithm: 'argon2id', memoryCost: ARGON2_MEMORY_COST_KIB, timeCost: ARGON2_TIME_COST } as const;
const ENCODED_PREFIX = `$argon2id$v=19$m=${ARGON2_MEMORY_COST_KIB},t=${ARGON2_TIME_COST},p=`;

export type PasswordHashErrorKind = 'too-long' | 'empty' | 'malformed-hash';

export class PasswordHashError extends Error {
  override readonly name = 'PasswordHashError';
  constructor(readonly kind: PasswordHashErrorKind) {
    super(`password hash: ${kind}`);
  }
}

/** Hashes a password that already passed the policy (password-policy.ts). */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0) throw new PasswordHashError('empty');
  if (byteLength(password) > MAX_PASSWORD_INPUT_BYTES) throw new PasswordHashError('too-long');
  return Bun.password.hash(password, PARAMS);
}

/**
 * True when the password matches. Over-long input is false without hashing (its length is the
 * caller's, so answering early leaks nothing). A stored hash that is not argon2id is a data error
 * and throws, so that it is noticed instead of locking the user out silently.
 */
export async function verifyPassword(password: string, encodedHash: string): Promise<boolean> {
  if (!encodedHash.startsWith('$argon2id$')) throw new PasswordHashError('malformed-hash');
  if (password.length === 0 || byteLength(password) > MAX_PASSWORD_INPUT_BYTES) return false;
  try {
    return await Bun.password.verify(password, encodedHash, 'argon2id');
  } catch {
    throw new PasswordHashError('malformed-hash');
  }
}

/** True when a stored hash was made with other cost parameters and should be replaced at next login. */
export function needsRehash(encodedHash: string): boolean {
  return !encodedHash.startsWith(ENCODED_PREFIX);
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real verification for a login that does not exist, so response time
 * does not reveal which mailboxes exist. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= Bun.password.hash('dummy-password-for-timing', PARAMS);
  await Bun.password.verify(password.length > 0 && byteLength(password) <= MAX_PASSWORD_INPUT_BYTES ? password : 'x', await dummyHash, 'argon2id');
  return false;
}

function byteLength(s: string): number {
  // Cheap upper bound first: one UTF-16 unit is at most 3 UTF-8 bytes.
  if (s.length * 3 <= MAX_PASSWORD_INPUT_BYTES) return s.length;
  return new TextEncoder().encode(s).length;
}
