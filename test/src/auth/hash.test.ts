import { describe, expect, it } from 'bun:test';
import {
  hashPassword,
  MAX_PASSWORD_INPUT_BYTES,
  needsRehash,
  PasswordHashError,
  verifyAgainstDummy,
  verifyPassword,
} from '../../../src/auth/hash.ts';

describe('argon2id password hashing', () => {
  it('hashes with argon2id, verifies the right password and refuses others', async () => {
    const hash = await hashPassword('Segreta#2026');
    expect(hash.startsWith('$argon2id$v=19$m=65536,t=2,p=')).toBe(true);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword('Segreta#2026', hash)).toBe(true);
    expect(await verifyPassword('segreta#2026', hash)).toBe(false);
    // Over-long and empty input is refused without running argon2.
    expect(await verifyPassword('x'.repeat(MAX_PASSWORD_INPUT_BYTES + 1), hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('Abcdef1!'), hashPassword('Abcdef1!')]);
    expect(a).not.toBe(b);
  });

  it('refuses to hash empty or over-long passwords with a typed error', async () => {
    await expect(hashPassword('')).rejects.toBeInstanceOf(PasswordHashError);
    await expect(hashPassword('é'.repeat(MAX_PASSWORD_INPUT_BYTES))).rejects.toMatchObject({ kind: 'too-long' });
  });

  it('throws a typed error for a stored hash that is not argon2id', async () => {
    await expect(verifyPassword('x', '$2b$10$abcdefghijklmnopqrstuu')).rejects.toMatchObject({ kind: 'malformed-hash' });
    await expect(verifyPassword('x', '$argon2id$garbage')).rejects.toMatchObject({ kind: 'malformed-hash' });
  });

  it('asks for a rehash of hashes made with other parameters', () => {
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('$2b$10$abc')).toBe(true);
  });

  it('spends a verification on unknown logins and always answers false', async () => {
    expect(await verifyAgainstDummy('dummy-password-for-timing')).toBe(false);
    expect(await verifyAgainstDummy('x'.repeat(100_000))).toBe(false);
  });
});
