// EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): removes \Deleted messages through the mailbox actor.
import type { ExpungeReply } from '../../../mailbox/messages.ts';
import { bad, defineCommand, ok } from '../context.ts';
import { rowsByUid } from '../message-rows.ts';

export const expunge = defineCommand({
  name: 'EXPUNGE',
  states: ['selected'],
  requires: 'delete',
  writesSelected: true,
  async handle(cmd, s) {
    const st = s.state;
    if (st.kind !== 'selected') return bad('No mailbox selected');
    const { view } = st;
    let reply: ExpungeReply;
    if (cmd.uid) {
      // Only the named messages that carry \Deleted (RFC 4315 §2.1).
      const targets = view.resolve(cmd.set, true);
      const rows = rowsByUid(s.deps.store, view.folderId, targets.map((t) => t.uid));
      const ids = [...rows.values()].filter((m) => m.flags.includes('\\Deleted')).map((m) => m.id);
      if (ids.length === 0) return ok('EXPUNGE completed');
      reply = await s.ask<ExpungeReply>({ type: 'expunge', folderId: view.folderId, ids });
    } else {
      reply = await s.ask<ExpungeReply>({ type: 'expunge', folderId: view.folderId });
    }
    for (const r of view.expungeOwn(reply.uids, s.enabled.qresync)) s.send(r);
    return ok('EXPUNGE completed');
  },
});
