// PASS password (RFC 1939 §7): completes a USER login through the Authenticator.
import { err } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { completeLogin } from '../login.ts';

export const pass = defineCommand({
  name: 'PASS',
  states: ['authorization'],
  needsTls: true,
  async handle(cmd, state, ctx) {
    if (state.pending?.kind !== 'user') return ctx.badCommand(err('USER first'));
    await completeLogin(ctx, state.pending.name, cmd.password);
  },
});
