// Reads the store's message rows for the messages a command names: a few by UID, many by whole-folder pages.
import type { Message, Store } from '../../../src/store/index.ts';
import { SMALL_SET_MESSAGES, STORE_PAGE_SIZE } from './limits.ts';

/** Every message of a folder in UID order, one page at a time. */
export function* folderRows(store: Store, folderId: number): Generator<Message> {
  for (let offset = 0; ; offset += STORE_PAGE_SIZE) {
    const page = store.messages.listFolder(folderId, { sort: 'uid-asc', limit: STORE_PAGE_SIZE, offset });
    yield* page;
    if (page.length < STORE_PAGE_SIZE) return;
  }
}

/**
 * The rows of the given UIDs, by UID. A message expunged by another session since the client last heard of it is
 * simply missing (RFC 9051 §7.5.1 lets the server omit it).
 */
export function rowsByUid(store: Store, folderId: number, uids: readonly number[]): Map<number, Message> {
  const out = new Map<number, Message>();
  if (uids.length <= SMALL_SET_MESSAGES) {
    for (const uid of uids) {
      const m = store.messages.getByUid(folderId, uid);
      if (m) out.set(uid, m);
    }
    return out;
  }
  const wanted = new Set(uids);
  const max = uids.reduce((a, b) => Math.max(a, b), 0);
  for (const m of folderRows(store, folderId)) {
    if (wanted.has(m.uid)) out.set(m.uid, m);
    if (m.uid >= max) break;
  }
  return out;
}
