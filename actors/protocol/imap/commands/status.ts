// STATUS (RFC 9051 §6.3.11): counters of any folder without selecting it.
import { defineCommand, no, ok } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { statusValues } from '../status-values.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const status = defineCommand({
  name: 'STATUS',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    const f = findFolder(s.folders(), cmd.mailbox);
    if (!f) return no('No such mailbox', { kind: 'NONEXISTENT' });
    s.send({ kind: 'status', mailbox: f.name, values: statusValues(s.deps.store, f.folder.id, cmd.items) });
    return ok('STATUS completed');
  },
});
