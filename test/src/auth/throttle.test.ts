import { describe, expect, it } from 'bun:test';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import {
  addressKey,
  DEFAULT_THROTTLE_LIMITS,
  LOCKOUT_MS,
  loginKey,
  LoginThrottle,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_LOGIN,
  MAX_KEY_LENGTH,
  WINDOW_MS,
} from '../../../src/auth/throttle.ts';

const LOGIN = 'test@postacert.toscana.it';
const IP = '203.0.113.7';

function failTimes(t: LoginThrottle, n: number, login = LOGIN, ip = IP) {
  let last = t.check(login, ip);
  for (let i = 0; i < n; i++) last = t.recordFailure(login, ip);
  return last;
}

describe('LoginThrottle', () => {
  it(`locks a login for LOCKOUT_MS after MAX_FAILURES_PER_LOGIN (${MAX_FAILURES_PER_LOGIN}) failures`, () => {
    const clock = new SimulatedClock();
    const t = new LoginThrottle(clock);
    expect(failTimes(t, MAX_FAILURES_PER_LOGIN - 1)).toEqual({ allowed: true, retryAfterMs: 0 });
    expect(t.recordFailure(LOGIN, IP)).toEqual({ allowed: false, retryAfterMs: LOCKOUT_MS });
    // The lock is per login: the same login from elsewhere is refused too.
    expect(t.check(LOGIN, '198.51.100.1')).toEqual({ allowed: false, retryAfterMs: LOCKOUT_MS });
    clock.advance(LOCKOUT_MS - 1000);
    expect(t.check(LOGIN, IP)).toEqual({ allowed: false, retryAfterMs: 1000 });
    clock.advance(1000);
    expect(t.check(LOGIN, IP)).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('forgets failures older than WINDOW_MS (sliding window)', () => {
    const clock = new SimulatedClock();
    const t = new LoginThrottle(clock);
    failTimes(t, MAX_FAILURES_PER_LOGIN - 1);
    clock.advance(WINDOW_MS);
    expect(t.recordFailure(LOGIN, IP).allowed).toBe(true);
    clock.advance(WINDOW_MS / 2);
    failTimes(t, MAX_FAILURES_PER_LOGIN - 2);
    expect(t.recordFailure(LOGIN, IP).allowed).toBe(false);
  });

  it('matches logins case-insensitively', () => {
    const t = new LoginThrottle(new SimulatedClock());
    failTimes(t, MAX_FAILURES_PER_LOGIN, LOGIN.toUpperCase());
    expect(t.check(LOGIN, '198.51.100.1').allowed).toBe(false);
  });

  it(`locks an address spraying many logins after MAX_FAILURES_PER_ADDRESS (${MAX_FAILURES_PER_ADDRESS})`, () => {
    const t = new LoginThrottle(new SimulatedClock());
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) expect(t.recordFailure(`u${i}@pec.it`, IP).allowed).toBe(true);
    expect(t.recordFailure('last@pec.it', IP).allowed).toBe(false);
    expect(t.check('fresh@pec.it', IP).allowed).toBe(false);
    expect(t.check('fresh@pec.it', '198.51.100.1').allowed).toBe(true);
  });

  it('clears the login on success but keeps the address count', () => {
    const t = new LoginThrottle(new SimulatedClock(), { ...DEFAULT_THROTTLE_LIMITS, maxFailuresPerAddress: 6 });
    failTimes(t, MAX_FAILURES_PER_LOGIN - 1);
    t.recordSuccess(LOGIN);
    expect(t.recordFailure(LOGIN, IP).allowed).toBe(true);
    expect(t.recordFailure('other@pec.it', IP).allowed).toBe(false);
  });

  it('treats a whole IPv6 /64 as one client', () => {
    const t = new LoginThrottle(new SimulatedClock());
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) t.recordFailure(`u${i}@pec.it`, `2001:db8:1:2::${i.toString(16)}`);
    expect(t.check('new@pec.it', '2001:db8:1:2:ffff:ffff:ffff:ffff').allowed).toBe(false);
    expect(t.check('new@pec.it', '2001:db8:1:3::1').allowed).toBe(true);
  });

  it('stays within maxTrackedKeys, evicting the least recently failed', () => {
    const clock = new SimulatedClock();
    const t = new LoginThrottle(clock, { ...DEFAULT_THROTTLE_LIMITS, maxTrackedKeys: 100, maxFailuresPerLogin: 2 });
    t.recordFailure(LOGIN, IP);
    for (let i = 0; i < 1000; i++) t.recordFailure(`u${i}@pec.it`, `10.0.${i >> 8}.${i & 255}`);
    expect(t.trackedKeys).toBeLessThanOrEqual(100);
    // The first login was evicted: its one failure is forgotten.
    expect(t.recordFailure(LOGIN, '10.9.9.9').allowed).toBe(true);
  });

  it('bounds hostile keys: a 10 MB login costs one key of MAX_KEY_LENGTH', () => {
    const t = new LoginThrottle(new SimulatedClock());
    const huge = 'A'.repeat(10_000_000);
    failTimes(t, MAX_FAILURES_PER_LOGIN, huge, '\u0000../');
    expect(t.check(huge + 'different tail', '1.1.1.1').allowed).toBe(false);
    expect(loginKey(huge).length).toBe(MAX_KEY_LENGTH + 2);
    expect(t.trackedKeys).toBe(2);
  });
});

describe('addressKey', () => {
  const table: [string, string][] = [
    ['203.0.113.7', 'a:203.0.113.7'],
    ['::ffff:203.0.113.7', 'a:203.0.113.7'],
    ['2001:db8::1', 'a6:2001:0db8:0000:0000'],
    ['2001:DB8:0:0:1::', 'a6:2001:0db8:0000:0000'],
    ['fe80::1%eth0', 'a6:fe80:0000:0000:0000'],
    ['::1', 'a6:0000:0000:0000:0000'],
    ['1:2:3:4:5:6:7:8', 'a6:0001:0002:0003:0004'],
    ['1::2::3', 'a:1::2::3'],
    ['not-an-ip', 'a:not-an-ip'],
    ['', 'a:'],
  ];
  for (const [input, key] of table) {
    it(`keys ${JSON.stringify(input)} as ${key}`, () => {
      expect(addressKey(input)).toBe(key);
    });
  }
});
