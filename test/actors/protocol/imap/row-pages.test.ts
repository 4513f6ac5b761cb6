import { describe, expect, it } from 'bun:test';
import { SPARSE_SET_FACTOR } from '../../../../actors/protocol/imap/limits.ts';
import { rowPages, type ReadRows } from '../../../../actors/protocol/imap/row-pages.ts';
import type { Target } from '../../../../actors/protocol/imap/selected-view.ts';

/** A folder holding `stored` UIDs; counts the rows each query returns. */
function folder(stored: readonly number[]): { read: ReadRows<{ uid: number }>; reads: number[] } {
  const reads: number[] = [];
  const read: ReadRows<{ uid: number }> = (from, to, limit) => {
    const rows = stored.filter((u) => u >= from && u <= to).slice(0, limit).map((uid) => ({ uid }));
    reads.push(rows.length);
    return rows;
  };
  return { read, reads };
}
const targets = (uids: readonly number[]): Target[] => uids.map((uid, i) => ({ seq: i + 1, uid }));
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('rowPages', () => {
  const cases: Array<[name: string, stored: number[], asked: number[], pageSize: number, pages: number[][]]> = [
    ['a dense set in pages of the given size', range(1, 7), range(1, 7), 3, [[1, 2, 3], [4, 5, 6], [7]]],
    ['only the asked UIDs of a range', range(1, 10), [2, 3, 5, 6], 10, [[2, 3, 5, 6]]],
    ['skipping messages expunged meanwhile', [1, 2, 4, 7, 8], range(1, 8), 3, [[1, 2], [4], [7, 8]]],
    ['nothing when every message is gone', [], range(1, 5), 2, []],
    ['a sparse set UID by UID', range(1, 1000), [1, 500, 1000], 10, [[1, 500, 1000]]],
  ];
  for (const [name, stored, asked, pageSize, pages] of cases) {
    it(`reads ${name}`, () => {
      const { read } = folder(stored);
      const got = [...rowPages(targets(asked), pageSize, read)];
      expect(got.map((p) => p.rows.map((r) => r.uid))).toEqual(pages);
      for (const p of got) expect(p.targets.map((t) => t.uid)).toEqual(p.rows.map((r) => r.uid));
    });
  }

  it('makes the first page the short one when asked (the client starts reading sooner)', () => {
    const { read, reads } = folder(range(1, 25));
    expect([...rowPages(targets(range(1, 25)), 10, read, 3)].map((p) => p.rows.length)).toEqual([3, 10, 10, 2]);
    expect(reads).toEqual([3, 10, 10, 2]);
  });

  it('pairs each row with the sequence number of its target', () => {
    const { read } = folder([10, 20, 30]);
    const [page] = [...rowPages([{ seq: 4, uid: 10 }, { seq: 5, uid: 30 }], 5, read)];
    expect(page!.targets.map((t) => t.seq)).toEqual([4, 5]);
  });

  it(`never reads more rows than the set names when its span exceeds ${SPARSE_SET_FACTOR} times its size`, () => {
    const { read, reads } = folder(range(1, 100_000));
    const asked = [1, 50_000, 100_000];
    expect([...rowPages(targets(asked), 1_000, read)].flatMap((p) => p.rows.map((r) => r.uid))).toEqual(asked);
    expect(reads).toEqual([1, 1, 1]);
  });

  it('continues after a full page that ended before its last target', () => {
    const { read, reads } = folder(range(1, 20));
    const asked = [1, 2, 3, 4, 20];
    expect([...rowPages(targets(asked), 5, read)].flatMap((p) => p.rows.map((r) => r.uid))).toEqual(asked);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 5 + 1);
  });
});
