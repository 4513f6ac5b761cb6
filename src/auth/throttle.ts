// Failed-login throttling by login and by client address: sliding window, lockout, bounded memory.
import type { Clock } from '../runtime/clock.ts';

/** Failures of one login inside WINDOW_MS that lock that login out. */
export const MAX_FAILURES_PER_LOGIN = 5;
/** Failures from one client address (or IPv6 /64) inside WINDOW_MS that lock the address out. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Keys remembered at most; past this the least recently failed key is forgotten. */
export const MAX_TRACKED_KEYS = 100_000;
/** Keys are cut to this length: a login longer than any valid one gains nothing by being unique. */
export const MAX_KEY_LENGTH = 320;

export interface ThrottleDecision {
  readonly allowed: boolean;
  /** 0 when allowed; otherwise how long until the next attempt may be made. */
  readonly retryAfterMs: number;
}

export interface ThrottleLimits {
  readonly maxFailuresPerLogin: number;
  readonly maxFailuresPerAddress: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
  readonly maxTrackedKeys: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  maxFailuresPerLogin: MAX_FAILURES_PER_LOGIN,
  maxFailuresPerAddress: MAX_FAILURES_PER_ADDRESS,
  windowMs: WINDOW_MS,
  lockoutMs: LOCKOUT_MS,
  maxTrackedKeys: MAX_TRACKED_KEYS,
};

interface Entry {
  /** Failure instants inside the window, oldest first; never longer than the key's limit. */
  failures: number[];
  lockedUntil: number;
}

/**
 * Check before verifying a password (the hash costs ~0.2 s, hash.ts), record the outcome after.
 * Both keys are checked: the per-login key stops guessing one password from many addresses, the
 * per-address key stops one client spraying many logins. A known trade-off: anyone can lock a
 * login out for LOCKOUT_MS by failing on purpose; the lockout is short and the address key limits
 * how many logins one client can do this to.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  check(login: string, address: string): ThrottleDecision {
    const now = this.clock.now();
    const wait = Math.max(this.lockRemaining(loginKey(login), now), this.lockRemaining(addressKey(address), now));
    return wait > 0 ? { allowed: false, retryAfterMs: wait } : { allowed: true, retryAfterMs: 0 };
  }

  recordFailure(login: string, address: string): ThrottleDecision {
    const now = this.clock.now();
    this.fail(loginKey(login), this.limits.maxFailuresPerLogin, now);
    this.fail(addressKey(address), this.limits.maxFailuresPerAddress, now);
    return this.check(login, address);
  }

  /**
   * A correct password clears the login's failures, not the address's: otherwise a client that owns
   * one account could reset its counter between guesses at others.
   */
  recordSuccess(login: string): void {
    this.entries.delete(loginKey(login));
  }

  /** Keys currently remembered (for tests and metrics). */
  get trackedKeys(): number {
    return this.entries.size;
  }

  private lockRemaining(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return e.lockedUntil > now ? e.lockedUntil - now : 0;
  }

  private fail(key: string, max: number, now: number): void {
    const e = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    // Re-insert so Map order is "least recently failed first", which eviction relies on.
    this.entries.delete(key);
    e.failures = e.failures.filter((t) => t > now - this.limits.windowMs);
    e.failures.push(now);
    if (e.failures.length > max) e.failures.splice(0, e.failures.length - max);
    if (e.failures.length >= max) e.lockedUntil = now + this.limits.lockoutMs;
    this.entries.set(key, e);
    this.evict(now);
  }

  private evict(now: number): void {
    while (this.entries.size > this.limits.maxTrackedKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    // Opportunistically drop the oldest entry when it no longer matters, keeping the map small.
    const first = this.entries.entries().next();
    if (!first.done) {
      const [key, e] = first.value;
      const last = e.failures[e.failures.length - 1] ?? 0;
      if (e.lockedUntil <= now && last <= now - this.limits.windowMs) this.entries.delete(key);
    }
  }
}

/** Logins compare case-insensitively (login-name.ts lowercases); cut to bound memory. */
export function loginKey(login: string): string {
  return 'l:' + login.slice(0, MAX_KEY_LENGTH).toLowerCase();
}

/**
 * IPv4 as is (IPv4-mapped IPv6 unwrapped); IPv6 by its /64, since one subscriber usually holds a
 * whole /64 and could otherwise rotate addresses freely. Unparseable input is used verbatim, cut.
 */
export function addressKey(address: string): string {
  const a = address.slice(0, MAX_KEY_LENGTH).toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return 'a:' + mapped[1];
  if (!a.includes(':')) return 'a:' + a;
  const groups = expandIpv6(a.split('%')[0]!);
  return groups ? 'a6:' + groups.slice(0, 4).join(':') : 'a:' + a;
}

function expandIpv6(a: string): string[] | null {
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.padStart(4, '0'));
}
