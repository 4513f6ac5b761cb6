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

/** A message's flag state for FETCH of metadata only (issue 4): no list columns, no JSON parsed per row. */
export interface FlagRow {
  uid: number;
  /** System flags as the stored bitmask (message-flags.ts SYSTEM_FLAGS). */
  bits: number;
  /** Keywords as the stored JSON array text, null when there are none (the common case costs no string). */
  keywords: string | null;
  modseq: number;
  size: number;
}

/** What FETCH needs of a message besides its bytes (issue 4): no list columns, no JSON parsed per row. */
export interface FetchRow extends FlagRow {
  id: number;
  internalDate: number;
  blobHash: string;
}

const FLAG_ROW_COLS = "uid, flags AS bits, NULLIF(keywords, '[]') AS keywords, modseq, size";
const FETCH_ROW_COLS = `id, ${FLAG_ROW_COLS}, internal_date AS internalDate, blob_hash AS blobHash`;

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

  /**
   * The flag state of the folder's messages with fromUid <= uid <= toUid, UID ascending, at most `limit` rows
   * (MAX_PAGE_SIZE): the bulk flag sync `UID FETCH 1:* (UID FLAGS)` pages through it with fromUid = last uid + 1.
   */
  flagRows(folderId: number, fromUid: number, toUid: number, limit: number): FlagRow[] {
    return this.uidRange<FlagRow>(FLAG_ROW_COLS, folderId, fromUid, toUid, limit);
  }

  /** Like flagRows, with the row id, INTERNALDATE and blob hash: FETCH of content (BODY[], ENVELOPE, ...). */
  fetchRows(folderId: number, fromUid: number, toUid: number, limit: number): FetchRow[] {
    return this.uidRange<FetchRow>(FETCH_ROW_COLS, folderId, fromUid, toUid, limit);
  }

  /** Rows of a UID range; one UID is looked up by equality (a BETWEEN scan costs ~4x more for a single row). */
  private uidRange<R>(cols: string, folderId: number, fromUid: number, toUid: number, limit: number): R[] {
    const page = checkPage(limit, 0);
    if (fromUid === toUid) return this.db.all<R>(`SELECT ${cols} FROM messages WHERE folder_id = ? AND uid = ?`, folderId, fromUid);
    return this.db.all<R>(
      `SELECT ${cols} FROM messages WHERE folder_id = ? AND uid BETWEEN ? AND ? ORDER BY uid LIMIT ?`,
      folderId,
      fromUid,
      toUid,
      page.limit,
    );
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
