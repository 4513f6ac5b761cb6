import { describe, expect, it } from 'bun:test';
import {
  DAY_MS,
  dueExpiryNotice,
  expiryNoticeKey,
  nextExpiryNoticeAt,
  PASSWORD_EXPIRY_NOTICE_DAYS,
  PASSWORD_MAX_AGE_DAYS,
  passwordState,
} from '../../../src/auth/password-expiry.ts';

const changedAt = Date.UTC(2026, 0, 1);
const at = (days: number) => changedAt + days * DAY_MS;

describe('passwordState (seed 003 "Scadenza della password")', () => {
  const table: [string, number, string, number][] = [
    ['just changed', 0, 'valida', 90],
    ['one day in', 1, 'valida', 89],
    ['21 days before expiry', PASSWORD_MAX_AGE_DAYS - 21, 'valida', 21],
    ['20 days before expiry', PASSWORD_MAX_AGE_DAYS - 20, 'in-scadenza', 20],
    ['one millisecond before expiry', PASSWORD_MAX_AGE_DAYS - 1 / DAY_MS, 'in-scadenza', 1],
    ['at expiry', PASSWORD_MAX_AGE_DAYS, 'scaduta', 0],
    ['long after expiry', 400, 'scaduta', 0],
  ];
  for (const [name, day, state, daysLeft] of table) {
    it(`is ${state} with ${daysLeft} days left when ${name}`, () => {
      const s = passwordState(changedAt, at(day));
      expect(s.state).toBe(state as typeof s.state);
      expect(s.daysLeft).toBe(daysLeft);
      expect(s.expiresAt).toBe(at(PASSWORD_MAX_AGE_DAYS));
    });
  }

  it('treats a change date in the future (clock skew) as valid with more than 90 days', () => {
    expect(passwordState(at(5), at(0))).toEqual({ state: 'valida', daysLeft: 95, expiresAt: at(95) });
  });
});

describe('expiry notices at 20, 10 and 5 days before, then scaduta', () => {
  it('has the seed days', () => {
    expect([...PASSWORD_EXPIRY_NOTICE_DAYS]).toEqual([20, 10, 5]);
  });

  it('sends each reminder once, in order, then the expired message', () => {
    const sent = new Set<string>();
    const seen: string[] = [];
    for (let day = 0; day <= 100; day += 0.25) {
      const n = dueExpiryNotice(changedAt, at(day), sent);
      if (n) {
        sent.add(expiryNoticeKey(n));
        seen.push(`${expiryNoticeKey(n)}@${day}`);
      }
    }
    expect(seen).toEqual(['promemoria-20@70', 'promemoria-10@80', 'promemoria-5@85', 'scaduta@90']);
  });

  it('sends only the most urgent reminder after a job outage', () => {
    expect(dueExpiryNotice(changedAt, at(86), new Set())).toEqual({ kind: 'promemoria', daysBefore: 5 });
    expect(dueExpiryNotice(changedAt, at(86), new Set(['promemoria-5']))).toBeNull();
  });

  it('arms the next notice instant', () => {
    expect(nextExpiryNoticeAt(changedAt, at(0))).toBe(at(70));
    expect(nextExpiryNoticeAt(changedAt, at(70))).toBe(at(80));
    expect(nextExpiryNoticeAt(changedAt, at(89))).toBe(at(90));
    expect(nextExpiryNoticeAt(changedAt, at(90))).toBeNull();
  });
});
