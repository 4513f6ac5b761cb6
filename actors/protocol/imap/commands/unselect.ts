// UNSELECT (RFC 3691, RFC 9051 §6.4.2): leaves the folder without expunging anything.
import { defineCommand, ok } from '../context.ts';

export const unselect = defineCommand({
  name: 'UNSELECT',
  states: ['selected'],
  handle(_cmd, s) {
    if (s.state.kind !== 'selected') return ok();
    s.setState({ kind: 'authenticated', principal: s.state.principal, mailboxId: s.state.mailboxId });
    return ok('UNSELECT completed');
  },
});
