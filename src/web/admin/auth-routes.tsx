// seed 003 "Accesso al servizio": login (throttled by the Authenticator), logout, language, and the domain choice
// when the administrator manages more than one domain.
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { LoginRefusedError } from '../../auth/login-refusal.ts';
import { generateToken, tokenMatches, hashToken } from '../../auth/tokens.ts';
import { adminTranslator } from '../../../templates/admin/i18n.ts';
import { AdminLoginPage, DomainChoicePage } from '../../../templates/admin/login.tsx';
import { adminUrls } from '../../../templates/admin/urls.ts';
import { parseLang } from '../../../templates/i18n/index.ts';
import { HttpError } from '../http-error.ts';
import type { Sessions } from '../session.ts';
import { type AdminDeps, type AdminEnv, audit, consoleBase, isSecureRequest, remoteAddress, requireAdmin } from './context.ts';
import { field } from './forms.ts';

/** The pre-session CSRF cookie of the login form (double submit: the form carries the same random value). */
export const LOGIN_CSRF_COOKIE = 'pec_admin_login';

/** Public routes (before requireAdmin) and the routes every signed-in administrator may use. */
export function authRoutes(app: Hono<AdminEnv>, deps: AdminDeps, sessions: Sessions): void {
  app.get('/login', (c) => {
    if (c.get('session')?.principal.kind === 'admin') return c.redirect(adminUrls.home());
    const token = generateToken().token;
    setCookie(c, LOGIN_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: deps.secureCookie, path: '/admin' });
    return c.html(<AdminLoginPage lang="it" csrfToken={token} />);
  });

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const cookie = getCookie(c, LOGIN_CSRF_COOKIE) ?? '';
    if (!tokenMatches(field(body, '_csrf'), hashToken(cookie))) throw new HttpError(403, 'csrf.invalid', 'Sessione non valida: ricarica la pagina e riprova');
    const t = adminTranslator('it');
    const username = field(body, 'username').trim().toLowerCase();
    const again = (error: string, status: 401 | 429) => c.html(<AdminLoginPage lang="it" csrfToken={cookie} username={username} error={error} />, status);
    try {
      const a = await deps.auth.loginAdmin({ login: username, password: field(body, 'password'), remote: remoteAddress(c), secure: isSecureRequest(c, deps.secureCookie) });
      if (c.get('session')) sessions.end(c); // a new session id at every login (no fixation)
      deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/admin' });
      const admin = deps.store.principals.adminById(Number(a.adminId))!;
      sessions.start(c, { kind: 'admin', id: admin.id }, { lang: 'it' });
      deps.repos.admin.record({ at: deps.clock.now(), adminId: admin.id, adminUsername: admin.username, domainId: null, action: 'login', mailboxId: null, mailboxAddress: null, detail: remoteAddress(c) });
      return c.redirect(adminUrls.home());
    } catch (e) {
      if (!(e instanceof LoginRefusedError)) throw e;
      const known = deps.store.principals.adminByUsername(username);
      if (known) deps.repos.admin.record({ at: deps.clock.now(), adminId: known.id, adminUsername: known.username, domainId: null, action: 'login-refused', mailboxId: null, mailboxAddress: null, detail: `${e.reason} ${remoteAddress(c)}` });
      if (e.reason === 'throttled') return again(t('admin.login.throttled', { minutes: Math.max(1, Math.ceil((e.retryAfterMs ?? 60_000) / 60_000)) }), 429);
      if (e.reason === 'tls-required') return again(t('admin.login.tls'), 401);
      return again(t('admin.login.wrong'), 401);
    }
  });

  app.use('*', requireAdmin(deps.store));

  app.post('/logout', (c) => {
    sessions.end(c);
    return c.redirect(adminUrls.login());
  });

  app.post('/language', async (c) => {
    const body = await c.req.parseBody();
    sessions.update(c.get('session')!, { lang: parseLang(field(body, 'lang')) });
    const back = c.req.header('Referer');
    return c.redirect(back && back.startsWith(new URL(c.req.url).origin + '/admin') ? back : adminUrls.home());
  });

  app.get('/', (c) => {
    const u = c.get('user');
    if (u.domain) return c.redirect(adminUrls.list());
    if (u.domains.length === 0 && u.admin.super) return c.redirect(adminUrls.domains());
    return c.redirect(adminUrls.domain());
  });

  app.get('/domain', (c) => {
    const u = c.get('user');
    return c.html(<DomainChoicePage {...consoleBase(c, sessions)} domains={u.domains.map((d) => ({ id: d.id, name: d.name }))} current={u.domain?.id} />);
  });

  app.post('/domain', async (c) => {
    const body = await c.req.parseBody();
    const wanted = Number(field(body, 'domain'));
    const d = c.get('user').domains.find((x) => x.id === wanted);
    // Only a domain the administrator holds now can be chosen; anything else is refused, never silently kept.
    if (!d) throw new HttpError(403, 'admin.forbidden', 'Dominio non assegnato a questo amministratore');
    sessions.update(c.get('session')!, { domainId: d.id });
    c.get('user').domain = d;
    audit(c, deps, 'domain-chosen', null, d.name);
    return c.redirect(adminUrls.list());
  });
}
