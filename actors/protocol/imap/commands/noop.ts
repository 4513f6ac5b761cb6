// NOOP (RFC 9051 §6.1.2): does nothing; the dispatcher reports pending mailbox changes after it (the classic poll).
import { defineCommand, ok } from '../context.ts';
import { ANY_STATE } from '../state.ts';

export const noop = defineCommand({
  name: 'NOOP',
  states: ANY_STATE,
  handle: () => ok('NOOP completed'),
});
