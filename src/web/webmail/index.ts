// The webmail's sub-apps (ARCHITECTURE "The web"): sign-in at the root, the mail screens under /mail, the
// settings under /settings — the paths templates/urls.ts builds. Each shares the session realm `pec_session`.
import { Hono } from 'hono';
import { settingsRoutes } from '../settings/settings-routes.tsx';
import { authRoutes } from './auth-routes.tsx';
import { composeRoutes } from './compose-routes.tsx';
import { base, requireMailbox, type WebmailEnv } from './context.ts';
import type { DepsSource } from './deps.ts';
import { onWebmailError } from './error-page.tsx';
import { eventRoutes } from './events.ts';
import { mailRoutes } from './mail-routes.tsx';
import { messageFileRoutes } from './message-files.tsx';
import { rubricaRoutes } from './rubrica-routes.tsx';
import { searchRoutes } from './search-routes.tsx';

export type { WebmailDeps } from './deps.ts';

/** /login, /logout, /language, /password/change. */
export function webmailAuthApp(source: DepsSource): Hono<WebmailEnv> {
  const app = authRoutes(source);
  app.onError(onWebmailError);
  return app;
}

/** Everything under /mail. */
export function webmailApp(source: DepsSource): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  app.use('*', base(source), requireMailbox());
  app.route('/compose', composeRoutes());
  app.route('/search', searchRoutes());
  app.route('/rubrica', rubricaRoutes());
  app.route('/events', eventRoutes());
  app.route('/messages', messageFileRoutes());
  app.route('/', mailRoutes());
  app.onError(onWebmailError);
  return app;
}

/** Everything under /settings. */
export function settingsApp(source: DepsSource): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  app.use('*', base(source), requireMailbox());
  app.route('/', settingsRoutes());
  app.onError(onWebmailError);
  return app;
}
