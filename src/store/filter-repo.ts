// Message filters of a casella: conditions on sender, subject and kind of PEC message (all must hold) and the
// actions move-to-folder / mark-as-read, applied in order by the mailbox actor at delivery. Pure matching in
// `matchFilters`; SQL in the repository.
import type { Db } from './db.ts';
import { InvalidValueError, LimitExceededError, NotFoundError } from './errors.ts';
import { checkLength, checkName } from './limits.ts';

export const MAX_FILTERS_PER_MAILBOX = 100;
export const MAX_FILTER_NAME_LENGTH = 100;
export const MAX_FILTER_TERM_LENGTH = 200;

/** X-Ricevuta / X-Trasporto values (RFC 6109 App. A) plus anomalia; the kind stored on messages.pec_kind. */
export const FILTER_PEC_KINDS = [
  'posta-certificata', 'anomalia', 'accettazione', 'non-accettazione', 'presa-in-carico', 'avvenuta-consegna',
  'errore-consegna', 'preavviso-errore-consegna', 'rilevazione-virus',
] as const;

export interface FilterInput {
  name: string;
  senderContains?: string | null;
  subjectContains?: string | null;
  pecKind?: string | null;
  moveToFolderId?: number | null;
  markRead: boolean;
}

export interface MailFilter {
  id: number;
  mailboxId: number;
  name: string;
  senderContains: string | null;
  subjectContains: string | null;
  pecKind: string | null;
  moveToFolderId: number | null;
  markRead: boolean;
}

/** What a delivered message is matched on. */
export interface FilterSubject {
  from: string | null;
  subject: string | null;
  pecKind: string | null;
}

export interface FilterOutcome {
  moveToFolderId: number | null;
  markRead: boolean;
}

const contains = (hay: string | null, needle: string | null) => needle === null || (hay ?? '').toLowerCase().includes(needle.toLowerCase());

/**
 * Every filter whose conditions all hold contributes its actions, in order: the first one with a folder decides
 * the folder (like Sieve's first fileinto winning, RFC 5228 §4.1), any one may mark the message as read.
 */
export function matchFilters(filters: readonly MailFilter[], m: FilterSubject): FilterOutcome {
  const out: FilterOutcome = { moveToFolderId: null, markRead: false };
  for (const f of filters) {
    if (!contains(m.from, f.senderContains) || !contains(m.subject, f.subjectContains)) continue;
    if (f.pecKind !== null && f.pecKind !== m.pecKind) continue;
    if (out.moveToFolderId === null && f.moveToFolderId !== null) out.moveToFolderId = f.moveToFolderId;
    if (f.markRead) out.markRead = true;
  }
  return out;
}

interface Row {
  id: number;
  mailbox_id: number;
  name: string;
  sender_contains: string | null;
  subject_contains: string | null;
  pec_kind: string | null;
  move_to_folder_id: number | null;
  mark_read: number;
}

const toFilter = (r: Row): MailFilter => ({
  id: r.id,
  mailboxId: r.mailbox_id,
  name: r.name,
  senderContains: r.sender_contains,
  subjectContains: r.subject_contains,
  pecKind: r.pec_kind,
  moveToFolderId: r.move_to_folder_id,
  markRead: r.mark_read === 1,
});

function term(v: string | null | undefined): string | null {
  if (v === undefined || v === null || v.trim() === '') return null;
  checkLength('MAX_FILTER_TERM_LENGTH', MAX_FILTER_TERM_LENGTH, v);
  return v.trim();
}

export class FilterRepo {
  constructor(private readonly db: Db) {}

  list(mailboxId: number): MailFilter[] {
    return this.db
      .all<Row>(
        `SELECT id, mailbox_id, name, sender_contains, subject_contains, pec_kind, move_to_folder_id, mark_read
         FROM mail_filters WHERE mailbox_id = ? ORDER BY position, id`,
        mailboxId,
      )
      .map(toFilter);
  }

  create(mailboxId: number, f: FilterInput, now: number): MailFilter {
    const name = checkName('filter name', 'MAX_FILTER_NAME_LENGTH', MAX_FILTER_NAME_LENGTH, f.name).trim();
    const sender = term(f.senderContains);
    const subject = term(f.subjectContains);
    const kind = f.pecKind ? f.pecKind : null;
    if (kind !== null && !(FILTER_PEC_KINDS as readonly string[]).includes(kind)) throw new InvalidValueError('pecKind', 'unknown');
    if (sender === null && subject === null && kind === null) throw new InvalidValueError('conditions', 'none given');
    if ((f.moveToFolderId ?? null) === null && !f.markRead) throw new InvalidValueError('actions', 'none given');
    return this.db.savepoint(() => {
      if (f.moveToFolderId != null) {
        const owner = this.db.get<{ mailbox_id: number }>('SELECT mailbox_id FROM folders WHERE id = ?', f.moveToFolderId);
        if (!owner || owner.mailbox_id !== mailboxId) throw new NotFoundError('folder', f.moveToFolderId);
      }
      const n = this.db.get<{ n: number; last: number | null }>('SELECT count(*) AS n, max(position) AS last FROM mail_filters WHERE mailbox_id = ?', mailboxId)!;
      if (n.n >= MAX_FILTERS_PER_MAILBOX) throw new LimitExceededError('MAX_FILTERS_PER_MAILBOX', MAX_FILTERS_PER_MAILBOX, n.n + 1);
      const { lastInsertRowid } = this.db.run(
        `INSERT INTO mail_filters (mailbox_id, name, sender_contains, subject_contains, pec_kind, move_to_folder_id, mark_read, position, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        mailboxId, name, sender, subject, kind, f.moveToFolderId ?? null, f.markRead ? 1 : 0, (n.last ?? 0) + 1, now,
      );
      return this.list(mailboxId).find((x) => x.id === lastInsertRowid)!;
    });
  }

  delete(mailboxId: number, id: number): boolean {
    return this.db.run('DELETE FROM mail_filters WHERE id = ? AND mailbox_id = ?', id, mailboxId).changes > 0;
  }
}
