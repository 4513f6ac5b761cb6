// The Hono application: static files, `/` to the login page, and the sub-apps the provider installs.
import { Hono } from 'hono';
import { serveStatic } from 'hono/bun';
import { securityHeaders } from './security-headers.ts';

export interface WebDeps {
  publicDir: string;
}

export function createWebApp(deps: WebDeps): Hono {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.use('/static/*', serveStatic({ root: deps.publicDir, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));
  app.get('/', (c) => c.redirect('/login'));
  // /login, /mail and /settings are the webmail's (src/web/webmail/install.ts, called from src/provider.ts).
  return app;
}
