// Full-text index of messages (FTS5, trigram tokenizer): kept in step by the message repository, queried with
// bound parameters only. Terms of 3+ characters use MATCH; shorter ones fall back to LIKE (trigram needs 3).
import type { Db } from './db.ts';
import { InvalidValueError, LimitExceededError } from './errors.ts';
import { MAX_INDEXED_BODY_CHARS, MAX_SEARCH_QUERY_LENGTH } from './limits.ts';
import type { NewMessage } from './message-types.ts';

/** Substring conditions, all of which must hold (RFC 9051 §6.4.4 SEARCH keys are substrings, case-insensitive). */
export interface SearchQuery {
  /** Webmail box: split on white space, every word must appear somewhere. */
  words?: string;
  /** One substring anywhere: subject, sender, recipients, cc or body (IMAP TEXT). */
  text?: string;
  subject?: string;
  from?: string;
  to?: string;
  cc?: string;
  body?: string;
}

export interface SearchHit {
  id: number;
  folderId: number;
  uid: number;
}

type Column = 'subject' | 'sender' | 'recipients' | 'cc' | 'body';
const FIELD_COLUMN: Record<keyof SearchQuery, Column | null> = {
  words: null,
  text: null,
  subject: 'subject',
  from: 'sender',
  to: 'recipients',
  cc: 'cc',
  body: 'body',
};
const ALL_COLUMNS: readonly Column[] = ['subject', 'sender', 'recipients', 'cc', 'body'];
const TRIGRAM = 3;

export function ftsInsert(db: Db, id: number, m: NewMessage): void {
  db.run(
    'INSERT INTO messages_fts (rowid, subject, sender, recipients, cc, body) VALUES (?, ?, ?, ?, ?, ?)',
    id,
    m.subject ?? '',
    m.fromAddr ?? '',
    (m.toAddrs ?? []).join(', '),
    (m.ccAddrs ?? []).join(', '),
    (m.bodyText ?? '').slice(0, MAX_INDEXED_BODY_CHARS),
  );
}

export function ftsCopy(db: Db, fromId: number, toId: number): void {
  db.run(
    `INSERT INTO messages_fts (rowid, subject, sender, recipients, cc, body)
     SELECT ?, subject, sender, recipients, cc, body FROM messages_fts WHERE rowid = ?`,
    toId,
    fromId,
  );
}

export function ftsDelete(db: Db, id: number): void {
  db.run('DELETE FROM messages_fts WHERE rowid = ?', id);
}

/** Message ids matching every condition of q, limited to the mailbox (and to folderIds when given). */
export function searchMessages(db: Db, mailboxId: number, q: SearchQuery, folderIds?: readonly number[]): SearchHit[] {
  const terms = toTerms(q);
  // FTS5's query parser stops at NUL ("unterminated string"); mail text never holds NUL, so such a term matches nothing.
  if (terms.some((t) => t.term.includes('\u0000'))) return [];
  const match: string[] = [];
  const where: string[] = ['m.mailbox_id = ?'];
  const params: (string | number)[] = [mailboxId];
  for (const { column, term } of terms) {
    if ([...term].length >= TRIGRAM) {
      // FTS5 string: wrap in double quotes, double any inner quote; the whole expression is one bound parameter.
      match.push(`${column ? `${column} : ` : ''}"${term.replaceAll('"', '""')}"`);
    } else {
      const cols = column ? [column] : ALL_COLUMNS;
      where.push(`(${cols.map((c) => `f.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      for (let i = 0; i < cols.length; i++) params.push(`%${escapeLike(term)}%`);
    }
  }
  if (match.length > 0) {
    where.push('messages_fts MATCH ?');
    params.push(match.join(' AND '));
  }
  if (folderIds) {
    where.push('m.folder_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(folderIds));
  }
  // The SQL shape depends only on which fields are set and on term lengths (a bounded set): prepare it uncached.
  const sql = `SELECT m.id, m.folder_id, m.uid FROM messages_fts f JOIN messages m ON m.id = f.rowid
               WHERE ${where.join(' AND ')} ORDER BY m.folder_id, m.uid`;
  const stmt = db.raw.prepare<{ id: number; folder_id: number; uid: number }, (string | number)[]>(sql);
  try {
    return stmt.all(...params).map((r) => ({ id: r.id, folderId: r.folder_id, uid: r.uid }));
  } finally {
    stmt.finalize();
  }
}

function toTerms(q: SearchQuery): { column: Column | null; term: string }[] {
  const out: { column: Column | null; term: string }[] = [];
  let total = 0;
  for (const [field, value] of Object.entries(q) as [keyof SearchQuery, string | undefined][]) {
    if (value === undefined) continue;
    if (!(field in FIELD_COLUMN)) throw new InvalidValueError('search field', String(field).slice(0, 20));
    total += value.length;
    if (total > MAX_SEARCH_QUERY_LENGTH) throw new LimitExceededError('MAX_SEARCH_QUERY_LENGTH', MAX_SEARCH_QUERY_LENGTH, total);
    const words = field === 'words' ? value.split(/\s+/) : [value];
    for (const w of words) if (w !== '') out.push({ column: FIELD_COLUMN[field], term: w });
  }
  if (out.length === 0) throw new InvalidValueError('search', 'empty query');
  return out;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
