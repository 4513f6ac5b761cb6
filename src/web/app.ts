// The Hono application: static files, the login page at `/` and the sub-apps mounted by later features.
import { Hono } from 'hono';
import { serveStatic } from 'hono/bun';
import { LoginPage } from '../../templates/webmail/login.tsx';
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
  app.get('/login', (c) => c.html(LoginPage({ lang: 'it' }) as unknown as string));
  return app;
}
