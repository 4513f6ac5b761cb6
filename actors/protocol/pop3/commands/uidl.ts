// UIDL [msg] (RFC 1939 §7): unique-id listing, `<uidvalidity>.<uid>` of the INBOX.
import { encodeUidLine, encodeUidList } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';
import { liveEntries, lookup } from '../state.ts';

export const uidl = defineCommand({
  name: 'UIDL',
  states: ['transaction'],
  needsTls: false,
  handle(cmd, state, ctx) {
    const m = state.maildrop;
    if (cmd.msg === null) return ctx.reply(encodeUidList(liveEntries(m).map(({ msg, entry }) => ({ msg, uid: entry.uidl }))));
    const found = lookup(m, cmd.msg);
    ctx.reply('error' in found ? found.error : encodeUidLine({ msg: cmd.msg, uid: found.entry.uidl }));
  },
});
