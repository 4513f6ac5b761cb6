import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { MAX_SESSION_DATA_LENGTH } from '../../../src/store/session-repo.ts';
import { fixture, hashOf, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());
const HOUR = 3_600_000;

describe('SessionRepo', () => {
  it('returns a session until it expires, extends it on touch and deletes it', () => {
    const s = f.store.sessions;
    const tok = hashOf('cookie');
    s.createSession({ tokenHash: tok, principal: { kind: 'holder', id: f.mailboxId }, expiresAt: T0 + HOUR }, T0);
    expect(s.session(tok, T0 + 1)).toMatchObject({ principal: { kind: 'holder', id: f.mailboxId }, data: '{}' });
    expect(s.session(tok, T0 + HOUR)).toBeUndefined();
    expect(s.touchSession(tok, T0 + 10, T0 + 2 * HOUR)).toBe(true);
    expect(s.session(tok, T0 + HOUR)?.lastSeenAt).toBe(T0 + 10);
    expect(s.deleteSessionsOf({ kind: 'holder', id: f.mailboxId })).toBe(1);
    expect(s.session(tok, T0)).toBeUndefined();
  });

  it('rejects a token that is not a hex hash and oversize session data', () => {
    const s = f.store.sessions;
    expect(() => s.createSession({ tokenHash: "x' OR 1=1", principal: { kind: 'admin', id: 1 }, expiresAt: T0 }, T0)).toThrow(InvalidValueError);
    expect(() => s.createSession({ tokenHash: 'a'.repeat(10_240), principal: { kind: 'admin', id: 1 }, expiresAt: T0 }, T0)).toThrow(LimitExceededError);
    expect(() =>
      s.createSession({ tokenHash: hashOf('x'), principal: { kind: 'admin', id: 1 }, expiresAt: T0, data: 'x'.repeat(MAX_SESSION_DATA_LENGTH + 1) }, T0),
    ).toThrow(LimitExceededError);
  });

  it('consumes a reset token once, and never after it expired', () => {
    const s = f.store.sessions;
    const tok = hashOf('reset');
    s.createResetToken({ tokenHash: tok, principal: { kind: 'collaborator', id: 7 }, expiresAt: T0 + HOUR }, T0);
    expect(s.consumeResetToken(tok, T0 + 1)).toMatchObject({ principal: { kind: 'collaborator', id: 7 }, usedAt: T0 + 1 });
    expect(s.consumeResetToken(tok, T0 + 2)).toBeUndefined();
    const late = hashOf('late');
    s.createResetToken({ tokenHash: late, principal: { kind: 'holder', id: 1 }, expiresAt: T0 + HOUR }, T0);
    expect(s.consumeResetToken(late, T0 + HOUR)).toBeUndefined();
  });

  it('counts login failures in a window and restarts the count after it', () => {
    const s = f.store.sessions;
    const key = 'user:mario.rossi@pec.demo.test';
    expect(s.recordLoginFailure(key, T0, HOUR)).toBe(1);
    expect(s.recordLoginFailure(key, T0 + 10, HOUR)).toBe(2);
    expect(s.loginFailures(key, T0 + 20, HOUR)).toBe(2);
    expect(s.loginFailures(key, T0 + HOUR, HOUR)).toBe(0);
    expect(s.recordLoginFailure(key, T0 + HOUR, HOUR)).toBe(1);
    s.clearLoginFailures(key);
    expect(s.loginFailures(key, T0 + HOUR, HOUR)).toBe(0);
  });
});
