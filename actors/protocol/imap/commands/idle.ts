// IDLE (RFC 2177, RFC 9051 §6.3.13): pending changes go out at once and every later one as it commits, until DONE.
import { defineCommand } from '../context.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const idle = defineCommand({
  name: 'IDLE',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    s.send({ kind: 'continuation', text: 'idling' });
    s.enterIdle(cmd.tag);
    return null; // completed by DONE (the session writes `tag OK IDLE terminated`)
  },
});
