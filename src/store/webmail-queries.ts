// Read queries of the webmail that the IMAP-shaped message repository does not offer: per-folder totals and
// unread counts for the tree, and the §2.4 search (one phrase in one field, folders, dates) paged and sorted.
import type { Db } from './db.ts';
import { InvalidValueError, LimitExceededError } from './errors.ts';
import { MAX_PAGE_SIZE, MAX_SEARCH_QUERY_LENGTH } from './limits.ts';
import { FLAG_SEEN } from './message-flags.ts';
import { MESSAGE_COLS, toMessage, type Message, type MessageRow } from './message-types.ts';

export interface FolderCount {
  total: number;
  unread: number;
}

/** seed 000 §2.4: "oggetto, mittente, destinatario, cc, body o intero messaggio". */
export type SearchColumn = 'subject' | 'sender' | 'recipients' | 'cc' | 'body' | 'all';

export interface WebmailSearch {
  mailboxId: number;
  phrase: string;
  column: SearchColumn;
  /** Restrict to these folders; undefined = every folder of the mailbox. */
  folderIds?: readonly number[];
  /** internal_date bounds, ms, inclusive start / exclusive end. */
  since?: number;
  before?: number;
}

const TRIGRAM = 3;
const COLUMNS = ['subject', 'sender', 'recipients', 'cc', 'body'] as const;

function whereOf(q: WebmailSearch): { sql: string; params: (string | number)[] } {
  const phrase = q.phrase.trim();
  if (phrase === '') throw new InvalidValueError('search', 'empty phrase');
  if (phrase.length > MAX_SEARCH_QUERY_LENGTH) throw new LimitExceededError('MAX_SEARCH_QUERY_LENGTH', MAX_SEARCH_QUERY_LENGTH, phrase.length);
  if (q.column !== 'all' && !(COLUMNS as readonly string[]).includes(q.column)) throw new InvalidValueError('search column', 'unknown');
  const where = ['m.mailbox_id = ?'];
  const params: (string | number)[] = [q.mailboxId];
  if (phrase.includes('\u0000')) {
    where.push('0');
  } else if ([...phrase].length >= TRIGRAM) {
    // One FTS5 phrase (trigram: a substring match), the expression a single bound parameter.
    const quoted = `"${phrase.replaceAll('"', '""')}"`;
    where.push('m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)');
    params.push(q.column === 'all' ? quoted : `${q.column} : ${quoted}`);
  } else {
    const cols = q.column === 'all' ? COLUMNS : [q.column];
    const like = `%${phrase.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`m.id IN (SELECT rowid FROM messages_fts WHERE ${cols.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < cols.length; i++) params.push(like);
  }
  if (q.folderIds) {
    where.push('m.folder_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.folderIds));
  }
  if (q.since !== undefined) (where.push('m.internal_date >= ?'), params.push(q.since));
  if (q.before !== undefined) (where.push('m.internal_date < ?'), params.push(q.before));
  return { sql: where.join(' AND '), params };
}

export class WebmailQueries {
  constructor(private readonly db: Db) {}

  /** Totals and unread per folder of a mailbox, by folder id (a folder without messages is absent). */
  folderCounts(folderIds: readonly number[]): Map<number, FolderCount> {
    const out = new Map<number, FolderCount>();
    for (const id of folderIds) {
      const total = this.db.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE folder_id = ?', id)!.n;
      const unread = this.db.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE folder_id = ? AND (flags & 1) = 0', id)!.n;
      out.set(id, { total, unread });
    }
    return out;
  }

  /** One page of hits, newest first, and the total. */
  search(q: WebmailSearch, offset: number, limit: number): { rows: Message[]; total: number } {
    if (limit < 1 || limit > MAX_PAGE_SIZE || offset < 0) throw new InvalidValueError('page', 'out of range');
    const w = whereOf(q);
    const sql = `SELECT ${MESSAGE_COLS.split(', ').map((c) => `m.${c}`).join(', ')} FROM messages m WHERE ${w.sql}
                 ORDER BY m.internal_date DESC, m.id DESC LIMIT ? OFFSET ?`;
    const rows = this.adHoc<MessageRow>(sql, [...w.params, limit, offset]).map(toMessage);
    const total = this.adHoc<{ n: number }>(`SELECT count(*) AS n FROM messages m WHERE ${w.sql}`, w.params)[0]?.n ?? 0;
    return { rows, total };
  }

  /** Every hit's id and whether it is unread: "seleziona tutti (tutte le pagine)" / "solo non letti". */
  searchIds(q: WebmailSearch): { id: number; unread: boolean }[] {
    const w = whereOf(q);
    return this.adHoc<{ id: number; flags: number }>(`SELECT m.id, m.flags FROM messages m WHERE ${w.sql} ORDER BY m.internal_date DESC, m.id DESC`, w.params).map(
      (r) => ({ id: r.id, unread: (r.flags & FLAG_SEEN) === 0 }),
    );
  }

  // The SQL shape depends only on the column and the phrase length (a bounded set): prepared uncached.
  private adHoc<R>(sql: string, params: (string | number)[]): R[] {
    const st = this.db.raw.prepare<R, (string | number)[]>(sql);
    try {
      return st.all(...params);
    } finally {
      st.finalize();
    }
  }
}
