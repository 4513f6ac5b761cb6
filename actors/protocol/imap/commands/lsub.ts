// LSUB (RFC 3501 §6.3.9, deprecated by RFC 9051 but used by older clients): the subscribed folders.
import { bad, defineCommand, ok } from '../context.ts';
import { DELIMITER, listMatches } from '../mailbox-names.ts';
import { MAX_LIST_PATTERN_LENGTH } from '../limits.ts';
import { AUTHENTICATED_STATES } from '../state.ts';
import { listResponse } from './list.ts';

export const lsub = defineCommand({
  name: 'LSUB',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    if (cmd.pattern.length + cmd.reference.length > MAX_LIST_PATTERN_LENGTH) return bad('Pattern too long', { kind: 'LIMIT' });
    if (cmd.pattern === '') {
      s.send({ kind: 'lsub', attributes: ['\\Noselect'], delimiter: DELIMITER, mailbox: '' });
      return ok('LSUB completed');
    }
    for (const f of s.folders()) {
      if (f.folder.subscribed && listMatches(cmd.reference, cmd.pattern, f.name)) s.send(listResponse('lsub', f, false));
    }
    return ok('LSUB completed');
  },
});
