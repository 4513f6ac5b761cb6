// SELECT and EXAMINE (RFC 9051 §6.3.2-3) with CONDSTORE (RFC 7162 §3.1.8) and QRESYNC (RFC 7162 §3.2.5).
import type { ImapResponse, QresyncParams } from '../../../../src/protocol/imap/index.ts';
import { sequenceSetContains } from '../../../../src/protocol/imap/index.ts';
import type { Store } from '../../../../src/store/index.ts';
import { bad, defineCommand, no, ok, type CommandOf, type SessionContext } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { folderRows } from '../message-rows.ts';
import { SelectedView } from '../selected-view.ts';
import { AUTHENTICATED_STATES, loggedIn } from '../state.ts';

export const SYSTEM_FLAGS = ['\\Answered', '\\Flagged', '\\Deleted', '\\Seen', '\\Draft'];

/** RFC 9051 §7.1 PERMANENTFLAGS: what this principal may change for good (seed 000 §2.7.8 for collaborators). */
export function permanentFlags(s: SessionContext, readOnly: boolean): string[] {
  if (readOnly || !s.can('flag')) return [];
  const flags = SYSTEM_FLAGS.filter((f) => f !== '\\Deleted' || s.can('delete'));
  return [...flags, '\\*'];
}

function firstUnseen(store: Store, folderId: number): number {
  let seq = 0;
  for (const m of folderRows(store, folderId)) {
    seq++;
    if (!m.flags.includes('\\Seen')) return seq;
  }
  return 0;
}

/** RFC 7162 §3.2.5.2: what changed since the client's last known MODSEQ, for the UIDs it still knows. */
function resync(store: Store, view: SelectedView, q: QresyncParams): ImapResponse[] {
  const out: ImapResponse[] = [];
  const changes = store.messages.changedSince(view.folderId, Number(q.modseq));
  const known = (uid: number) => !q.knownUids || sequenceSetContains(q.knownUids, uid, view.maxUid);
  const vanished = changes.vanished.filter(known);
  if (vanished.length) out.push({ kind: 'vanished', earlier: true, uids: vanished });
  for (const c of changes.changed) {
    const seq = view.seqOf(c.uid);
    if (seq === 0) continue;
    out.push({ kind: 'fetch', seq, items: [{ kind: 'UID', uid: c.uid }, { kind: 'FLAGS', flags: c.flags }, { kind: 'MODSEQ', modseq: BigInt(c.modseq) }] });
  }
  return out;
}

function selectCommand<N extends 'SELECT' | 'EXAMINE'>(name: N) {
  return defineCommand({
    name,
    states: AUTHENTICATED_STATES,
    handle(command, s) {
      const cmd = command as CommandOf<'SELECT' | 'EXAMINE'>; // the same body serves both verbs
      const who = loggedIn(s.state);
      if (!who) return bad('Not logged in');
      if (cmd.qresync && !s.enabled.qresync) return bad('ENABLE QRESYNC first');
      if (s.state.kind === 'selected') {
        // RFC 9051 §6.3.2: the old folder is closed first (without expunge), even if this SELECT fails.
        s.setState({ kind: 'authenticated', ...who });
        s.send({ kind: 'untagged-status', status: 'OK', code: { kind: 'CLOSED' }, text: 'Previous mailbox closed' });
      }
      const f = findFolder(s.folders(), cmd.mailbox);
      if (!f) return no('No such mailbox', { kind: 'NONEXISTENT' });
      if (cmd.condstore) s.enabled.condstore = true;
      const readOnly = name === 'EXAMINE';
      const { store } = s.deps;
      const st = store.messages.folderStatus(f.folder.id);
      const view = new SelectedView(f.folder.id, f.name, st.uidvalidity, store.messages.uids(f.folder.id));
      s.send({ kind: 'flags', flags: SYSTEM_FLAGS });
      s.send({ kind: 'exists', count: view.exists });
      if (!s.enabled.rev2) {
        s.send({ kind: 'recent', count: 0 }); // RFC 3501 §6.3.1 requires it; RFC 9051 dropped \Recent
        const unseen = st.unseen > 0 ? firstUnseen(store, f.folder.id) : 0;
        if (unseen) s.send({ kind: 'untagged-status', status: 'OK', code: { kind: 'UNSEEN', value: unseen }, text: 'First unseen' });
      }
      const status = (code: Extract<ImapResponse, { kind: 'untagged-status' }>['code'], text: string): void =>
        s.send({ kind: 'untagged-status', status: 'OK', ...(code ? { code } : {}), text });
      status({ kind: 'PERMANENTFLAGS', flags: permanentFlags(s, readOnly) }, 'Flags permitted');
      status({ kind: 'UIDVALIDITY', value: st.uidvalidity }, 'UIDs valid');
      status({ kind: 'UIDNEXT', value: st.uidnext }, 'Predicted next UID');
      status({ kind: 'HIGHESTMODSEQ', value: BigInt(st.highestModseq) }, 'Highest');
      if (cmd.qresync && cmd.qresync.uidValidity === st.uidvalidity) for (const r of resync(store, view, cmd.qresync)) s.send(r);
      s.setState({ kind: 'selected', ...who, view, readOnly });
      return ok(`${name} completed`, { kind: readOnly ? 'READ-ONLY' : 'READ-WRITE' });
    },
  });
}

export const select = selectCommand('SELECT');
export const examine = selectCommand('EXAMINE');
