// RENAME (RFC 9051 §6.3.6): user folders only (INBOX and the special folders keep their names, seed 000 §2).
import type { Folder } from '../../../../src/store/index.ts';
import { defineCommand, no, ok } from '../context.ts';
import { ensurePath } from '../folder-ops.ts';
import { findFolder, splitName } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const rename = defineCommand({
  name: 'RENAME',
  states: AUTHENTICATED_STATES,
  requires: 'settings',
  async handle(cmd, s) {
    const from = findFolder(s.folders(), cmd.from);
    if (!from) return no('No such mailbox', { kind: 'NONEXISTENT' });
    if (from.folder.specialUse) return no('The standard folders cannot be renamed', { kind: 'CANNOT' });
    if (findFolder(s.folders(), cmd.to)) return no('Target mailbox already exists', { kind: 'ALREADYEXISTS' });
    const { parent, leaf } = splitName(cmd.to);
    if (leaf === '') return no('Empty mailbox name', { kind: 'CANNOT' });
    if (parent !== null && (parent === from.name || parent.startsWith(`${from.name}/`))) {
      return no('A mailbox cannot move inside itself', { kind: 'CANNOT' });
    }
    const parentId = await ensurePath(s, parent);
    await s.ask<Folder>({ type: 'rename-folder', folderId: from.folder.id, name: leaf, parentId });
    return ok('RENAME completed');
  },
});
