// CLOSE (RFC 9051 §6.4.1): expunges \Deleted messages silently (not on EXAMINE, nor without the delete permission),
// then leaves the folder.
import type { ExpungeReply } from '../../../mailbox/messages.ts';
import { defineCommand, ok } from '../context.ts';

export const close = defineCommand({
  name: 'CLOSE',
  states: ['selected'],
  async handle(_cmd, s) {
    const st = s.state;
    if (st.kind !== 'selected') return ok();
    // Solo consultazione (seed 000 §2.7.8) cannot delete: CLOSE then behaves like UNSELECT, as on a read-only folder.
    if (!st.readOnly && s.can('delete')) await s.ask<ExpungeReply>({ type: 'expunge', folderId: st.view.folderId });
    s.setState({ kind: 'authenticated', principal: st.principal, mailboxId: st.mailboxId });
    return ok('CLOSE completed');
  },
});
