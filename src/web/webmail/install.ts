// Mounts the webmail into the web app with one call from src/provider.ts: sign-in at the root, /mail, /settings,
// and the reset request pages.
import type { Hono } from 'hono';
import type { WebmailDeps } from './deps.ts';
import { settingsApp, webmailApp, webmailAuthApp } from './index.ts';
import { resetRequestRoutes } from './reset-request.tsx';

export function installWebmail(web: Hono, deps: WebmailDeps): void {
  const source = () => deps;
  web.route('/mail', webmailApp(source));
  web.route('/settings', settingsApp(source));
  // "Password dimenticata?" (GET/POST /reset, POST /reset/confirm); /reset/<token> is src/web/reset's.
  web.route('/reset', resetRequestRoutes(source));
  web.route('/', webmailAuthApp(source));
}
