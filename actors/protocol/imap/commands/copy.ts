// COPY / UID COPY (RFC 9051 §6.4.7) and MOVE / UID MOVE (RFC 6851) with COPYUID (RFC 4315 §3).
import type { MoveReply } from '../../../mailbox/messages.ts';
import type { SequenceSet } from '../../../../src/protocol/imap/index.ts';
import { bad, defineCommand, no, ok, type Completion, type SessionContext } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { rowsByUid } from '../message-rows.ts';

async function relocate(s: SessionContext, kind: 'copy' | 'move', set: SequenceSet, uid: boolean, mailbox: string): Promise<Completion> {
  const st = s.state;
  if (st.kind !== 'selected') return bad('No mailbox selected');
  const { view } = st;
  if (!uid && view.seqOutOfRange(set)) return bad('Invalid message sequence number');
  const dest = findFolder(s.folders(), mailbox);
  // RFC 9051 §6.4.7: TRYCREATE tells the client it may CREATE the target and retry.
  if (!dest) return no('No such mailbox', { kind: 'TRYCREATE' });
  const targets = view.resolve(set, uid);
  const rows = rowsByUid(s.deps.store, view.folderId, targets.map((t) => t.uid));
  const ids = targets.flatMap((t) => {
    const m = rows.get(t.uid);
    return m ? [m.id] : [];
  });
  if (ids.length === 0) return ok(`${kind.toUpperCase()} completed, no messages`);
  const moved = await s.ask<MoveReply>({ type: kind, ids, toFolderId: dest.folder.id });
  const code = {
    kind: 'COPYUID' as const,
    uidValidity: dest.folder.uidvalidity,
    source: moved.map((r) => r.fromUid),
    dest: moved.map((r) => r.uid),
  };
  if (kind === 'copy') return ok('COPY completed', code);
  // RFC 6851 §4.3: COPYUID goes in an untagged OK before the EXPUNGE (or VANISHED) responses.
  s.send({ kind: 'untagged-status', status: 'OK', code, text: 'Moved' });
  for (const r of view.expungeOwn(code.source, s.enabled.qresync)) s.send(r);
  return ok('MOVE completed');
}

export const copy = defineCommand({
  name: 'COPY',
  states: ['selected'],
  requires: 'move',
  handle: (cmd, s) => relocate(s, 'copy', cmd.set, cmd.uid, cmd.mailbox),
});

export const move = defineCommand({
  name: 'MOVE',
  states: ['selected'],
  requires: 'move',
  writesSelected: true,
  handle: (cmd, s) => relocate(s, 'move', cmd.set, cmd.uid, cmd.mailbox),
});
