// STAT (RFC 1939 §5): count and octets of the messages not marked deleted.
import { encodeStat } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { liveTotals } from '../state.ts';

export const stat = defineCommand({
  name: 'STAT',
  states: ['transaction'],
  needsTls: false,
  handle(_cmd, state, ctx) {
    const { count, octets } = liveTotals(state.maildrop);
    ctx.reply(encodeStat(count, octets));
  },
});
