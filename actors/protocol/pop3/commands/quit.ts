// QUIT (RFC 1939 §4, §6): in TRANSACTION enters UPDATE and removes the marked messages through the mailbox actor.
import { err, ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand, type Pop3Context } from '../context.ts';
import type { StateOf } from '../state.ts';

export const quit = defineCommand({
  name: 'QUIT',
  states: ['authorization', 'transaction'],
  needsTls: false,
  async handle(_cmd, state, ctx) {
    if (state.kind === 'authorization') {
      ctx.reply(ok('bye'));
      return ctx.close();
    }
    await update(ctx, state);
    ctx.close();
  },
});

async function update(ctx: Pop3Context, state: StateOf<'transaction'>): Promise<void> {
  const { principal, maildrop } = state;
  ctx.setState({ kind: 'update', principal, maildrop });
  const idsOf = (msgs: Iterable<number>) => [...msgs].map((n) => maildrop.entries[n - 1]!.id);
  const seen = [...maildrop.retrieved].filter((n) => !maildrop.deleted.has(n));
  if (seen.length > 0) ctx.deps.backend.markSeen(principal, idsOf(seen));
  if (maildrop.deleted.size === 0) return ctx.reply(ok('bye'));
  try {
    const removed = await ctx.deps.backend.expunge(principal, maildrop.folderId, idsOf(maildrop.deleted));
    ctx.reply(ok(`bye (${removed} messages deleted)`));
  } catch {
    // RFC 1939 §6: "-ERR some deleted messages not removed"; [SYS/TEMP]: the client may retry in a new session.
    ctx.reply(err('Some deleted messages not removed', 'SYS/TEMP'));
  }
}
