import { describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { MAX_KEYWORD_LENGTH } from '../../../src/store/limits.ts';
import { applyFlags, decodeFlags, encodeFlags, sameFlags, type FlagMode } from '../../../src/store/message-flags.ts';

describe('encodeFlags / decodeFlags', () => {
  it.each([
    [[], 0, []],
    [['\\Seen'], 1, []],
    [['\\seen', '\\DELETED'], 9, []],
    [['\\Answered', '\\Flagged', '\\Draft'], 22, []],
    [['$Label1', '$label1', 'Urgente'], 0, ['$Label1', 'Urgente']],
  ] as const)('%p → bits %p keywords %p', (flags, bits, keywords) => {
    const s = encodeFlags(flags);
    expect(s).toEqual({ bits, keywords: [...keywords] });
    expect(encodeFlags(decodeFlags(s.bits, JSON.stringify(s.keywords)))).toEqual(s);
  });

  it.each(['\\Recent2', '\\', 'a b', 'a(b', 'a"b', 'a%b', 'a*b', 'a]b', 'a\u0000b', ''])('rejects %p', (bad) => {
    expect(() => encodeFlags([bad])).toThrow(InvalidValueError);
  });

  it('rejects a keyword over MAX_KEYWORD_LENGTH', () => {
    expect(() => encodeFlags(['k'.repeat(MAX_KEYWORD_LENGTH + 1)])).toThrow(LimitExceededError);
  });
});

describe('applyFlags (RFC 9051 §6.4.6)', () => {
  const cur = encodeFlags(['\\Seen', 'Todo']);
  it.each([
    ['add', ['\\Flagged', 'todo', 'New'], ['\\Seen', '\\Flagged', 'Todo', 'New']],
    ['remove', ['\\Seen', 'TODO'], []],
    ['replace', ['\\Draft'], ['\\Draft']],
  ] as const)('%s %p', (mode, change, expected) => {
    const next = applyFlags(cur, mode as FlagMode, encodeFlags(change));
    expect(decodeFlags(next.bits, JSON.stringify(next.keywords))).toEqual([...expected]);
  });

  it('compares keywords case-insensitively and ignores order', () => {
    expect(sameFlags(encodeFlags(['A', 'b']), encodeFlags(['B', 'a']))).toBe(true);
    expect(sameFlags(encodeFlags(['A']), encodeFlags(['A', '\\Seen']))).toBe(false);
  });
});
