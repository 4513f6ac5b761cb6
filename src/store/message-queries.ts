// Read side of the message repository: lookups, folder listing, STATUS counters, CONDSTORE/QRESYNC changes, search.
import type { Db } from './db.ts';
import { NotFoundError } from './errors.ts';
import { checkPage } from './limits.ts';
import { decodeFlags, FLAG_SEEN } from './message-flags.ts';
import { searchMessages, type SearchHit, type SearchQuery } from './message-search.ts';
import {
  MESSAGE_COLS,
  toMessage,
  type ChangesSince,
  type FolderStatus,
  type ListSort,
  type Message,
  type MessageRow,
} from './message-types.ts';

// Whitelisted ORDER BY clauses: the sort key never reaches SQL as text from outside.
const ORDER: Record<ListSort, string> = {
  'date-desc': 'internal_date DESC, uid DESC',
  'date-asc': 'internal_date ASC, uid ASC',
  'uid-asc': 'uid ASC',
  'uid-desc': 'uid DESC',
  'subject-asc': 'subject COLLATE NOCASE ASC, uid ASC',
  'subject-desc': 'subject COLLATE NOCASE DESC, uid DESC',
  'from-asc': 'from_addr COLLATE NOCASE ASC, uid ASC',
  'from-desc': 'from_addr COLLATE NOCASE DESC, uid DESC',
  'size-asc': 'size ASC, uid ASC',
  'size-desc': 'size DESC, uid DESC',
};

export class MessageQueries {
  constructor(protected readonly db: Db) {}

  getById(id: number): Message | undefined {
    const r = this.db.get<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE id = ?`, id);
    return r && toMessage(r);
  }

  getByUid(folderId: number, uid: number): Message | undefined {
    const r = this.db.get<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE folder_id = ? AND uid = ?`, folderId, uid);
    return r && toMessage(r);
  }

  /** Every message of one PEC transaction in a mailbox (the envelope and its receipts), oldest first. */
  byPecIdentificativo(mailboxId: number, identificativo: string): Message[] {
    return this.db
      .all<MessageRow>(
        `SELECT ${MESSAGE_COLS} FROM messages WHERE mailbox_id = ? AND pec_identificativo = ? ORDER BY internal_date, id`,
        mailboxId,
        identificativo,
      )
      .map(toMessage);
  }

  /** One page of a folder for the webmail list or IMAP FETCH ranges. */
  listFolder(folderId: number, opts: { offset?: number; limit?: number; sort?: ListSort } = {}): Message[] {
    const { limit, offset } = checkPage(opts.limit, opts.offset);
    const order = ORDER[opts.sort ?? 'date-desc'];
    if (!order) throw new NotFoundError('sort', String(opts.sort));
    return this.db
      .all<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE folder_id = ? ORDER BY ${order} LIMIT ? OFFSET ?`, folderId, limit, offset)
      .map(toMessage);
  }

  /** All UIDs of a folder ascending: IMAP message sequence numbers are positions in this list. */
  uids(folderId: number): number[] {
    return this.db.all<{ uid: number }>('SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid', folderId).map((r) => r.uid);
  }

  /** RFC 9051 §6.3.11 STATUS / §7.3.1 SELECT data. */
  folderStatus(folderId: number): FolderStatus {
    const f = this.db.get<{ uidnext: number; uidvalidity: number; highest_modseq: number }>(
      'SELECT uidnext, uidvalidity, highest_modseq FROM folders WHERE id = ?',
      folderId,
    );
    if (!f) throw new NotFoundError('folder', folderId);
    const c = this.db.get<{ n: number; unseen: number | null; size: number | null }>(
      'SELECT COUNT(*) AS n, SUM((flags & ?) = 0) AS unseen, SUM(size) AS size FROM messages WHERE folder_id = ?',
      FLAG_SEEN,
      folderId,
    )!;
    return {
      exists: c.n,
      unseen: c.unseen ?? 0,
      uidnext: f.uidnext,
      uidvalidity: f.uidvalidity,
      highestModseq: f.highest_modseq,
      size: c.size ?? 0,
    };
  }

  /** RFC 7162 CHANGEDSINCE / QRESYNC: messages changed and UIDs expunged after `modseq`. */
  changedSince(folderId: number, modseq: number): ChangesSince {
    const changed = this.db
      .all<{ id: number; uid: number; modseq: number; flags: number; keywords: string }>(
        'SELECT id, uid, modseq, flags, keywords FROM messages WHERE folder_id = ? AND modseq > ? ORDER BY uid',
        folderId,
        modseq,
      )
      .map((r) => ({ id: r.id, folderId, uid: r.uid, modseq: r.modseq, flags: decodeFlags(r.flags, r.keywords) }));
    const vanished = this.db
      .all<{ uid: number }>('SELECT uid FROM expunged WHERE folder_id = ? AND modseq > ? ORDER BY uid', folderId, modseq)
      .map((r) => r.uid);
    return { changed, vanished };
  }

  /** Full-text search in a mailbox (optionally some folders): hits ordered by folder then UID. */
  search(mailboxId: number, query: string | SearchQuery, folderIds?: readonly number[]): SearchHit[] {
    return searchMessages(this.db, mailboxId, typeof query === 'string' ? { words: query } : query, folderIds);
  }

  /** Rows for a list of ids (unknown ids are skipped), ordered by folder then UID. */
  protected rowsByIds(ids: readonly number[]): MessageRow[] {
    if (ids.length === 0) return [];
    // One statement for any number of ids: the list travels as one bound JSON parameter.
    return this.db.all<MessageRow>(
      `SELECT ${MESSAGE_COLS} FROM messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY folder_id, uid`,
      JSON.stringify(ids),
    );
  }
}
