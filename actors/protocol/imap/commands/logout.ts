// LOGOUT (RFC 9051 §6.1.3): untagged BYE, then the tagged OK, then the server closes the connection.
import { defineCommand, ok } from '../context.ts';
import { ANY_STATE } from '../state.ts';

export const logout = defineCommand({
  name: 'LOGOUT',
  states: ANY_STATE,
  handle(_cmd, s) {
    s.send({ kind: 'untagged-status', status: 'BYE', text: 'Logging out' });
    s.setState({ kind: 'logout' });
    return ok('LOGOUT completed');
  },
});
