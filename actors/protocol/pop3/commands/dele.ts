// DELE msg (RFC 1939 §5): marks a message; it leaves the mailbox at QUIT (seed 000 §3.1: POP3 removes it).
import { can } from '../../../../src/auth/permissions.ts';
import { err, ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { lookup } from '../state.ts';

export const dele = defineCommand({
  name: 'DELE',
  states: ['transaction'],
  needsTls: false,
  handle(cmd, state, ctx) {
    // Seed 000 §2.7.8: a "Solo consultazione" collaborator reads but never deletes.
    if (!can(state.principal, 'delete')) return ctx.reply(err('Your collaboration profile does not allow deleting messages'));
    const found = lookup(state.maildrop, cmd.msg);
    if ('error' in found) return ctx.reply(found.error);
    state.maildrop.deleted.add(cmd.msg);
    ctx.reply(ok(`message ${cmd.msg} deleted`));
  },
});
