import { describe, expect, it } from 'bun:test';
import { applyAttempt } from '../../../actors/outbound/outbound.actor.ts';
import { NoRouteError, OUTBOUND_LIFETIME_MS, RETRY_MAX_MS, configuredRoute, resolveRoutes, retryDelay } from '../../../actors/outbound/routes.ts';

const cfg = { routes: { 'pec.b.test': '127.0.0.1:2526' }, smarthost: 'relay.example:587', caPems: ['CA'], isCertificato: (d: string) => d.startsWith('pec.') };

describe('outbound routes and TLS policy', () => {
  it('uses a static route with the imported CAs and no host-name check', () => {
    expect(configuredRoute('PEC.B.TEST', cfg)).toEqual({ host: '127.0.0.1', port: 2526, via: 'static', tls: { require: false, verify: true, ca: ['CA'], checkHostname: false } });
  });
  it('sends ordinary mail through the smarthost, never a PEC domain', async () => {
    expect(configuredRoute('example.com', cfg)?.via).toBe('smarthost');
    const mx = await resolveRoutes('pec.c.test', cfg, async () => [{ exchange: 'mx2.c.test', priority: 20 }, { exchange: 'mx1.c.test', priority: 10 }]);
    expect(mx.map((r) => r.host)).toEqual(['mx1.c.test', 'mx2.c.test']);
    expect(mx[0]!.tls).toEqual({ require: true, verify: true, checkHostname: true });
  });
  it('falls back to the domain itself without MX and refuses a null MX (RFC 7505)', async () => {
    const none = await resolveRoutes('pec.d.test', cfg, async () => { throw Object.assign(new Error('x'), { code: 'ENODATA' }); });
    expect(none.map((r) => r.host)).toEqual(['pec.d.test']);
    await expect(resolveRoutes('pec.e.test', cfg, async () => [{ exchange: '.', priority: 0 }])).rejects.toBeInstanceOf(NoRouteError);
  });
  it('backs off exponentially up to RETRY_MAX_MS', () => {
    expect([1, 2, 3].map(retryDelay)).toEqual([60_000, 120_000, 240_000]);
    expect(retryDelay(30)).toBe(RETRY_MAX_MS);
    expect(OUTBOUND_LIFETIME_MS).toBe(24 * 3_600_000);
  });
});

describe('per-recipient outcome of an attempt', () => {
  const rcpts = { 'a@x.test': { state: 'pending' as const }, 'b@x.test': { state: 'pending' as const }, 'c@x.test': { state: 'sent' as const } };
  it.each([
    ['accepted and 5xx', { accepted: ['a@x.test'], rejected: [{ rcpt: 'b@x.test', permanent: true, response: '550 no' }] }, false, { a: 'sent', b: 'failed' }],
    ['4xx stays pending', { accepted: [], rejected: [{ rcpt: 'b@x.test', permanent: false, response: '451 later' }, { rcpt: 'a@x.test', permanent: false, response: '451' }] }, false, { a: 'pending', b: 'pending' }],
    ['network error stays pending', { error: 'ECONNREFUSED' }, false, { a: 'pending', b: 'pending' }],
    ['past 24 h everything pending fails', { error: 'ECONNREFUSED' }, true, { a: 'failed', b: 'failed' }],
  ] as const)('%s', (_n, result, expired, want) => {
    const { next, settled } = applyAttempt(rcpts, result as Parameters<typeof applyAttempt>[1], expired);
    expect(next['a@x.test']!.state).toBe(want.a);
    expect(next['b@x.test']!.state).toBe(want.b);
    expect(next['c@x.test']!.state).toBe('sent');
    expect(settled.map((s) => s.rcpt).sort()).toEqual(Object.entries(want).filter(([, v]) => v !== 'pending').map(([k]) => `${k}@x.test`).sort());
  });
});
