// FETCH / UID FETCH (RFC 9051 §6.4.5, §6.4.9) with CONDSTORE CHANGEDSINCE (RFC 7162 §3.1.4) and VANISHED (§3.2.6).
import type { SetFlagsReply } from '../../../mailbox/messages.ts';
import type { FetchAttribute } from '../../../../src/protocol/imap/index.ts';
import { marksSeen, needsContent, sequenceSetContains } from '../../../../src/protocol/imap/index.ts';
import type { Message } from '../../../../src/store/index.ts';
import { bad, defineCommand, no, ok, type SessionContext } from '../context.ts';
import { fetchItems, formatMetadataFetch, metadataOnly } from '../fetch-items.ts';
import { rowsByUid } from '../message-rows.ts';
import type { SelectedView } from '../selected-view.ts';

/** The attributes to answer: UID FETCH always returns UID, CHANGEDSINCE implies MODSEQ (RFC 7162 §3.1.4.1). */
function attributes(items: readonly FetchAttribute[], uid: boolean, changedSince: boolean): FetchAttribute[] {
  // UID first, as Dovecot and Cyrus answer (the codec appends it for UID FETCH).
  const atts: FetchAttribute[] = items.filter((a) => a.kind !== 'UID');
  if (uid || items.some((a) => a.kind === 'UID')) atts.unshift({ kind: 'UID' });
  if (changedSince && !atts.some((a) => a.kind === 'MODSEQ')) atts.push({ kind: 'MODSEQ' });
  return atts;
}

/** RFC 9051 §6.4.5: BODY[] without PEEK sets \Seen; the new flags are reported in the same FETCH. */
async function markSeen(s: SessionContext, view: SelectedView, rows: Map<number, Message>): Promise<Set<number>> {
  const unseen = [...rows.values()].filter((m) => !m.flags.includes('\\Seen'));
  if (unseen.length === 0) return new Set();
  const reply = await s.ask<SetFlagsReply>({ type: 'set-flags', ids: unseen.map((m) => m.id), mode: 'add', flags: ['\\Seen'] });
  const changed = new Set<number>();
  for (const c of reply.changed) {
    const m = rows.get(c.uid);
    if (m) rows.set(c.uid, { ...m, flags: c.flags, modseq: c.modseq });
    view.noteOwnFlags(c.uid, c.modseq);
    changed.add(c.uid);
  }
  return changed;
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
    const rows = rowsByUid(store, view.folderId, targets.map((t) => t.uid));
    const seenNow = marksSeen(atts) && !st.readOnly && s.can('flag') ? await markSeen(s, view, rows) : new Set<number>();
    const withFlags: FetchAttribute[] = atts.some((a) => a.kind === 'FLAGS') ? atts : [...atts, { kind: 'FLAGS' }];
    const content = needsContent(atts);
    if (seenNow.size === 0 && metadataOnly(atts)) {
      // The bulk flag sync (UID FETCH 1:* (UID FLAGS)): one string for the whole answer.
      const lines: string[] = [];
      for (const t of targets) {
        const m = rows.get(t.uid);
        if (m && (cmd.changedSince === undefined || BigInt(m.modseq) > cmd.changedSince)) lines.push(formatMetadataFetch(t.seq, atts, m));
      }
      s.sendRaw(lines.join(''));
      return ok('FETCH completed');
    }
    for (const t of targets) {
      const m = rows.get(t.uid);
      if (!m) continue;
      if (cmd.changedSince !== undefined && BigInt(m.modseq) <= cmd.changedSince) continue;
      const raw = content ? await store.blobs.get(m.blobHash) : undefined;
      const built = fetchItems(seenNow.has(t.uid) ? withFlags : atts, {
        uid: m.uid,
        flags: m.flags,
        internalDate: { ms: m.internalDate, tzOffsetMinutes: 0 },
        size: m.size,
        modseq: BigInt(m.modseq),
        raw: () => raw ?? new Uint8Array(0),
      });
      // RFC 3516 §4.3: a transfer encoding the server cannot undo for BINARY.
      if (built.kind === 'unknown-cte') return no(`Unknown Content-Transfer-Encoding ${built.encoding}`, { kind: 'UNKNOWN-CTE' });
      s.send({ kind: 'fetch', seq: t.seq, items: built.items });
      await s.flushIfLarge();
    }
    return ok('FETCH completed');
  },
});
