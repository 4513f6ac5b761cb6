// FETCH / UID FETCH (RFC 9051 §6.4.5, §6.4.9) with CONDSTORE CHANGEDSINCE (RFC 7162 §3.1.4) and VANISHED (§3.2.6).
import type { SetFlagsReply } from '../../../mailbox/messages.ts';
import type { FetchAttribute } from '../../../../src/protocol/imap/index.ts';
import { marksSeen, needsContent, sequenceSetContains } from '../../../../src/protocol/imap/index.ts';
import { decodeFlags, FLAG_SEEN } from '../../../../src/store/message-flags.ts';
import type { FetchRow } from '../../../../src/store/message-queries.ts';
import { bad, defineCommand, no, ok, type Completion, type SessionContext } from '../context.ts';
import { writeFlagFetches } from '../fetch-flags.ts';
import { fetchItems, metadataOnly } from '../fetch-items.ts';
import { FETCH_ROWS_PAGE } from '../limits.ts';
import { rowPages } from '../row-pages.ts';
import type { SelectedView, Target } from '../selected-view.ts';

/** The attributes to answer: UID FETCH always returns UID, CHANGEDSINCE implies MODSEQ (RFC 7162 §3.1.4.1). */
function attributes(items: readonly FetchAttribute[], uid: boolean, changedSince: boolean): FetchAttribute[] {
  // UID first, as Dovecot and Cyrus answer (the codec appends it for UID FETCH).
  const atts: FetchAttribute[] = items.filter((a) => a.kind !== 'UID');
  if (uid || items.some((a) => a.kind === 'UID')) atts.unshift({ kind: 'UID' });
  if (changedSince && !atts.some((a) => a.kind === 'MODSEQ')) atts.push({ kind: 'MODSEQ' });
  return atts;
}

type SeenNow = Map<number, { flags: string[]; modseq: number }>;
const NONE_SEEN: SeenNow = new Map();

/** RFC 9051 §6.4.5: BODY[] without PEEK sets \Seen; the new flags are reported in the same FETCH. */
async function markSeen(s: SessionContext, view: SelectedView, rows: readonly FetchRow[]): Promise<SeenNow> {
  const unseen = rows.filter((r) => (r.bits & FLAG_SEEN) === 0);
  if (unseen.length === 0) return NONE_SEEN;
  const reply = await s.ask<SetFlagsReply>({ type: 'set-flags', ids: unseen.map((r) => r.id), mode: 'add', flags: ['\\Seen'] });
  const changed: SeenNow = new Map();
  for (const c of reply.changed) {
    changed.set(c.uid, { flags: c.flags, modseq: c.modseq });
    view.noteOwnFlags(c.uid, c.modseq);
  }
  return changed;
}

/** FETCH of anything beyond flags: light rows a page at a time, the blob read once per message; a NO ends it. */
async function writeContentFetches(
  s: SessionContext,
  view: SelectedView,
  targets: readonly Target[],
  atts: readonly FetchAttribute[],
  changedSince: bigint | undefined,
  seenMay: boolean,
): Promise<Completion | null> {
  const { store } = s.deps;
  const withFlags: FetchAttribute[] = atts.some((a) => a.kind === 'FLAGS') ? [...atts] : [...atts, { kind: 'FLAGS' }];
  const content = needsContent(atts);
  const read = (from: number, to: number, limit: number) => store.messages.fetchRows(view.folderId, from, to, limit);
  for (const page of rowPages(targets, FETCH_ROWS_PAGE, read)) {
    const seenNow = seenMay ? await markSeen(s, view, page.rows) : NONE_SEEN;
    for (let i = 0; i < page.rows.length; i++) {
      const t = page.targets[i]!;
      const m = page.rows[i]!;
      const seen = seenNow.get(t.uid);
      const modseq = seen?.modseq ?? m.modseq;
      if (changedSince !== undefined && BigInt(modseq) <= changedSince) continue;
      const raw = content ? await store.blobs.get(m.blobHash) : undefined;
      const built = fetchItems(seen ? withFlags : atts, {
        uid: m.uid,
        flags: seen?.flags ?? decodeFlags(m.bits, m.keywords ?? '[]'),
        internalDate: { ms: m.internalDate, tzOffsetMinutes: 0 },
        size: m.size,
        modseq: BigInt(modseq),
        raw: () => raw ?? new Uint8Array(0),
      });
      // RFC 3516 §4.3: a transfer encoding the server cannot undo for BINARY.
      if (built.kind === 'unknown-cte') return no(`Unknown Content-Transfer-Encoding ${built.encoding}`, { kind: 'UNKNOWN-CTE' });
      s.send({ kind: 'fetch', seq: t.seq, items: built.items });
      await s.flushIfLarge();
    }
  }
  return null;
}

export const fetch = defineCommand({
  name: 'FETCH',
  states: ['selected'],
  async handle(cmd, s) {
    const st = s.state;
    if (st.kind !== 'selected') return bad('No mailbox selected');
    const { view } = st;
    if (!cmd.uid && view.seqOutOfRange(cmd.set)) return bad('Invalid message sequence number');
    if (cmd.vanished && (!cmd.uid || cmd.changedSince === undefined || !s.enabled.qresync)) {
      return bad('VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC');
    }
    const atts = attributes(cmd.items, cmd.uid, cmd.changedSince !== undefined);
    if (atts.some((a) => a.kind === 'MODSEQ')) s.enabled.condstore = true;
    const { store } = s.deps;
    if (cmd.vanished && cmd.changedSince !== undefined) {
      const gone = store.messages.changedSince(view.folderId, Number(cmd.changedSince)).vanished;
      const named = gone.filter((u) => sequenceSetContains(cmd.set, u, view.maxUid));
      if (named.length) s.send({ kind: 'vanished', earlier: true, uids: named });
    }
    const targets = view.resolve(cmd.set, cmd.uid);
    if (metadataOnly(atts)) {
      // The bulk flag sync: light rows, one buffer per page written at once (nothing here can set \Seen).
      await writeFlagFetches(store, view.folderId, targets, atts, cmd.changedSince, async (bytes) => {
        s.sendBytes(bytes);
        await s.flush();
      });
      return ok('FETCH completed');
    }
    const seenMay = marksSeen(atts) && !st.readOnly && s.can('flag');
    return (await writeContentFetches(s, view, targets, atts, cmd.changedSince, seenMay)) ?? ok('FETCH completed');
    return ok('FETCH completed');
  },
});
