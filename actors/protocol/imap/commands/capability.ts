// CAPABILITY (RFC 9051 §6.1.1): the list depends on TLS and on login (LOGINDISABLED before TLS, RFC 9051 §6.2.3).
import { defineCommand, ok } from '../context.ts';
import { ANY_STATE } from '../state.ts';

export const capability = defineCommand({
  name: 'CAPABILITY',
  states: ANY_STATE,
  handle(_cmd, s) {
    s.send({ kind: 'capability', capabilities: s.capabilities() });
    return ok('Capability completed');
  },
});
