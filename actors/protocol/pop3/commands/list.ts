// LIST [msg] (RFC 1939 §5): scan listing of the messages not marked deleted.
import { encodeScanLine, encodeScanList } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { liveEntries, liveTotals, lookup } from '../state.ts';

export const list = defineCommand({
  name: 'LIST',
  states: ['transaction'],
  needsTls: false,
  handle(cmd, state, ctx) {
    const m = state.maildrop;
    if (cmd.msg === null) {
      const entries = liveEntries(m).map(({ msg, entry }) => ({ msg, octets: entry.size }));
      return ctx.reply(encodeScanList(entries, liveTotals(m).octets));
    }
    const found = lookup(m, cmd.msg);
    ctx.reply('error' in found ? found.error : encodeScanLine({ msg: cmd.msg, octets: found.entry.size }));
  },
});
