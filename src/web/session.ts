// Web sessions for the webmail and the admin console: an opaque token in an HttpOnly, SameSite=Strict cookie, only
// its SHA-256 in the store, idle expiry, and a per-session CSRF token checked on every state-changing request.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { generateToken, hashToken, isWellFormedToken, tokenMatches } from '../auth/tokens.ts';
import type { Clock } from '../runtime/clock.ts';
import type { Store } from '../store/index.ts';
import type { PrincipalRef } from '../store/session-repo.ts';
import { HttpError } from './http-error.ts';

/** Idle time after which a session ends (seed 000 §2.1 "sessione scaduta"): 30 minutes without a request. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** Form field and header carrying the CSRF token (templates/components/csrf.tsx uses the same names). */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface SessionData {
  csrf: string;
  /** Free small settings of the session (language, a forced password change pending, the chosen admin domain). */
  [k: string]: unknown;
}

export interface WebSession {
  tokenHash: string;
  principal: PrincipalRef;
  data: SessionData;
}

export type SessionEnv = { Variables: { session: WebSession | null } };

export interface SessionOptions {
  store: Store;
  clock: Clock;
  cookieName: string;
  /** Cookie path: `/` for the webmail, `/admin` for the console (separate realms). */
  path: string;
  /** Set the Secure attribute (HTTPS deployments). */
  secureCookie: boolean;
}

export class Sessions {
  constructor(private readonly o: SessionOptions) {}

  /** Loads the session (if any) into c.var.session and extends its idle expiry. */
  middleware(): MiddlewareHandler<SessionEnv> {
    return createMiddleware<SessionEnv>(async (c, next) => {
      c.set('session', this.load(c));
      await next();
    });
  }

  start(c: Context, principal: PrincipalRef, extra: Record<string, unknown> = {}): WebSession {
    const token = generateToken();
    const now = this.o.clock.now();
    const data: SessionData = { ...extra, csrf: generateToken().token };
    this.o.store.sessions.createSession({ tokenHash: token.tokenHash, principal, expiresAt: now + SESSION_IDLE_MS, data: JSON.stringify(data) }, now);
    setCookie(c, this.o.cookieName, token.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: this.o.secureCookie,
      path: this.o.path,
    });
    return { tokenHash: token.tokenHash, principal, data };
  }

  update(session: WebSession, patch: Record<string, unknown>): void {
    Object.assign(session.data, patch);
    const now = this.o.clock.now();
    this.o.store.sessions.deleteSession(session.tokenHash);
    this.o.store.sessions.createSession({ tokenHash: session.tokenHash, principal: session.principal, expiresAt: now + SESSION_IDLE_MS, data: JSON.stringify(session.data) }, now);
  }

  end(c: Context): void {
    const token = getCookie(c, this.o.cookieName);
    if (token && isWellFormedToken(token)) this.o.store.sessions.deleteSession(hashToken(token));
    deleteCookie(c, this.o.cookieName, { path: this.o.path });
  }

  private load(c: Context): WebSession | null {
    const token = getCookie(c, this.o.cookieName);
    if (!token || !isWellFormedToken(token)) return null;
    const now = this.o.clock.now();
    const hash = hashToken(token);
    const s = this.o.store.sessions.session(hash, now);
    if (!s) return null;
    this.o.store.sessions.touchSession(hash, now, now + SESSION_IDLE_MS);
    let data: SessionData;
    try {
      data = JSON.parse(s.data) as SessionData;
    } catch {
      return null;
    }
    return { tokenHash: hash, principal: s.principal, data };
  }
}

/**
 * CSRF protection for every POST/PUT/PATCH/DELETE: the session's token in the X-CSRF-Token header (htmx) or the _csrf
 * form field, compared in constant time; requests without a session must come from our own origin (login forms).
 */
export function csrf(): MiddlewareHandler<SessionEnv> {
  return createMiddleware<SessionEnv>(async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) throw new HttpError(403, 'csrf.origin', 'Richiesta da un altro sito rifiutata');
    const session = c.get('session');
    if (session) {
      let presented = c.req.header(CSRF_HEADER);
      if (!presented) {
        const type = c.req.header('Content-Type') ?? '';
        if (type.includes('form')) {
          const body = await c.req.parseBody({ all: true });
          const v = body[CSRF_FIELD];
          presented = typeof v === 'string' ? v : undefined;
        }
      }
      if (!presented || !tokenMatches(presented, hashToken(session.data.csrf))) {
        throw new HttpError(403, 'csrf.invalid', 'Sessione non valida: ricarica la pagina e riprova');
      }
    }
    return next();
  });
}
