// NOOP (RFC 1939 §5).
import { ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';

export const noop = defineCommand({
  name: 'NOOP',
  states: ['transaction'],
  needsTls: false,
  handle(_cmd, _state, ctx) {
    ctx.reply(ok(''));
  },
});
