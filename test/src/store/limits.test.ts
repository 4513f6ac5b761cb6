import { describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import {
  checkPage,
  MAX_ADDRESS_LENGTH,
  MAX_LOCAL_PART_LENGTH,
  MAX_PAGE_SIZE,
  normalizeAddress,
  normalizeDomain,
  normalizeLocalPart,
} from '../../../src/store/limits.ts';

describe('normalizeAddress', () => {
  it.each([
    ['Mario.Rossi@PEC.Demo.Test', 'mario.rossi@pec.demo.test'],
    ["o'brien@pec.demo.test", "o'brien@pec.demo.test"],
    ['a+tag@x.it', 'a+tag@x.it'],
    ['last@at@x.it', null],
    ['no-at.x.it', null],
    ['@x.it', null],
    ['a b@x.it', null],
    ['a\u0000@x.it', null],
    ['a..b@x.it', null],
    ['a@x', null],
    ['a@-x.it', null],
  ])('%p → %p', (input, expected) => {
    if (expected === null) expect(() => normalizeAddress(input)).toThrow(InvalidValueError);
    else expect(normalizeAddress(input)).toBe(expected);
  });

  it('names the limit a 10 KB address exceeds', () => {
    try {
      normalizeAddress(`${'a'.repeat(10_240)}@x.it`);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(LimitExceededError);
      expect((e as LimitExceededError).limit).toBe('MAX_ADDRESS_LENGTH');
      expect((e as LimitExceededError).max).toBe(MAX_ADDRESS_LENGTH);
    }
  });

  it('applies MAX_LOCAL_PART_LENGTH at 64 octets (RFC 5321 §4.5.3.1.1)', () => {
    expect(normalizeLocalPart('a'.repeat(MAX_LOCAL_PART_LENGTH))).toHaveLength(64);
    expect(() => normalizeLocalPart('a'.repeat(MAX_LOCAL_PART_LENGTH + 1))).toThrow(LimitExceededError);
  });

  it('accepts A-label domains and rejects U-labels', () => {
    expect(normalizeDomain('xn--citt-6na.test')).toBe('xn--citt-6na.test');
    expect(() => normalizeDomain('città.test')).toThrow(InvalidValueError);
  });
});

describe('checkPage', () => {
  it.each([
    [undefined, undefined, { limit: 100, offset: 0 }],
    [MAX_PAGE_SIZE, 5, { limit: MAX_PAGE_SIZE, offset: 5 }],
  ])('limit %p offset %p', (limit, offset, expected) => {
    expect(checkPage(limit, offset)).toEqual(expected);
  });

  it.each([[0, 0], [1.5, 0], [10, -1], [Number.NaN, 0]])('rejects limit %p offset %p', (limit, offset) => {
    expect(() => checkPage(limit, offset)).toThrow(InvalidValueError);
  });

  it('rejects a page over MAX_PAGE_SIZE', () => {
    expect(() => checkPage(MAX_PAGE_SIZE + 1, 0)).toThrow(LimitExceededError);
  });
});
