// The admin console sub-app (GestionePEC, seed 003), mounted at /admin: its own session realm (cookie pec_admin,
// path /admin), CSRF on every form, the administrator re-checked on every request, one domain's data per session.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ConsoleErrorPage } from '../../../templates/admin/layout.tsx';
import { parseLang } from '../../../templates/i18n/index.ts';
import { HttpError } from '../http-error.ts';
import { csrf, Sessions } from '../session.ts';
import { authRoutes } from './auth-routes.tsx';
import { consoleRoutes } from './console-routes.tsx';
import { type AdminDeps, type AdminEnv, requireDomain, requireSuper } from './context.ts';
import { mailboxEditRoutes } from './mailbox-edit-routes.tsx';
import { mailboxRoutes } from './mailbox-routes.tsx';

/** The console's session cookie: a separate realm from the webmail's (path /admin). */
export const ADMIN_COOKIE = 'pec_admin';

export function createAdminApp(deps: AdminDeps): Hono<AdminEnv> {
  const sessions = new Sessions({ store: deps.store, clock: deps.clock, cookieName: ADMIN_COOKIE, path: '/admin', secureCookie: deps.secureCookie });
  const app = new Hono<AdminEnv>();
  app.use('*', sessions.middleware(), csrf());
  authRoutes(app, deps, sessions); // public login first, then requireAdmin for everything after it
  for (const path of ['/mailboxes', '/mailboxes/*', '/outbox', '/outbox/*', '/audit']) app.use(path, requireDomain());
  for (const path of ['/domains', '/admins']) app.use(path, requireSuper());
  mailboxRoutes(app, deps, sessions);
  mailboxEditRoutes(app, deps, sessions);
  consoleRoutes(app, deps, sessions);
  app.notFound((c) => c.html(<ConsoleErrorPage lang="it" status={404} message="Pagina non trovata" />, 404));
  app.onError((e, c) => {
    const lang = parseLang(typeof c.get('session')?.data['lang'] === 'string' ? (c.get('session')!.data['lang'] as string) : undefined);
    if (e instanceof HttpError) return c.html(<ConsoleErrorPage lang={lang} status={e.status} message={e.message} />, e.status);
    if (e instanceof HTTPException) return e.getResponse();
    throw e;
  });
  return app;
}
