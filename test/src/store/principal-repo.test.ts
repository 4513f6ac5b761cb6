import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { ConflictError, InvalidValueError, LimitExceededError, NotFoundError } from '../../../src/store/errors.ts';
import { fixture, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());
const HASH = '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA';

describe('PrincipalRepo', () => {
  it('stores and replaces the holder password with its change time and must-change flag', () => {
    const p = f.store.principals;
    expect(p.holder(f.mailboxId)).toBeUndefined();
    p.setHolderPassword(f.mailboxId, HASH, T0, true);
    p.setHolderPassword(f.mailboxId, `${HASH}2`, T0 + 1);
    expect(p.holder(f.mailboxId)).toEqual({ mailboxId: f.mailboxId, passwordHash: `${HASH}2`, passwordChangedAt: T0 + 1, mustChangePassword: false });
    expect(() => p.setHolderPassword(f.mailboxId, '', T0)).toThrow(InvalidValueError);
    expect(() => p.setHolderPassword(999, HASH, T0)).toThrow(NotFoundError);
  });

  it('creates collaborators unique per mailbox, updates profile and expiry, sets a password', () => {
    const p = f.store.principals;
    const c = p.createCollaborator({ mailboxId: f.mailboxId, username: 'MarioRossi', profile: 'solo-consultazione' }, T0);
    expect(c).toMatchObject({ username: 'mariorossi', profile: 'solo-consultazione', passwordHash: null, expiresAt: null });
    expect(() => p.createCollaborator({ mailboxId: f.mailboxId, username: 'mariorossi', profile: 'solo-invio' }, T0)).toThrow(ConflictError);
    expect(p.updateCollaborator(c.id, { profile: 'accesso-completo', expiresAt: T0 + 86_400_000 })).toMatchObject({ profile: 'accesso-completo', expiresAt: T0 + 86_400_000 });
    expect(p.updateCollaborator(c.id, { expiresAt: null }).expiresAt).toBeNull();
    p.setCollaboratorPassword(c.id, HASH, T0 + 5);
    expect(p.collaborator(f.mailboxId, 'MARIOROSSI')).toMatchObject({ passwordHash: HASH, passwordChangedAt: T0 + 5 });
    expect(p.collaborators(f.mailboxId)).toHaveLength(1);
    expect(p.deleteCollaborator(c.id)).toBe(true);
    expect(() => p.setCollaboratorPassword(c.id, HASH, T0)).toThrow(NotFoundError);
  });

  it('rejects collaborator names with / or @ (seed 001 login form) and over MAX_USERNAME_LENGTH', () => {
    const p = f.store.principals;
    for (const bad of ['a/b', 'a@b', "a'b", 'a b', 'a\u0000']) {
      expect(() => p.createCollaborator({ mailboxId: f.mailboxId, username: bad, profile: 'solo-invio' }, T0)).toThrow(InvalidValueError);
    }
    expect(() => p.createCollaborator({ mailboxId: f.mailboxId, username: 'x'.repeat(10_240), profile: 'solo-invio' }, T0)).toThrow(LimitExceededError);
    expect(() => p.createCollaborator({ mailboxId: f.mailboxId, username: 'ok', profile: 'tutto' as never }, T0)).toThrow(InvalidValueError);
    expect(() => p.createCollaborator({ mailboxId: 999, username: 'ok', profile: 'solo-invio' }, T0)).toThrow(NotFoundError);
  });

  it('creates administrators with unique usernames and domain grants', () => {
    const p = f.store.principals;
    const a = p.createAdmin({ username: 'admin@ente.test', passwordHash: HASH }, T0);
    expect(a).toMatchObject({ username: 'admin@ente.test', super: false });
    expect(() => p.createAdmin({ username: 'ADMIN@ente.test', passwordHash: HASH }, T0)).toThrow(ConflictError);
    p.grantDomain(a.id, 1);
    p.grantDomain(a.id, 1);
    expect(() => p.grantDomain(a.id, 99)).toThrow(NotFoundError);
    expect(p.adminDomains(a.id)).toEqual([1]);
    expect(p.revokeDomain(a.id, 1)).toBe(true);
    expect(p.adminDomains(a.id)).toEqual([]);
    p.setAdminPassword(a.id, `${HASH}x`, T0 + 9);
    expect(p.adminByUsername('admin@ente.test')).toMatchObject({ passwordHash: `${HASH}x`, passwordChangedAt: T0 + 9 });
  });
});
