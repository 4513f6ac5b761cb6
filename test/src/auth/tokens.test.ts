import { describe, expect, it } from 'bun:test';
import {
  checkResetToken,
  generateToken,
  hashToken,
  isWellFormedToken,
  issueResetToken,
  RESET_TOKEN_TTL_MS,
  TOKEN_LENGTH,
  tokenMatches,
} from '../../../src/auth/tokens.ts';

describe('tokens', () => {
  it('makes 43-character base64url tokens from 32 random bytes, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const { token, tokenHash } = generateToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url').length).toBe(32);
      expect(tokenHash).toBe(hashToken(token));
      seen.add(token);
    }
    expect(seen.size).toBe(1000);
  });

  it('stores only the SHA-256: the hash is not the token and does not contain it', () => {
    const { token, tokenHash } = generateToken();
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(new Bun.CryptoHasher('sha256').update(token).digest('hex'));
    expect(tokenHash.includes(token)).toBe(false);
  });

  it('matches the right token and nothing else', () => {
    const { token, tokenHash } = generateToken();
    expect(tokenMatches(token, tokenHash)).toBe(true);
    const other = generateToken().token;
    expect(tokenMatches(other, tokenHash)).toBe(false);
    expect(tokenMatches(token, tokenHash.toUpperCase())).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
  });

  const hostile = ['', '../../etc/passwd', 'a'.repeat(TOKEN_LENGTH - 1), 'a'.repeat(TOKEN_LENGTH + 1), 'a'.repeat(42) + '=', 'a'.repeat(42) + '\u0000', 'é'.repeat(TOKEN_LENGTH), 'x'.repeat(10_000_000)];
  for (const s of hostile) {
    it(`refuses the malformed token ${JSON.stringify(s.slice(0, 20))}${s.length > 20 ? '…' : ''} before hashing`, () => {
      expect(isWellFormedToken(s)).toBe(false);
      expect(tokenMatches(s, hashToken(s))).toBe(false);
    });
  }
});

describe('reset tokens (24 h, one use)', () => {
  const now = Date.UTC(2026, 2, 1, 12);
  it(`expire RESET_TOKEN_TTL_MS (${RESET_TOKEN_TTL_MS} ms) after issue`, () => {
    const issued = issueResetToken(now);
    expect(issued.expiresAt).toBe(now + 24 * 3600 * 1000);
    const record = { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt, usedAt: null };
    expect(checkResetToken(issued.token, record, now)).toBe('valid');
    expect(checkResetToken(issued.token, record, issued.expiresAt - 1)).toBe('valid');
    expect(checkResetToken(issued.token, record, issued.expiresAt)).toBe('expired');
  });

  it('refuses a used, a wrong and a malformed token', () => {
    const issued = issueResetToken(now);
    const record = { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt, usedAt: null };
    expect(checkResetToken(issued.token, { ...record, usedAt: now }, now)).toBe('used');
    expect(checkResetToken(generateToken().token, record, now)).toBe('mismatch');
    expect(checkResetToken('../reset', record, now)).toBe('malformed');
  });
});
