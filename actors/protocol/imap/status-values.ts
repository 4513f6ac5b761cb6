// STATUS data items of a folder (RFC 9051 §6.3.11, RFC 8438 SIZE, RFC 7162 HIGHESTMODSEQ, RFC 7889 APPENDLIMIT).
import type { StatusItem, StatusValues } from '../../../src/protocol/imap/index.ts';
import type { Store } from '../../../src/store/index.ts';
import { MAX_APPEND_BYTES } from './limits.ts';
import { folderRows } from './message-rows.ts';

export function statusValues(store: Store, folderId: number, items: readonly StatusItem[]): StatusValues {
  const st = store.messages.folderStatus(folderId);
  const out: StatusValues = {};
  for (const item of items) {
    switch (item) {
      case 'MESSAGES':
        out.MESSAGES = st.exists;
        break;
      case 'UIDNEXT':
        out.UIDNEXT = st.uidnext;
        break;
      case 'UIDVALIDITY':
        out.UIDVALIDITY = st.uidvalidity;
        break;
      case 'UNSEEN':
        out.UNSEEN = st.unseen;
        break;
      case 'SIZE':
        out.SIZE = st.size;
        break;
      case 'HIGHESTMODSEQ':
        out.HIGHESTMODSEQ = BigInt(st.highestModseq);
        break;
      case 'RECENT':
        // \Recent is per session and gone in IMAP4rev2; no session here ever sees a message first.
        out.RECENT = 0;
        break;
      case 'APPENDLIMIT':
        out.APPENDLIMIT = MAX_APPEND_BYTES;
        break;
      case 'DELETED': {
        let n = 0;
        for (const m of folderRows(store, folderId)) if (m.flags.includes('\\Deleted')) n++;
        out.DELETED = n;
        break;
      }
    }
  }
  return out;
}
