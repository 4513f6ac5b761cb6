import { describe, expect, it } from 'bun:test';
import {
  compressNumbers,
  expandRanges,
  formatSequenceSet,
  resolveSequenceSet,
  sequenceSetContains,
  sequenceSetFromString,
} from '../../../../src/protocol/imap/sequence-set.ts';
import { MAX_SEQUENCE_RANGES } from '../../../../src/protocol/imap/limits.ts';
import { cmd, decodeAll } from './helpers.ts';

describe('sequence sets (RFC 9051 §9)', () => {
  const table: Array<[string, number, boolean, Array<[number, number]>]> = [
    ['1', 10, false, [[1, 1]]],
    ['1:*', 10, false, [[1, 10]]],
    ['*', 10, false, [[10, 10]]],
    ['*:4', 10, false, [[4, 10]]],
    ['5:3', 10, false, [[3, 5]]],
    ['2,4:6,5:8,1', 10, false, [[1, 2], [4, 8]]],
    ['559:*', 100, false, [[100, 559]]], // RFC 9051 §6.4.9: includes the last UID even when 559 > max
    ['559:*', 100, true, [[100, 100]]],
    ['8:12', 10, true, [[8, 10]]],
    ['11:12', 10, true, []],
    ['1:*', 0, false, []], // "*" in an empty mailbox
  ];
  for (const [set, max, clamp, want] of table) {
    it(`resolves ${set} against ${max}${clamp ? ' (clamped)' : ''}`, () => {
      expect(resolveSequenceSet(sequenceSetFromString(set), max, clamp)).toEqual(want);
    });
  }

  it('tests membership without expanding', () => {
    const set = sequenceSetFromString('1:3,10:*');
    expect([1, 3, 4, 9, 10, 4294967295].map((n) => sequenceSetContains(set, n, 4294967295))).toEqual([true, true, false, false, true, true]);
  });

  it('refuses to expand huge ranges past a limit', () => {
    expect(() => expandRanges([[1, 4294967295]], 100_000)).toThrow(RangeError);
    expect(expandRanges([[1, 3], [7, 7]], 10)).toEqual([1, 2, 3, 7]);
  });

  it('compresses numbers keeping client order (COPYUID pairs)', () => {
    expect(formatSequenceSet(compressNumbers([5, 6, 7, 1, 2, 9]))).toBe('5:7,1:2,9');
  });

  it('parses sets inside commands and rejects zero', () => {
    const c = cmd('a FETCH 1,3:*,*:2 UID');
    expect(c.name === 'FETCH' && c.set).toEqual([
      { start: 1, end: 1 },
      { start: 3, end: '*' },
      { start: '*', end: 2 },
    ]);
    expect(decodeAll('a FETCH 0:1 UID\r\n')[0]?.kind).toBe('error');
  });

  it(`rejects sets with more than MAX_SEQUENCE_RANGES (${MAX_SEQUENCE_RANGES}) elements`, () => {
    const set = Array.from({ length: MAX_SEQUENCE_RANGES + 1 }, (_, i) => i + 1).join(',');
    const r = decodeAll(`a FETCH ${set} UID\r\n`, { maxLineBytes: 1_000_000 })[0];
    expect(r?.kind === 'error' && r.response.kind === 'tagged' && r.response.text).toBe('Sequence set too long');
  });
});
