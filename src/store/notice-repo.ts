// Ordinary-mail notices (reset links, quota, password expiry, communication e-mail changes): the local outbox the
// console shows when no smarthost is configured, the delivery status when one is, and which password-expiry
// reminders were already sent for a given password (seed 003 "Scadenza della password").
import type { Db } from './db.ts';
import { NotFoundError } from './errors.ts';
import { checkPage } from './limits.ts';

export type NoticeKind = 'reset-link' | 'mailbox-created' | 'communication-email' | 'password-expiry' | 'quota';
export type NoticeStatus = 'outbox' | 'sent' | 'failed';

/** A notice body is a short text we generate: anything larger is a bug, not a notice. */
export const MAX_NOTICE_BODY_LENGTH = 20_000;

export interface Notice {
  id: number;
  createdAt: number;
  kind: NoticeKind;
  to: string;
  subject: string;
  body: string;
  mailboxId: number | null;
  domainId: number | null;
  status: NoticeStatus;
  sentAt: number | null;
  error: string | null;
}

export type NewNotice = Pick<Notice, 'kind' | 'to' | 'subject' | 'body' | 'mailboxId' | 'domainId'>;

/** A mailbox whose holder has a password: what the expiry job looks at. */
export interface ExpiryCandidate {
  mailboxId: number;
  address: string;
  domainId: number;
  communicationEmail: string | null;
  passwordChangedAt: number;
}

type Row = {
  id: number; created_at: number; kind: NoticeKind; to_addr: string; subject: string; body: string; mailbox_id: number | null;
  domain_id: number | null; status: NoticeStatus; sent_at: number | null; error: string | null;
};
const COLS = 'id, created_at, kind, to_addr, subject, body, mailbox_id, domain_id, status, sent_at, error';
const toNotice = (r: Row): Notice => ({
  id: r.id, createdAt: r.created_at, kind: r.kind, to: r.to_addr, subject: r.subject, body: r.body, mailboxId: r.mailbox_id,
  domainId: r.domain_id, status: r.status, sentAt: r.sent_at, error: r.error,
});

export class NoticeRepo {
  constructor(private readonly db: Db) {}

  add(n: NewNotice, now: number): Notice {
    const body = n.body.length > MAX_NOTICE_BODY_LENGTH ? n.body.slice(0, MAX_NOTICE_BODY_LENGTH) : n.body;
    const { lastInsertRowid } = this.db.run(
      'INSERT INTO notices (created_at, kind, to_addr, subject, body, mailbox_id, domain_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      now, n.kind, n.to, n.subject, body, n.mailboxId, n.domainId,
    );
    return this.byId(lastInsertRowid)!;
  }

  byId(id: number): Notice | undefined {
    const r = this.db.get<Row>(`SELECT ${COLS} FROM notices WHERE id = ?`, id);
    return r && toNotice(r);
  }

  markSent(id: number, now: number): void {
    if (this.db.run("UPDATE notices SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?", now, id).changes === 0) throw new NotFoundError('notice', id);
  }

  markFailed(id: number, error: string): void {
    if (this.db.run("UPDATE notices SET status = 'failed', error = ? WHERE id = ?", error.slice(0, 500), id).changes === 0) throw new NotFoundError('notice', id);
  }

  /** Newest first, one domain's notices ("Posta in uscita" of the console). */
  list(domainId: number, page: { offset?: number; limit?: number } = {}): { rows: Notice[]; total: number } {
    const { limit, offset } = checkPage(page.limit, page.offset);
    const rows = this.db
      .all<Row>(`SELECT ${COLS} FROM notices WHERE domain_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`, domainId, limit, offset)
      .map(toNotice);
    const total = this.db.get<{ n: number }>('SELECT count(*) AS n FROM notices WHERE domain_id = ?', domainId)!.n;
    return { rows, total };
  }

  /** Active (not cancelled) mailboxes with a holder password, for the daily password-expiry sweep. */
  expiryCandidates(): ExpiryCandidate[] {
    return this.db
      .all<{ id: number; address: string; domain_id: number; communication_email: string | null; password_changed_at: number }>(
        `SELECT m.id, m.address, m.domain_id, m.communication_email, h.password_changed_at
         FROM mailboxes m JOIN holder_credentials h ON h.mailbox_id = m.id
         WHERE m.state <> 'cancellata' ORDER BY m.id`,
      )
      .map((r) => ({ mailboxId: r.id, address: r.address, domainId: r.domain_id, communicationEmail: r.communication_email, passwordChangedAt: r.password_changed_at }));
  }

  /** Keys of the expiry notices already sent for this password (a new password starts with none). */
  expirySent(mailboxId: number, passwordChangedAt: number): Set<string> {
    return new Set(
      this.db
        .all<{ notice_key: string }>('SELECT notice_key FROM password_expiry_notices WHERE mailbox_id = ? AND password_changed_at = ?', mailboxId, passwordChangedAt)
        .map((r) => r.notice_key),
    );
  }

  /** Records a sent reminder; false when it was already recorded (a second run of the same day). */
  markExpirySent(mailboxId: number, passwordChangedAt: number, key: string, now: number): boolean {
    return this.db.run(
      'INSERT OR IGNORE INTO password_expiry_notices (mailbox_id, password_changed_at, notice_key, sent_at) VALUES (?, ?, ?, ?)',
      mailboxId, passwordChangedAt, key, now,
    ).changes > 0;
  }
}
