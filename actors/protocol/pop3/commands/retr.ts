// RETR msg (RFC 1939 §5): the stored bytes, unmodified apart from dot-stuffing (a PEC envelope must stay verifiable).
import { encodeMessage } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { messageGone } from './read.ts';
import { lookup } from '../state.ts';

export const retr = defineCommand({
  name: 'RETR',
  states: ['transaction'],
  needsTls: false,
  async handle(cmd, state, ctx) {
    const found = lookup(state.maildrop, cmd.msg);
    if ('error' in found) return ctx.reply(found.error);
    const raw = await ctx.deps.backend.readMessage(found.entry);
    if (!raw) return ctx.reply(messageGone(cmd.msg));
    state.maildrop.retrieved.add(cmd.msg);
    await ctx.replyLarge(encodeMessage(raw));
  },
});
