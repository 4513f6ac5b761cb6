// AUTH mechanism [initial-response] (RFC 5034) with SASL PLAIN (RFC 4616), and its continuation line.
import { decodeSaslPlain } from '../../../../src/auth/sasl-plain.ts';
import { encodeLines, encodeSaslChallenge, err } from '../../../../src/protocol/pop3/encoder.ts';
import type { SaslLine } from '../../../../src/protocol/pop3/decoder.ts';
import { SASL_MECHANISMS } from '../capabilities.ts';
import { defineCommand, type Pop3Context } from '../context.ts';
import { completeLogin } from '../login.ts';
import { AUTHORIZATION } from '../state.ts';

export const auth = defineCommand({
  name: 'AUTH',
  states: ['authorization'],
  needsTls: true,
  async handle(cmd, _state, ctx) {
    // A bare AUTH (sent by some clients to discover mechanisms) gets the list, as RFC 1734 servers did.
    if (cmd.mechanism === null) return ctx.reply(encodeLines({ ok: true, text: 'Supported mechanisms follow' }, SASL_MECHANISMS));
    if (cmd.mechanism !== 'PLAIN') return ctx.reply(err('Unsupported SASL mechanism, use PLAIN'));
    if (cmd.initialResponse === null) {
      // RFC 5034 §4: no initial response, so send an empty challenge and read the response line.
      ctx.setState({ kind: 'authorization', pending: { kind: 'sasl', mechanism: 'PLAIN' } });
      ctx.expectSaslResponse();
      return ctx.reply(encodeSaslChallenge(''));
    }
    await plainLogin(ctx, cmd.initialResponse);
  },
});

/** The line after `+ `: a base64 response or `*` (RFC 5034 §4: the exchange is cancelled with -ERR). */
export async function continueSasl(ctx: Pop3Context, line: SaslLine): Promise<void> {
  const state = ctx.state;
  if (state.kind !== 'authorization' || state.pending?.kind !== 'sasl') return ctx.badCommand(err('No authentication in progress'));
  ctx.setState(AUTHORIZATION);
  if (line.kind === 'cancel') return ctx.reply(err('Authentication cancelled'));
  await plainLogin(ctx, line.base64);
}

async function plainLogin(ctx: Pop3Context, base64: string): Promise<void> {
  const decoded = decodeSaslPlain(base64);
  // RFC 5034 §4: a response the server cannot decode fails the exchange; [AUTH] because it is a credentials problem.
  if (!decoded.ok) return ctx.reply(err(`Invalid PLAIN response (${decoded.reason})`, 'AUTH'));
  await completeLogin(ctx, decoded.credentials.authcid, decoded.credentials.password);
}
