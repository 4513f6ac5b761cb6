// CAPA (RFC 2449 §5): the capability list of the current state and protection.
import { encodeCapabilities } from '../capabilities.ts';
import { defineCommand } from '../context.ts';

export const capa = defineCommand({
  name: 'CAPA',
  states: ['authorization', 'transaction'],
  needsTls: false,
  handle(_cmd, state, ctx) {
    ctx.reply(encodeCapabilities(state.kind, ctx.conn.secure, ctx.deps.implementation));
  },
});
