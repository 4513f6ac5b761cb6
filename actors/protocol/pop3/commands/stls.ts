// STLS (RFC 2595 §4): TLS on the plaintext port, before login only.
import { err, ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { AUTHORIZATION } from '../state.ts';

export const stls = defineCommand({
  name: 'STLS',
  states: ['authorization'],
  needsTls: false,
  async handle(_cmd, _state, ctx) {
    if (ctx.conn.secure) return ctx.badCommand(err('Already using TLS'));
    // RFC 2595 §4: what the client said before TLS is forgotten, a USER name included.
    ctx.setState(AUTHORIZATION);
    await ctx.startTls(ok('Begin TLS negotiation'));
  },
});
