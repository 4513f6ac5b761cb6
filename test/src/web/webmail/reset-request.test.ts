import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { consoleRepos } from '../../../../src/store/admin-repo.ts';
import { MAX_RESET_LINKS_PER_WINDOW } from '../../../../src/web/webmail/reset-request.tsx';
import { Client, MARIO, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
beforeAll(async () => {
  t = await startTestProvider();
});
afterAll(async () => {
  await t.close();
});

/** The reset forms keep their own double-submit cookie, not the webmail session. */
function resetClient(): Client {
  const c = new Client(t.provider);
  let cookie = '';
  c.request = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const res = await t.provider.web.request(`http://localhost${path}`, { ...init, headers });
    for (const s of res.headers.getSetCookie()) if (s.startsWith('pec_reset_req=')) cookie = s.split(';')[0]!;
    return res;
  };
  return c;
}

const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';

async function request(c: Client, address: string) {
  const start = await (await c.get('/reset')).text();
  const res = await c.post('/reset', { _csrf: field(start, '_csrf'), kind: 'mailbox', address });
  return { res, html: await res.text() };
}

describe('password dimenticata (seed 000 §2.7.3)', () => {
  it('shows the communication e-mail partly masked, then sends a one-time link that opens /reset/<token>', async () => {
    const c = resetClient();
    const { html } = await request(c, MARIO);
    expect(html).toContain('mar*****@example.com');
    expect(html).not.toContain('mario.rossi@example.com');
    const done = await c.post('/reset/confirm', { _csrf: field(html, '_csrf'), request: field(html, 'request') });
    expect(done.status).toBe(200);
    const mb = t.provider.store.mailboxes.byAddress(MARIO)!;
    const notice = consoleRepos(t.provider.store).notices.list(mb.domainId).rows.find((n) => n.to === 'mario.rossi@example.com');
    const url = /\/reset\/([A-Za-z0-9_-]+)/.exec(notice!.body)![1]!;
    expect((await c.get(`/reset/${url}`)).status).toBe(200);
    // a request id is spent once
    const again = await c.post('/reset/confirm', { _csrf: field(html, '_csrf'), request: field(html, 'request') });
    expect(again.status).toBe(303);
    for (let i = 1; i < MAX_RESET_LINKS_PER_WINDOW; i++) {
      const r = await request(c, MARIO);
      await c.post('/reset/confirm', { _csrf: field(r.html, '_csrf'), request: field(r.html, 'request') });
    }
    const over = await request(c, MARIO);
    expect((await c.post('/reset/confirm', { _csrf: field(over.html, '_csrf'), request: field(over.html, 'request') })).status).toBe(429);
  });

  it('refuses a forged form without the cookie token and says when the casella is unknown', async () => {
    const c = resetClient();
    const unknown = await request(c, 'nessuno@pec.demo.test');
    expect(unknown.res.status).toBe(422);
    expect(unknown.html).toContain('Casella non trovata');
    expect((await new Client(t.provider).post('/reset', { _csrf: 'x', kind: 'mailbox', address: MARIO })).status).toBe(403);
  });
});
