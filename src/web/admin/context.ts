// What every console route shares: its dependencies, the signed-in administrator and chosen domain (loaded and
// re-checked against the store's grants on every request), flashes across redirects, the audit helper.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from 'hono/bun';
import { createMiddleware } from 'hono/factory';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { Provisioning } from '../../auth/provisioning.ts';
import type { Notifier } from '../../notices/notifier.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { AuditAction, ConsoleRepos } from '../../store/admin-repo.ts';
import type { Admin, Domain, Mailbox, Store } from '../../store/index.ts';
import type { Flash } from '../../../templates/components/flash.tsx';
import { parseLang, type Lang } from '../../../templates/i18n/index.ts';
import type { ConsoleBase } from '../../../templates/admin/props.ts';
import { HttpError } from '../http-error.ts';
import type { Sessions, SessionEnv, WebSession } from '../session.ts';

export interface AdminDeps {
  store: Store;
  auth: Authenticator;
  provisioning: Provisioning;
  clock: Clock;
  notifier: Notifier;
  /** Typed events (the state changes that other parts act on). */
  bus: EventBus;
  repos: ConsoleRepos;
  /** Base of the links in notices (config.publicUrl). */
  publicUrl: string;
  secureCookie: boolean;
  /** Rows one export may hold (MAX_EXPORT_ROWS unless a test lowers it). */
  exportLimit?: number;
}

/** The signed-in administrator as re-read from the store on this request. */
export interface ConsoleUser {
  admin: Admin;
  /** Domains this administrator may manage now (every domain for a super-administrator). */
  domains: Domain[];
  /** The chosen domain, when it is still one of `domains`. */
  domain: Domain | null;
  lang: Lang;
}

export type AdminEnv = { Variables: SessionEnv['Variables'] & { user: ConsoleUser } };
export type AdminContext = Context<AdminEnv>;

/** Loads the administrator of the session, or sends the browser to the login page. */
export function requireAdmin(store: Store): MiddlewareHandler<AdminEnv> {
  return createMiddleware<AdminEnv>(async (c, next) => {
    const s = c.get('session');
    const admin = s && s.principal.kind === 'admin' ? store.principals.adminById(s.principal.id) : undefined;
    if (!s || !admin) {
      if (c.req.method === 'GET') return c.redirect('/admin/login');
      throw new HttpError(401, 'admin.session', 'Sessione scaduta: accedi di nuovo');
    }
    const all = store.domains.list();
    const granted = new Set(store.principals.adminDomains(admin.id));
    const domains = admin.super ? all : all.filter((d) => granted.has(d.id));
    const chosen = typeof s.data['domainId'] === 'number' ? domains.find((d) => d.id === s.data['domainId']) : undefined;
    // seed 003: with a single domain it is selected automatically.
    const domain = chosen ?? (domains.length === 1 ? domains[0]! : null);
    c.set('user', { admin, domains, domain, lang: parseLang(typeof s.data['lang'] === 'string' ? s.data['lang'] : undefined) });
    await next();
  });
}

/** Routes of one domain's data: without a chosen domain the administrator is sent to the choice (seed 003 fig. 3). */
export function requireDomain(): MiddlewareHandler<AdminEnv> {
  return createMiddleware<AdminEnv>(async (c, next) => {
    if (!c.get('user').domain) {
      if (c.req.method === 'GET') return c.redirect('/admin/domain');
      throw new HttpError(403, 'admin.forbidden', 'Nessun dominio scelto');
    }
    await next();
  });
}

export function requireSuper(): MiddlewareHandler<AdminEnv> {
  return createMiddleware<AdminEnv>(async (c, next) => {
    if (!c.get('user').admin.super) throw new HttpError(403, 'admin.forbidden', 'Operazione riservata al super-amministratore');
    await next();
  });
}

export function domainOf(c: AdminContext): Domain {
  const d = c.get('user').domain;
  if (!d) throw new HttpError(403, 'admin.forbidden', 'Nessun dominio scelto');
  return d;
}

/** Ids in URLs: digits only and bounded, so junk never reaches the store. */
const ID_PATTERN = /^[1-9][0-9]{0,14}$/;

/**
 * The mailbox of the URL, only when it belongs to the session's domain: another domain's id answers 404 exactly
 * like a missing one, so an administrator learns nothing about other domains.
 */
export function mailboxInDomain(c: AdminContext, store: Store): Mailbox {
  const raw = c.req.param('id') ?? '';
  const m = ID_PATTERN.test(raw) ? store.mailboxes.byId(Number(raw)) : undefined;
  if (!m || m.domainId !== domainOf(c).id) throw new HttpError(404, 'admin.not-found', 'Casella non trovata');
  return m;
}

export function consoleBase(c: AdminContext, sessions: Sessions): ConsoleBase {
  const u = c.get('user');
  const s = c.get('session') as WebSession;
  return {
    lang: u.lang,
    csrfToken: s.data.csrf,
    admin: u.admin.username,
    superAdmin: u.admin.super,
    domain: u.domain?.name,
    canChangeDomain: u.domains.length > 1,
    flashes: takeFlashes(c, sessions),
  };
}

/** Flashes survive one redirect in the session (post/redirect/get). */
export function addFlash(c: AdminContext, sessions: Sessions, flash: Flash): void {
  const s = c.get('session');
  if (!s) return;
  const list = Array.isArray(s.data['flashes']) ? (s.data['flashes'] as Flash[]) : [];
  sessions.update(s, { flashes: [...list, flash].slice(-MAX_FLASHES) });
}

/** Flashes kept at most (a loop of redirects cannot grow the session). */
export const MAX_FLASHES = 5;

/** The flashes to show now; they leave the session as they are shown. */
function takeFlashes(c: AdminContext, sessions: Sessions): Flash[] {
  const s = c.get('session');
  if (!s || !Array.isArray(s.data['flashes']) || s.data['flashes'].length === 0) return [];
  const out = s.data['flashes'] as Flash[];
  sessions.update(s, { flashes: [] });
  return out;
}

export function audit(c: AdminContext, deps: AdminDeps, action: AuditAction, mailbox: Mailbox | null, detail = ''): void {
  const u = c.get('user');
  deps.repos.admin.record({
    at: deps.clock.now(), adminId: u.admin.id, adminUsername: u.admin.username, domainId: mailbox?.domainId ?? u.domain?.id ?? null,
    action, mailboxId: mailbox?.id ?? null, mailboxAddress: mailbox?.address ?? null, detail,
  });
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Authenticator accepts passwords only over an encrypted channel (RFC 8314). Plain HTTP is allowed for the
 * loopback host only (the out-of-the-box demo binds 127.0.0.1); a deployment serves the console over HTTPS, directly
 * or behind a TLS-terminating proxy (an https public URL, as the webmail does).
 */
export function isSecureRequest(c: Context, behindHttps: boolean): boolean {
  const url = new URL(c.req.url);
  return behindHttps || url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname);
}

/** The client address for throttling; in-process requests (tests) have none. */
export function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
