// STORE / UID STORE (RFC 9051 §6.4.6) with UNCHANGEDSINCE and MODIFIED (RFC 7162 §3.1.3). \Deleted needs the
// delete permission, other flags the flag permission (seed 000 §2.7.8, src/auth/permissions.ts).
import type { SetFlagsReply } from '../../../mailbox/messages.ts';
import type { FetchItem } from '../../../../src/protocol/imap/index.ts';
import { bad, defineCommand, no, ok } from '../context.ts';
import { rowsByUid } from '../message-rows.ts';

export const store = defineCommand({
  name: 'STORE',
  states: ['selected'],
  writesSelected: true,
  async handle(cmd, s) {
    const st = s.state;
    if (st.kind !== 'selected') return bad('No mailbox selected');
    const { view } = st;
    if (!cmd.uid && view.seqOutOfRange(cmd.set)) return bad('Invalid message sequence number');
    // RFC 9051 §2.3.2: \Recent cannot be changed by a client; it is dropped, not refused.
    const flags = cmd.flags.filter((f) => f !== '\\Recent');
    if (cmd.unchangedSince !== undefined) s.enabled.condstore = true;
    const targets = view.resolve(cmd.set, cmd.uid);
    const rows = rowsByUid(s.deps.store, view.folderId, targets.map((t) => t.uid));
    // A replace without \Deleted clears it where it is set: that is a deletion decision too.
    const touchesDeleted =
      flags.includes('\\Deleted') || (cmd.op === 'replace' && [...rows.values()].some((m) => m.flags.includes('\\Deleted')));
    if (touchesDeleted && !s.can('delete')) return no('Your profile cannot delete messages', { kind: 'NOPERM' });
    if (flags.some((f) => f !== '\\Deleted') && !s.can('flag')) return no('Your profile cannot change flags', { kind: 'NOPERM' });
    const ids = [...rows.values()].map((m) => m.id);
    const reply: SetFlagsReply = ids.length
      ? await s.ask<SetFlagsReply>({
          type: 'set-flags',
          ids,
          mode: cmd.op,
          flags,
          ...(cmd.unchangedSince !== undefined ? { unchangedSince: Number(cmd.unchangedSince) } : {}),
        })
      : { changed: [], modified: [] };
    const changed = new Map(reply.changed.map((c) => [c.id, c]));
    const modified = new Set(reply.modified);
    for (const c of reply.changed) view.noteOwnFlags(c.uid, c.modseq);
    const failed: number[] = [];
    for (const t of targets) {
      const m = rows.get(t.uid);
      if (!m) continue;
      if (modified.has(m.id)) {
        failed.push(cmd.uid ? t.uid : t.seq);
        continue;
      }
      const c = changed.get(m.id);
      // .SILENT: no FETCH, except the new MODSEQ a CONDSTORE client needs (RFC 7162 §3.1.3).
      if (cmd.silent && !(c && s.enabled.condstore)) continue;
      const items: FetchItem[] = [];
      if (cmd.uid) items.push({ kind: 'UID', uid: t.uid });
      if (!cmd.silent) items.push({ kind: 'FLAGS', flags: c ? c.flags : m.flags });
      if (s.enabled.condstore) items.push({ kind: 'MODSEQ', modseq: BigInt(c ? c.modseq : m.modseq) });
      s.send({ kind: 'fetch', seq: t.seq, items });
    }
    if (failed.length) return ok('Conditional STORE failed for some messages', { kind: 'MODIFIED', set: failed });
    return ok('STORE completed');
  },
});
