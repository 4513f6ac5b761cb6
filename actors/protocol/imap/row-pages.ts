// Reads the store rows of the messages a command names, a page at a time in UID order (issue 4): a range of the
// folder when the set is dense, UID by UID when it is sparse. A message expunged by another session since the
// client last heard of it is simply missing (RFC 9051 §7.5.1 lets the server omit it).
import { SPARSE_SET_FACTOR } from './limits.ts';
import type { Target } from './selected-view.ts';

/** A store query: the folder's rows with fromUid <= uid <= toUid, UID ascending, at most `limit`. */
export type ReadRows<R> = (fromUid: number, toUid: number, limit: number) => R[];

/** One page: rows[i] is the row of targets[i]. */
export interface RowPage<R> {
  targets: Target[];
  rows: R[];
}

/**
 * The pages for `targets` (UID ascending, as SelectedView.resolve gives them), at most `pageSize` rows each; the
 * first one at most `firstPageSize` (a short first page reaches the client sooner).
 */
export function* rowPages<R extends { uid: number }>(
  targets: readonly Target[],
  pageSize: number,
  read: ReadRows<R>,
  firstPageSize = pageSize,
): Generator<RowPage<R>> {
  let t = 0;
  for (let size = firstPageSize; t < targets.length; size = pageSize) {
    const last = Math.min(t + size, targets.length) - 1;
    const from = targets[t]!.uid;
    const to = targets[last]!.uid;
    const sparse = to - from + 1 > SPARSE_SET_FACTOR * (last - t + 1);
    const rows = sparse ? pointRows(targets, t, last, read) : read(from, to, size);
    const page: RowPage<R> = { targets: [], rows: [] };
    for (const row of rows) {
      while (t < targets.length && targets[t]!.uid < row.uid) t++;
      if (t >= targets.length) break;
      if (targets[t]!.uid !== row.uid) continue;
      page.targets.push(targets[t]!);
      page.rows.push(row);
      t++;
    }
    // A full page may stop short of `to`: go on after its last row; otherwise every target up to `to` was seen.
    const next = !sparse && rows.length === size ? rows[rows.length - 1]!.uid + 1 : to + 1;
    while (t < targets.length && targets[t]!.uid < next) t++;
    if (page.rows.length > 0) yield page;
  }
}

function pointRows<R>(targets: readonly Target[], first: number, last: number, read: ReadRows<R>): R[] {
  const out: R[] = [];
  for (let i = first; i <= last; i++) {
    const uid = targets[i]!.uid;
    const row = read(uid, uid, 1)[0];
    if (row !== undefined) out.push(row);
  }
  return out;
}
