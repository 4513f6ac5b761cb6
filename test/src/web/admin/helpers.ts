// Test helpers for the console: a provider on a temp folder (in-process, no listeners) and a tiny cookie-keeping
// browser over app.request() that signs in through the real login form.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../src/config/config.ts';
import { startProvider, type Provider } from '../../../../src/provider.ts';
import type { Clock } from '../../../../src/runtime/clock.ts';
import { consoleRepos } from '../../../../src/store/admin-repo.ts';

export const DEMO_PASSWORD = 'DemoPec-2026!';
export const BASE = 'http://localhost';

export interface TestProvider {
  p: Provider;
  dir: string;
  stop(): Promise<void>;
}

export async function testProvider(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestProvider> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-admin-'));
  const config = loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0', PEC_PUBLIC_URL: BASE, ...opts.env });
  const p = await startProvider(config, { listen: false, signerThreads: 1, log: null, ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    p,
    dir,
    async stop() {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A cookie jar over app.request(); follows nothing (tests look at redirects themselves). */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers });
  }

  /** A form post carrying the page's CSRF token unless `_csrf` is given. */
  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (!('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.send(path, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  }

  async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(`${BASE}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Reads the CSRF token of the page just fetched (hidden field or hx-headers). */
  async page(path: string): Promise<{ res: Response; html: string }> {
    const res = await this.get(path);
    const html = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (m) this.csrf = m[1]!;
    return { res, html };
  }

  async login(username = 'admin', password = DEMO_PASSWORD): Promise<Response> {
    await this.page('/admin/login');
    return this.post('/admin/login', { username, password });
  }
}

export const reposOf = (p: Provider) => consoleRepos(p.store);

/** The HTML with entities decoded enough for text assertions. */
export function text(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
