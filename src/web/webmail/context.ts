// The signed-in mailbox context of every webmail and settings request: session -> principal (re-read from the
// store each time, so a disabled casella or an expired delega ends access at once), permissions, preferences.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { mailboxActorName, type MailboxMsg } from '../../../actors/mailbox/messages.ts';
import { can, type MailboxAction } from '../../auth/permissions.ts';
import type { MailboxPrincipal } from '../../auth/principal.ts';
import type { Mailbox } from '../../store/index.ts';
import type { PreferenceOwner, WebmailPreferences } from '../../store/preferences-repo.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { HttpError } from '../http-error.ts';
import { csrf, Sessions, type SessionEnv, type WebSession } from '../session.ts';
import type { Flash } from '../../../templates/components/flash.tsx';
import type { ShellProps } from '../../../templates/layouts/app.tsx';
import type { Lang } from '../../../templates/i18n/index.ts';
import type { Permissions } from '../../../templates/webmail/props.ts';
import type { DepsSource, WebmailDeps } from './deps.ts';

/** The webmail realm's cookie (src/web/session.ts): path `/`, separate from the console's. */
export const WEBMAIL_COOKIE = 'pec_session';
/** Every ask to a mailbox actor carries a timeout (ARCHITECTURE "The actor runtime"). */
export const MAILBOX_ASK_TIMEOUT_MS = 15_000;

export interface MailboxCtx {
  readonly session: WebSession;
  readonly principal: MailboxPrincipal;
  readonly mailbox: Mailbox;
  readonly owner: PreferenceOwner;
  readonly prefs: WebmailPreferences;
  readonly lang: Lang;
  readonly csrf: string;
  readonly can: Permissions;
  readonly shell: ShellProps;
}

export type WebmailEnv = { Variables: SessionEnv['Variables'] & { deps: WebmailDeps; sessions: Sessions; mbx: MailboxCtx } };

const sessionsByDeps = new WeakMap<WebmailDeps, Sessions>();

export function sessionsFor(deps: WebmailDeps): Sessions {
  let s = sessionsByDeps.get(deps);
  if (!s) {
    s = new Sessions({ store: deps.store, clock: deps.clock, cookieName: WEBMAIL_COOKIE, path: '/', secureCookie: deps.config.publicUrl.startsWith('https:') });
    sessionsByDeps.set(deps, s);
  }
  return s;
}

/** Deps, session and CSRF check: the first middleware of every webmail sub-app. */
export function base(source: DepsSource): MiddlewareHandler<WebmailEnv> {
  return createMiddleware<WebmailEnv>(async (c, next) => {
    const deps = source();
    const sessions = sessionsFor(deps);
    c.set('deps', deps);
    c.set('sessions', sessions);
    await sessions.middleware()(c as unknown as Context<SessionEnv>, async () => {});
    await csrf()(c as unknown as Context<SessionEnv>, next);
  });
}

/** Rebuilds the principal from the session reference; null when it no longer may use the webmail. */
export function principalOf(deps: WebmailDeps, s: WebSession): { principal: MailboxPrincipal; mailbox: Mailbox; owner: PreferenceOwner } | null {
  const { store, clock } = deps;
  if (s.principal.kind === 'holder') {
    const mailbox = store.mailboxes.byId(s.principal.id);
    if (!mailbox || mailbox.state !== 'attiva') return null;
    return { principal: { kind: 'titolare', mailboxId: String(mailbox.id), address: mailbox.address }, mailbox, owner: 'holder' };
  }
  if (s.principal.kind !== 'collaborator') return null;
  const col = store.principals.collaboratorById(s.principal.id);
  const mailbox = col && store.mailboxes.byId(col.mailboxId);
  if (!col || !mailbox || mailbox.state !== 'attiva') return null;
  if (col.expiresAt !== null && col.expiresAt <= clock.now()) return null;
  const principal: MailboxPrincipal = { kind: 'collaboratore', mailboxId: String(mailbox.id), address: mailbox.address, username: col.username, profile: col.profile, expiresAt: col.expiresAt };
  if (!can(principal, 'webmail')) return null;
  return { principal, mailbox, owner: `collab:${col.username}` };
}

function toLogin(c: Context): Response {
  const next = new URL(c.req.url).pathname;
  const target = `/login${next.startsWith('/mail') || next.startsWith('/settings') ? `?next=${encodeURIComponent(next)}` : ''}`;
  // htmx follows HX-Redirect with a full navigation instead of swapping the login page into a fragment.
  if (c.req.header('HX-Request')) return c.body(null, 401, { 'HX-Redirect': target });
  return c.redirect(target, 303);
}

/** Requires a signed-in mailbox principal whose password needs no change; sets c.var.mbx. */
export function requireMailbox(): MiddlewareHandler<WebmailEnv> {
  return createMiddleware<WebmailEnv>(async (c, next) => {
    const deps = c.get('deps');
    const session = c.get('session');
    const who = session ? principalOf(deps, session) : null;
    if (!session || !who) {
      if (session) c.get('sessions').end(c);
      return toLogin(c);
    }
    if (session.data['mustChange']) return c.req.header('HX-Request') ? c.body(null, 401, { 'HX-Redirect': '/password/change' }) : c.redirect('/password/change', 303);
    const prefs = webmailRepos(deps.store).preferences.get(who.mailbox.id, who.owner);
    // A flash set before a redirect is shown once, on the next full page.
    const flash = session.data['flash'] as Flash | undefined;
    if (flash && c.req.method === 'GET' && !c.req.header('HX-Request')) c.get('sessions').update(session, { flash: undefined });
    const p = who.principal;
    const perms: Permissions = { send: can(p, 'send'), delete: can(p, 'delete'), organize: can(p, 'move') };
    c.set('mbx', {
      session,
      principal: p,
      mailbox: who.mailbox,
      owner: who.owner,
      prefs,
      lang: prefs.lang,
      csrf: session.data.csrf,
      can: perms,
      shell: {
        mailbox: p.address,
        ...(p.kind === 'collaboratore' ? { collaborator: p.username, readOnly: !perms.send && !perms.delete } : {}),
        flashes: flash && c.req.method === 'GET' && !c.req.header('HX-Request') ? [flash] : undefined,
      },
    });
    c.header('Cache-Control', 'no-store');
    await next();
  });
}

/** The server's own refusal of what the page does not offer (seed 000 §2.7.8 "solo consultazione"): 403. */
export function requireAction(m: MailboxCtx, action: MailboxAction): void {
  if (!can(m.principal, action)) throw new HttpError(403, 'perm.denied', 'Operazione non consentita per questa utenza');
}

/** Every write goes through the casella's actor (ARCHITECTURE: the actor is the only writer). */
export function askMailbox<R>(deps: WebmailDeps, address: string, msg: MailboxMsg): Promise<R> {
  return deps.system.ask<R>(mailboxActorName(address), msg, MAILBOX_ASK_TIMEOUT_MS);
}

/** Whether one URL answers a fragment (htmx) or a full page; callers also set Vary: HX-Request. */
export function wantsFragment(c: Context): boolean {
  c.header('Vary', 'HX-Request');
  return c.req.header('HX-Request') === 'true';
}

/** Remembers a notice for the next full page (after a redirect). */
export function setFlash(c: Context<WebmailEnv>, flash: Flash): void {
  const s = c.get('session');
  if (s) c.get('sessions').update(s, { flash });
}
