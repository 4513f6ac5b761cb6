// Sequence sets (RFC 9051 §9 sequence-set): parsing, resolution against a maximum, and compact formatting.
import type { SeqNumber, SeqRange, SequenceSet } from './command-types.ts';
import { MAX_SEQUENCE_RANGES } from './limits.ts';
import { ParseError, type Reader } from './reader.ts';

function seqNumber(r: Reader): SeqNumber {
  if (r.tryChar('*')) return '*';
  return r.nzNumber();
}

/** sequence-set = (seq-number / seq-range) ["," sequence-set] */
export function parseSequenceSet(r: Reader): SequenceSet {
  const set: SequenceSet = [];
  do {
    if (set.length >= MAX_SEQUENCE_RANGES) throw new ParseError('Sequence set too long');
    const start = seqNumber(r);
    const end = r.tryChar(':') ? seqNumber(r) : start;
    set.push({ start, end });
  } while (r.tryChar(','));
  return set;
}

/** Parses a sequence set from text (tests, session helpers). Throws ParseError on bad syntax. */
export function sequenceSetFromString(text: string): SequenceSet {
  const set: SequenceSet = [];
  for (const part of text.split(',')) {
    const m = /^(\*|[1-9]\d{0,9})(?::(\*|[1-9]\d{0,9}))?$/.exec(part);
    if (!m) throw new ParseError(`Invalid sequence set: ${text}`);
    const a = m[1] === '*' ? '*' : Number(m[1]);
    const b = m[2] === undefined ? a : m[2] === '*' ? '*' : Number(m[2]);
    set.push({ start: a, end: b });
  }
  return set;
}

/**
 * Resolves `*` to `max` and returns sorted, merged, inclusive [lo, hi] ranges. RFC 9051 §9: a range `a:b` covers the
 * numbers between a and b whatever their order, so `559:*` includes `max` even when 559 > max (RFC 9051 §6.4.9).
 * With `clamp`, numbers above `max` are dropped (sequence numbers); UID sets are usually left unclamped.
 */
export function resolveSequenceSet(set: SequenceSet, max: number, clamp = false): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const { start, end } of set) {
    if (max < 1 && (start === '*' || end === '*')) continue; // `*` in an empty mailbox names nothing
    const a = start === '*' ? max : start;
    const b = end === '*' ? max : end;
    let lo = Math.min(a, b);
    let hi = Math.max(a, b);
    if (clamp) {
      hi = Math.min(hi, max);
      lo = Math.max(lo, 1);
      if (lo > hi) continue;
    }
    ranges.push([lo, hi]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** True when `n` is in the set resolved against `max`. */
export function sequenceSetContains(set: SequenceSet, n: number, max: number): boolean {
  for (const { start, end } of set) {
    const a = start === '*' ? max : start;
    const b = end === '*' ? max : end;
    if (n >= Math.min(a, b) && n <= Math.max(a, b)) return true;
  }
  return false;
}

/** Expands resolved ranges into numbers; refuses more than `limit` (defensive against `1:4294967295`). */
export function expandRanges(ranges: Array<[number, number]>, limit: number): number[] {
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length + (hi - lo + 1) > limit) throw new RangeError(`Sequence set expands beyond ${limit} numbers`);
    for (let n = lo; n <= hi; n++) out.push(n);
  }
  return out;
}

/** Compresses numbers into ranges keeping the given order (COPYUID pairs source and dest by position). */
export function compressNumbers(nums: readonly number[]): SequenceSet {
  const out: SeqRange[] = [];
  for (const n of nums) {
    const last = out[out.length - 1];
    if (last && typeof last.end === 'number' && n === last.end + 1) last.end = n;
    else out.push({ start: n, end: n });
  }
  return out;
}

/** Wire form: `1:3,7,9:*`. */
export function formatSequenceSet(set: SequenceSet): string {
  return set.map(({ start, end }) => (start === end ? `${start}` : `${start}:${end}`)).join(',');
}
