// Sign-in and its edges (seed 000 §2.1, §2.2; seed 001 §2.1): login with the PEC address or
// `username/casella`, the forced password change, logout and the language switch.
import { Hono, type Context } from 'hono';
import { getConnInfo } from 'hono/bun';
import { LoginRefusedError } from '../../auth/login-refusal.ts';
import { passwordState } from '../../auth/password-expiry.ts';
import type { PrincipalRef } from '../../store/index.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { parseLang, type Lang } from '../../../templates/i18n/index.ts';
import { LoginPage } from '../../../templates/webmail/login.tsx';
import { PasswordChangePage, type PasswordChangeReason } from '../../../templates/webmail/password-change.tsx';
import { base, principalOf, type WebmailEnv } from './context.ts';
import type { DepsSource, WebmailDeps } from './deps.ts';
import { changeOwnPassword } from './password.ts';
import { text } from './texts.ts';

/** Longest user name the form accepts before the authenticator sees it (login-name.ts MAX_LOGIN_BYTES is 319). */
export const MAX_LOGIN_FIELD_CHARS = 400;
export const MAX_PASSWORD_FIELD_CHARS = 1024;

/** A post-login target must be one of our own pages: never an absolute or protocol-relative URL (open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next || next.includes('..') || !/^\/(mail|settings)(\/[A-Za-z0-9/_.%-]*)?(\?[A-Za-z0-9=&_.%-]*)?$/.test(next)) return '/mail';
  return next;
}

function remoteOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Passwords travel only over TLS (seed 004). The HTTP listener is plain: it counts as secure behind an HTTPS
 * public URL (a TLS-terminating proxy), on an https request, or on loopback (development and tests).
 */
export function isSecure(c: Context, deps: WebmailDeps): boolean {
  const url = new URL(c.req.url);
  if (url.protocol === 'https:' || deps.config.publicUrl.startsWith('https:')) return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

const str = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');

function langOf(c: Context<WebmailEnv>): Lang {
  const s = c.get('session');
  return parseLang(typeof s?.data['lang'] === 'string' ? (s.data['lang'] as string) : c.req.query('lang'));
}

function changeReason(deps: WebmailDeps, ref: PrincipalRef, now: number): PasswordChangeReason | null {
  if (ref.kind === 'holder') {
    const cred = deps.store.principals.holder(ref.id);
    if (!cred) return null;
    if (cred.mustChangePassword) return 'first-access';
    return passwordState(cred.passwordChangedAt, now).state === 'scaduta' ? 'expired' : null;
  }
  const col = deps.store.principals.collaboratorById(ref.id);
  return col && passwordState(col.passwordChangedAt ?? 0, now).state === 'scaduta' ? 'expired' : null;
}

export function authRoutes(source: DepsSource): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  // Only these paths: the router is mounted at the root, where /admin and /static must not see this realm.
  for (const path of ['/login', '/logout', '/language', '/password/change']) app.use(path, base(source));

  app.get('/login', (c) => {
    const s = c.get('session');
    if (s && principalOf(c.get('deps'), s)) return c.redirect('/mail', 303);
    return c.html(<LoginPage lang={langOf(c)} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const username = str(body['username'], MAX_LOGIN_FIELD_CHARS).trim();
    const password = str(body['password'], MAX_PASSWORD_FIELD_CHARS);
    const next = safeNext(str(body['next'], 500));
    const lang = langOf(c);
    try {
      const login = await deps.auth.loginMailbox({ login: username, password, channel: 'webmail', remote: remoteOf(c), secure: isSecure(c, deps) });
      const p = login.principal;
      const ref: PrincipalRef =
        p.kind === 'titolare' ? { kind: 'holder', id: Number(p.mailboxId) } : { kind: 'collaborator', id: deps.store.principals.collaborator(Number(p.mailboxId), p.username)!.id };
      c.get('sessions').end(c); // a fresh token at every sign-in (no session fixation)
      const reason = login.mustChangePassword ? changeReason(deps, ref, deps.clock.now()) ?? 'first-access' : null;
      const prefs = webmailRepos(deps.store).preferences.get(Number(p.mailboxId), ref.kind === 'holder' ? 'holder' : `collab:${(p as { username: string }).username}`);
      c.get('sessions').start(c, ref, reason ? { mustChange: reason, lang: prefs.lang } : { lang: prefs.lang });
      return c.redirect(reason ? '/password/change' : next, 303);
    } catch (e) {
      if (!(e instanceof LoginRefusedError)) throw e;
      const message = e.reason === 'wrong-credentials' ? text(lang, 'login.failed') : e.wire.http[lang];
      return c.html(<LoginPage lang={lang} username={username} next={next} errors={[{ message }]} />, e.reason === 'wrong-credentials' ? 401 : (e.wire.http.status as 403));
    }
  });

  app.post('/logout', (c) => {
    c.get('sessions').end(c);
    return c.redirect('/login', 303);
  });

  app.post('/language', async (c) => {
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const lang = parseLang(str(body['lang'], 5));
    const s = c.get('session');
    const who = s && principalOf(deps, s);
    if (s && who) {
      webmailRepos(deps.store).preferences.set(who.mailbox.id, who.owner, { lang });
      c.get('sessions').update(s, { lang });
    }
    return c.redirect(who ? '/mail' : `/login?lang=${lang}`, 303);
  });

  app.get('/password/change', (c) => {
    const s = c.get('session');
    const who = s && principalOf(c.get('deps'), s);
    if (!s || !who) return c.redirect('/login', 303);
    const reason = (s.data['mustChange'] as PasswordChangeReason | undefined) ?? 'voluntary';
    return c.html(<PasswordChangePage lang={langOf(c)} csrfToken={s.data.csrf} reason={reason} mailbox={who.principal.address} />);
  });

  app.post('/password/change', async (c) => {
    const deps = c.get('deps');
    const s = c.get('session');
    const who = s && principalOf(deps, s);
    if (!s || !who) return c.redirect('/login', 303);
    const body = await c.req.parseBody();
    const lang = langOf(c);
    const form = { current: str(body['current'], MAX_PASSWORD_FIELD_CHARS), password: str(body['password'], MAX_PASSWORD_FIELD_CHARS), repeat: str(body['repeat'], MAX_PASSWORD_FIELD_CHARS) };
    const errors = await changeOwnPassword(deps, s.principal, form, lang);
    if (errors.length) {
      const reason = (s.data['mustChange'] as PasswordChangeReason | undefined) ?? 'voluntary';
      return c.html(<PasswordChangePage lang={lang} csrfToken={s.data.csrf} reason={reason} mailbox={who.principal.address} errors={errors} />, 422);
    }
    c.get('sessions').start(c, s.principal, { lang });
    return c.redirect('/mail', 303);
  });

  return app;
}
