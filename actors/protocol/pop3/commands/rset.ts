// RSET (RFC 1939 §5): unmarks every message marked deleted.
import { ok } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { liveTotals } from '../state.ts';

export const rset = defineCommand({
  name: 'RSET',
  states: ['transaction'],
  needsTls: false,
  handle(_cmd, state, ctx) {
    state.maildrop.deleted.clear();
    const { count, octets } = liveTotals(state.maildrop);
    ctx.reply(ok(`maildrop has ${count} messages (${octets} octets)`));
  },
});
