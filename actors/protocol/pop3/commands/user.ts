// USER name (RFC 1939 §7): remembers the login name for PASS; always accepted, so it never reveals who exists.
import { ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';

export const user = defineCommand({
  name: 'USER',
  states: ['authorization'],
  needsTls: true,
  handle(cmd, _state, ctx) {
    ctx.setState({ kind: 'authorization', pending: { kind: 'user', name: cmd.name } });
    ctx.reply(ok('send PASS'));
  },
});
