// TOP msg n (RFC 1939 §7): headers, blank line and the first n body lines.
import { encodeTop } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { lookup } from '../state.ts';
import { messageGone } from './read.ts';

export const top = defineCommand({
  name: 'TOP',
  states: ['transaction'],
  needsTls: false,
  async handle(cmd, state, ctx) {
    const found = lookup(state.maildrop, cmd.msg);
    if ('error' in found) return ctx.reply(found.error);
    const raw = await ctx.deps.backend.readMessage(found.entry);
    if (!raw) return ctx.reply(messageGone(cmd.msg));
    await ctx.replyLarge(encodeTop(raw, cmd.lines));
  },
});
