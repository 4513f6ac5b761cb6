// CREATE (RFC 9051 §6.3.4) with CREATE-SPECIAL-USE (RFC 6154 §3): missing superior folders are created too.
import type { Folder, SpecialUse } from '../../../../src/store/index.ts';
import { defineCommand, no, ok } from '../context.ts';
import { CREATABLE_USES, ensurePath } from '../folder-ops.ts';
import { findFolder, splitName } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const create = defineCommand({
  name: 'CREATE',
  states: AUTHENTICATED_STATES,
  requires: 'settings',
  async handle(cmd, s) {
    const { parent, leaf } = splitName(cmd.mailbox);
    if (leaf === '') return no('Empty mailbox name', { kind: 'CANNOT' });
    if (findFolder(s.folders(), cmd.mailbox)) return no('Mailbox already exists', { kind: 'ALREADYEXISTS' });
    if (cmd.specialUse.length > 1 || cmd.specialUse.some((u) => !CREATABLE_USES.has(u))) {
      return no('Unsupported special-use attribute', { kind: 'USEATTR' });
    }
    const use = (cmd.specialUse[0] as SpecialUse | undefined) ?? null;
    if (use && s.folders().some((f) => f.folder.specialUse === use)) return no(`A ${use} mailbox already exists`, { kind: 'USEATTR' });
    const parentId = await ensurePath(s, parent);
    await s.ask<Folder>({ type: 'create-folder', name: leaf, parentId, specialUse: use });
    return ok('CREATE completed');
  },
});
