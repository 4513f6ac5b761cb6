// Web sessions, password-reset tokens and login-failure counters. Tokens arrive already hashed (src/auth hashes
// them), so a leaked database does not yield usable cookies or reset links.
import type { Db } from './db.ts';
import { InvalidValueError, LimitExceededError } from './errors.ts';
import { checkLength } from './limits.ts';

export type PrincipalKind = 'holder' | 'collaborator' | 'admin';
export interface PrincipalRef {
  kind: PrincipalKind;
  /** mailbox id for a holder, collaborator id, admin id. */
  id: number;
}

export interface Session {
  tokenHash: string;
  principal: PrincipalRef;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  data: string;
}

export interface ResetToken {
  tokenHash: string;
  principal: PrincipalRef;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** Token hashes are hex digests; anything else is a caller bug or an attack. */
export const MAX_TOKEN_HASH_LENGTH = 128;
/** Session data is a small JSON (CSRF secret, UI prefs), not a cache. */
export const MAX_SESSION_DATA_LENGTH = 8_192;
/** Throttle keys: "ip:<addr>" or "user:<name>". */
export const MAX_THROTTLE_KEY_LENGTH = 300;

const HEX = /^[0-9a-f]+$/;
function checkToken(h: string): void {
  checkLength('MAX_TOKEN_HASH_LENGTH', MAX_TOKEN_HASH_LENGTH, h);
  if (!HEX.test(h)) throw new InvalidValueError('token hash', 'not lowercase hex');
}

type SessionRow = { token_hash: string; principal_kind: PrincipalKind; principal_id: number; created_at: number; last_seen_at: number; expires_at: number; data: string };
type ResetRow = { token_hash: string; principal_kind: PrincipalKind; principal_id: number; created_at: number; expires_at: number; used_at: number | null };

export class SessionRepo {
  constructor(private readonly db: Db) {}

  createSession(s: { tokenHash: string; principal: PrincipalRef; expiresAt: number; data?: string }, now: number): void {
    checkToken(s.tokenHash);
    const data = s.data ?? '{}';
    if (data.length > MAX_SESSION_DATA_LENGTH) throw new LimitExceededError('MAX_SESSION_DATA_LENGTH', MAX_SESSION_DATA_LENGTH, data.length);
    this.db.run(
      'INSERT INTO sessions (token_hash, principal_kind, principal_id, created_at, last_seen_at, expires_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      s.tokenHash, s.principal.kind, s.principal.id, now, now, s.expiresAt, data,
    );
  }

  /** The live session for a token hash; expired ones are not returned. */
  session(tokenHash: string, now: number): Session | undefined {
    const r = this.db.get<SessionRow>(
      'SELECT token_hash, principal_kind, principal_id, created_at, last_seen_at, expires_at, data FROM sessions WHERE token_hash = ? AND expires_at > ?',
      tokenHash, now,
    );
    return r && {
      tokenHash: r.token_hash, principal: { kind: r.principal_kind, id: r.principal_id },
      createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, data: r.data,
    };
  }

  touchSession(tokenHash: string, now: number, expiresAt: number): boolean {
    return this.db.run('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?', now, expiresAt, tokenHash).changes > 0;
  }

  deleteSession(tokenHash: string): boolean {
    return this.db.run('DELETE FROM sessions WHERE token_hash = ?', tokenHash).changes > 0;
  }

  /** After a password change or a disabled mailbox: every session of the principal ends. */
  deleteSessionsOf(p: PrincipalRef): number {
    return this.db.run('DELETE FROM sessions WHERE principal_kind = ? AND principal_id = ?', p.kind, p.id).changes;
  }

  deleteExpiredSessions(now: number): number {
    return this.db.run('DELETE FROM sessions WHERE expires_at <= ?', now).changes;
  }

  createResetToken(t: { tokenHash: string; principal: PrincipalRef; expiresAt: number }, now: number): void {
    checkToken(t.tokenHash);
    this.db.run(
      'INSERT INTO reset_tokens (token_hash, principal_kind, principal_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      t.tokenHash, t.principal.kind, t.principal.id, now, t.expiresAt,
    );
  }

  /**
   * Marks a reset token used and returns it, only if it exists, is unexpired and unused: one UPDATE, so two
   * concurrent uses cannot both succeed.
   */
  consumeResetToken(tokenHash: string, now: number): ResetToken | undefined {
    return this.db.savepoint(() => {
      const r = this.db.run('UPDATE reset_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?', now, tokenHash, now);
      if (r.changes === 0) return undefined;
      const row = this.db.get<ResetRow>('SELECT token_hash, principal_kind, principal_id, created_at, expires_at, used_at FROM reset_tokens WHERE token_hash = ?', tokenHash)!;
      return {
        tokenHash: row.token_hash, principal: { kind: row.principal_kind, id: row.principal_id },
        createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at,
      };
    });
  }

  /** Counts a failure in a fixed window starting at the first failure; returns the count in the current window. */
  recordLoginFailure(key: string, now: number, windowMs: number): number {
    checkLength('MAX_THROTTLE_KEY_LENGTH', MAX_THROTTLE_KEY_LENGTH, key);
    return this.db.savepoint(() => {
      this.db.run(
        `INSERT INTO login_failures (key, count, window_start) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN window_start + ? <= excluded.window_start THEN 1 ELSE count + 1 END,
           window_start = CASE WHEN window_start + ? <= excluded.window_start THEN excluded.window_start ELSE window_start END`,
        key, now, windowMs, windowMs,
      );
      return this.db.get<{ count: number }>('SELECT count FROM login_failures WHERE key = ?', key)!.count;
    });
  }

  /** Failures in the window that contains now (0 when the window has passed). */
  loginFailures(key: string, now: number, windowMs: number): number {
    const r = this.db.get<{ count: number; window_start: number }>('SELECT count, window_start FROM login_failures WHERE key = ?', key);
    return r && r.window_start + windowMs > now ? r.count : 0;
  }

  clearLoginFailures(key: string): void {
    this.db.run('DELETE FROM login_failures WHERE key = ?', key);
  }
}
