// A short-lived memory of passwords that argon2id has just verified, as Dovecot's auth_cache: mail clients log in
// again and again (IMAP connections, POP3 polls every few minutes) and a 0.2 s hash per login would cap the server.
// Safe by construction:
// - only a success is remembered, so a wrong guess always pays the full argon2id cost (no help to brute force);
// - the entry is an HMAC of the password under a random per-process key, never the password;
// - the entry is bound to the stored hash: a password change, reset or expiry-change makes it useless at once;
// - entries expire after CREDENTIAL_CACHE_TTL_MS and the map is bounded.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../runtime/clock.ts';

export const CREDENTIAL_CACHE_TTL_MS = 10 * 60_000;
export const CREDENTIAL_CACHE_MAX_ENTRIES = 50_000;

interface Entry {
  storedHash: string;
  mac: Buffer;
  expiresAt: number;
}

export class CredentialCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  /** True when this exact password was verified against this exact stored hash less than the TTL ago. */
  matches(login: string, storedHash: string, password: string): boolean {
    const e = this.entries.get(login);
    if (!e) return false;
    if (e.expiresAt <= this.clock.now() || e.storedHash !== storedHash) {
      this.entries.delete(login);
      return false;
    }
    return timingSafeEqual(e.mac, this.mac(login, password));
  }

  remember(login: string, storedHash: string, password: string): void {
    this.entries.delete(login); // re-insert: Map order is oldest first, which eviction relies on
    this.entries.set(login, { storedHash, mac: this.mac(login, password), expiresAt: this.clock.now() + CREDENTIAL_CACHE_TTL_MS });
    while (this.entries.size > CREDENTIAL_CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  forget(login: string): void {
    this.entries.delete(login);
  }

  get size(): number {
    return this.entries.size;
  }

  private mac(login: string, password: string): Buffer {
    return createHmac('sha256', this.key).update(login).update('\0').update(password).digest();
  }
}
