// Test harness for the webmail routes: a real provider (no listeners) on a temp folder, a cookie-keeping client
// that signs in through the login form and sends the session's CSRF token like htmx does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../src/config/config.ts';
import { DEFAULT_DEMO_PASSWORD } from '../../../../src/config/config.ts';
import { startProvider, type Provider } from '../../../../src/provider.ts';
import { sha256Hex } from '../../../../src/store/blob-store.ts';
import type { NewMessage } from '../../../../src/store/index.ts';
import { mailboxActorName, type DeliverReply } from '../../../../actors/mailbox/messages.ts';

export const MARIO = 'mario.rossi@pec.demo.test';
export const ANNA = 'anna.bianchi@pec.demo.test';
export const PASSWORD = DEFAULT_DEMO_PASSWORD;
export const BASE = 'http://localhost';

export async function startTestProvider(): Promise<{ provider: Provider; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-webmail-'));
  const provider = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1 });
  return {
    provider,
    dir,
    close: async () => {
      await provider.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export class Client {
  cookie = '';
  csrf = '';
  constructor(
    readonly p: Provider,
    /** Another web app over the same provider (e.g. the webmail installed with fake ports). */
    readonly web: { request: Provider['web']['request'] } = p.web,
  ) {}

  async request(path: string, init: RequestInit & { hx?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    if (init.hx) headers.set('HX-Request', 'true');
    if (this.csrf && init.method && init.method !== 'GET' && !headers.has('X-CSRF-Token')) headers.set('X-CSRF-Token', this.csrf);
    const res = await this.web.request(`${BASE}${path}`, { ...init, headers });
    // The last pec_session cookie set wins (a sign-in first deletes the old one, then sets the new one).
    for (const set of res.headers.getSetCookie()) {
      const m = /^pec_session=([^;]*)/.exec(set);
      if (m) this.cookie = m[1] ? `pec_session=${m[1]}` : '';
    }
    return res;
  }

  get(path: string, hx = false) {
    return this.request(path, { hx });
  }

  post(path: string, form: Record<string, string | string[]> | FormData, opts: { hx?: boolean; headers?: Record<string, string> } = {}) {
    let body: FormData | URLSearchParams;
    if (form instanceof FormData) body = form;
    else {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
    }
    return this.request(path, { method: 'POST', body, hx: opts.hx, headers: opts.headers });
  }

  /** Signs in and reads the CSRF token from the page the login leads to. */
  async login(username = MARIO, password = PASSWORD): Promise<Response> {
    const res = await this.post('/login', { username, password });
    if (res.status === 303 && res.headers.get('Location') !== '/password/change') await this.refreshCsrf();
    return res;
  }

  async refreshCsrf(path = '/mail'): Promise<void> {
    const html = await (await this.get(path)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(html);
    if (m) this.csrf = m[1]!;
  }
}

/** Stores a raw message in a mailbox through its actor, as delivery would. */
export async function deliver(p: Provider, address: string, raw: string, extra: Partial<NewMessage> & { folder?: number | '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash' } = {}): Promise<DeliverReply> {
  const bytes = new TextEncoder().encode(raw.replace(/\r?\n/g, '\r\n'));
  const hash = await p.store.blobs.put(bytes);
  const { folder, ...rest } = extra;
  const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? null;
  const from = /^From: .*?<?([^<>\s]+@[^<>\s]+)>?\s*$/m.exec(raw)?.[1] ?? null;
  return p.system.ask<DeliverReply>(mailboxActorName(address), {
    type: 'deliver',
    folder: folder ?? '\\Inbox',
    reason: 'append',
    message: { internalDate: p.clock.now(), size: bytes.byteLength, blobHash: hash, subject, fromAddr: from, toAddrs: [address], bodyText: raw.split(/\r?\n\r?\n/)[1] ?? '', ...rest },
  }, 5000);
}

export function plainMail(o: { subject: string; from?: string; to?: string; body?: string; html?: string }): string {
  const from = o.from ?? 'Ufficio <ufficio@example.com>';
  const to = o.to ?? MARIO;
  if (o.html) {
    return `From: ${from}\nTo: ${to}\nSubject: ${o.subject}\nDate: Thu, 12 Mar 2026 09:00:00 +0100\nMessage-ID: <${sha256Hex(new TextEncoder().encode(o.subject)).slice(0, 12)}@example.com>\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n${o.html}\n`;
  }
  return `From: ${from}\nTo: ${to}\nSubject: ${o.subject}\nDate: Thu, 12 Mar 2026 09:00:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n${o.body ?? 'Testo del messaggio.'}\n`;
}
