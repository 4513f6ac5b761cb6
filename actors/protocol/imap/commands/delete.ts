// DELETE (RFC 9051 §6.3.5): refused for INBOX and the special folders, and while the folder has subfolders.
import type { FolderDeleteResult } from '../../../../src/store/index.ts';
import { defineCommand, no, ok } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const del = defineCommand({
  name: 'DELETE',
  states: AUTHENTICATED_STATES,
  requires: 'settings',
  async handle(cmd, s) {
    const f = findFolder(s.folders(), cmd.mailbox);
    if (!f) return no('No such mailbox', { kind: 'NONEXISTENT' });
    // seed 000 §2: the four standard folders are part of every casella.
    if (f.folder.specialUse) return no('The standard folders cannot be deleted', { kind: 'CANNOT' });
    // RFC 9051 §6.3.5: a name with inferiors is not removed with them; the client deletes those first.
    if (f.hasChildren) return no('Mailbox has subfolders', { kind: 'HASCHILDREN' });
    await s.ask<FolderDeleteResult>({ type: 'delete-folder', folderId: f.folder.id });
    const st = s.state;
    if (st.kind === 'selected' && st.view.folderId === f.folder.id) {
      s.setState({ kind: 'authenticated', principal: st.principal, mailboxId: st.mailboxId });
      s.send({ kind: 'untagged-status', status: 'OK', code: { kind: 'CLOSED' }, text: 'The selected mailbox was deleted' });
    }
    return ok('DELETE completed');
  },
});
