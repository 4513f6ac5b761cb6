// NAMESPACE (RFC 2342, RFC 9051 §6.3.10): one personal namespace with the "/" delimiter, no shared ones.
import { defineCommand, ok } from '../context.ts';
import { DELIMITER } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const namespace = defineCommand({
  name: 'NAMESPACE',
  states: AUTHENTICATED_STATES,
  handle(_cmd, s) {
    s.send({ kind: 'namespace', personal: [{ prefix: '', delimiter: DELIMITER }], other: [], shared: [] });
    return ok('NAMESPACE completed');
  },
});
