// SEARCH / UID SEARCH (RFC 9051 §6.4.4) with ESEARCH return options (RFC 4731) and MODSEQ (RFC 7162 §3.1.5).
import { summarizeSearch, usesModseq } from '../../../../src/protocol/imap/index.ts';
import { bad, defineCommand, ok } from '../context.ts';
import { runSearch } from '../search-exec.ts';

export const search = defineCommand({
  name: 'SEARCH',
  states: ['selected'],
  async handle(cmd, s) {
    const st = s.state;
    if (st.kind !== 'selected') return bad('No mailbox selected');
    const withModseq = usesModseq(cmd.program);
    if (withModseq) s.enabled.condstore = true;
    const matches = await runSearch(s.deps.store, st.mailboxId, st.view, cmd.program);
    const ids = matches.map((m) => (cmd.uid ? m.uid : m.seq));
    const top = withModseq && matches.length ? BigInt(matches.reduce((a, m) => Math.max(a, m.modseq), 0)) : undefined;
    // RFC 9051 §6.4.4: an IMAP4rev2 client always gets ESEARCH; RETURN () means ALL (RFC 4731 §3.1).
    const options = cmd.returnOptions ?? (s.enabled.rev2 ? ['ALL' as const] : undefined);
    if (options === undefined) {
      s.send({ kind: 'search', ids, ...(top !== undefined ? { modseq: top } : {}) });
    } else {
      const summary = summarizeSearch(ids, options.filter((o) => o !== 'SAVE'));
      s.send({ kind: 'esearch', tag: cmd.tag, uid: cmd.uid, ...summary, ...(top !== undefined ? { modseq: top } : {}) });
    }
    return ok('SEARCH completed');
  },
});
