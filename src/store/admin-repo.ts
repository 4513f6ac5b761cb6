// The admin console's own rows: the audit trail of administrator actions (who, when, what, on which mailbox), the
// paginated mailbox search of seed 003 "Ricerca" (inizia con / contiene, by state, with a total) and the admin list.
import { Db } from './db.ts';
import { InvalidValueError, NotFoundError } from './errors.ts';
import { checkLength, checkPage, MAX_LOCAL_PART_LENGTH } from './limits.ts';
import type { Store } from './index.ts';
import type { MailboxState } from './mailbox-repo.ts';
import { NoticeRepo } from './notice-repo.ts';
import type { PrincipalKind, PrincipalRef } from './session-repo.ts';

/** What an administrator did; the closed list the console shows and filters on. */
export type AuditAction =
  | 'login'
  | 'login-refused'
  | 'domain-chosen'
  | 'mailbox-created'
  | 'mailbox-updated'
  | 'mailbox-state'
  | 'mailbox-cancelled'
  | 'communication-email'
  | 'reset-sent'
  | 'export'
  | 'domain-created'
  | 'admin-created';

/** Free text kept with an audit row (field changes, export format): bounded so the log cannot be flooded. */
export const MAX_AUDIT_DETAIL_LENGTH = 1_000;

export interface AuditEntry {
  id: number;
  at: number;
  adminId: number;
  adminUsername: string;
  domainId: number | null;
  action: AuditAction;
  mailboxId: number | null;
  mailboxAddress: string | null;
  detail: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface ResetTokenRow {
  tokenHash: string;
  principal: PrincipalRef;
  expiresAt: number;
  usedAt: number | null;
}

export type SearchMode = 'starts' | 'contains';

export interface MailboxSearch {
  text?: string;
  mode?: SearchMode;
  state?: MailboxState;
  offset?: number;
  limit?: number;
}

export interface AdminSummary {
  id: number;
  username: string;
  super: boolean;
  createdAt: number;
  domainIds: number[];
}

type AuditRow = {
  id: number; at: number; admin_id: number; admin_username: string; domain_id: number | null; action: AuditAction;
  mailbox_id: number | null; mailbox_address: string | null; detail: string;
};
const AUDIT_COLS = 'id, at, admin_id, admin_username, domain_id, action, mailbox_id, mailbox_address, detail';
const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id, at: r.at, adminId: r.admin_id, adminUsername: r.admin_username, domainId: r.domain_id, action: r.action,
  mailboxId: r.mailbox_id, mailboxAddress: r.mailbox_address, detail: r.detail,
});

/** LIKE with our own escape character, so a typed % or _ matches literally (seed 003: "anche parziale"). */
function likePattern(text: string, mode: SearchMode): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return mode === 'starts' ? `${escaped}%` : `%${escaped}%`;
}

export class AdminRepo {
  constructor(private readonly db: Db) {}

  record(e: NewAuditEntry): number {
    if (e.detail.length > MAX_AUDIT_DETAIL_LENGTH) e = { ...e, detail: `${e.detail.slice(0, MAX_AUDIT_DETAIL_LENGTH - 1)}…` };
    return this.db.run(
      `INSERT INTO admin_audit (at, admin_id, admin_username, domain_id, action, mailbox_id, mailbox_address, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      e.at, e.adminId, e.adminUsername, e.domainId, e.action, e.mailboxId, e.mailboxAddress, e.detail,
    ).lastInsertRowid;
  }

  /** Newest first; one domain's entries (null: entries with no domain, e.g. super-administrator actions). */
  audit(domainId: number | null, page: { offset?: number; limit?: number } = {}): { rows: AuditEntry[]; total: number } {
    const { limit, offset } = checkPage(page.limit, page.offset);
    const rows = this.db
      .all<AuditRow>(`SELECT ${AUDIT_COLS} FROM admin_audit WHERE domain_id IS ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`, domainId, limit, offset)
      .map(toAudit);
    const total = this.db.get<{ n: number }>('SELECT count(*) AS n FROM admin_audit WHERE domain_id IS ?', domainId)!.n;
    return { rows, total };
  }

  /** seed 003 "Ricerca": ids of one domain's mailboxes whose name starts with / contains the text, by name, and the total. */
  searchMailboxes(domainId: number, q: MailboxSearch = {}): { ids: number[]; total: number } {
    const { limit, offset } = checkPage(q.limit, q.offset);
    const text = (q.text ?? '').trim().toLowerCase();
    checkLength('MAX_LOCAL_PART_LENGTH', MAX_LOCAL_PART_LENGTH, text);
    if (q.state !== undefined && !['attiva', 'disabilitata', 'cancellata'].includes(q.state)) throw new InvalidValueError('state', 'unknown');
    const pattern = likePattern(text, q.mode ?? 'contains');
    const where = "domain_id = ? AND local_part LIKE ? ESCAPE '\\' AND (? IS NULL OR state = ?)";
    const args = [domainId, pattern, q.state ?? null, q.state ?? null] as const;
    const ids = this.db
      .all<{ id: number }>(`SELECT id FROM mailboxes WHERE ${where} ORDER BY local_part LIMIT ? OFFSET ?`, ...args, limit, offset)
      .map((r) => r.id);
    const total = this.db.get<{ n: number }>(`SELECT count(*) AS n FROM mailboxes WHERE ${where}`, ...args)!.n;
    return { ids, total };
  }

  /** seed 003 fig. 11: the mailbox type is directory data the console edits (quota and limits follow the type's table). */
  setMailboxType(mailboxId: number, type: 'A' | 'B' | 'C'): void {
    if (!['A', 'B', 'C'].includes(type)) throw new InvalidValueError('type', 'not A, B or C');
    if (this.db.run('UPDATE mailboxes SET type = ? WHERE id = ?', type, mailboxId).changes === 0) throw new NotFoundError('mailbox', mailboxId);
  }

  /** A reset link's record without consuming it: the page shows the form only for a live link (seed 003 fig. 16). */
  resetToken(tokenHash: string): ResetTokenRow | undefined {
    const r = this.db.get<{ principal_kind: PrincipalKind; principal_id: number; expires_at: number; used_at: number | null }>(
      'SELECT principal_kind, principal_id, expires_at, used_at FROM reset_tokens WHERE token_hash = ?', tokenHash,
    );
    return r && { tokenHash, principal: { kind: r.principal_kind, id: r.principal_id }, expiresAt: r.expires_at, usedAt: r.used_at };
  }

  /** Only the newest link works: issuing one, setting a password or cancelling the mailbox voids the others. */
  revokeResetTokens(principal: PrincipalRef, now: number): number {
    return this.db.run(
      'UPDATE reset_tokens SET used_at = ? WHERE principal_kind = ? AND principal_id = ? AND used_at IS NULL', now, principal.kind, principal.id,
    ).changes;
  }

  /** Every administrator with the domains granted to it (the super-administrator's page). */
  admins(): AdminSummary[] {
    const admins = this.db.all<{ id: number; username: string; super: number; created_at: number }>(
      'SELECT id, username, super, created_at FROM admins ORDER BY username',
    );
    const grants = this.db.all<{ admin_id: number; domain_id: number }>('SELECT admin_id, domain_id FROM admin_domains ORDER BY domain_id');
    return admins.map((a) => ({
      id: a.id,
      username: a.username,
      super: a.super === 1,
      createdAt: a.created_at,
      domainIds: grants.filter((g) => g.admin_id === a.id).map((g) => g.domain_id),
    }));
  }
}

export interface ConsoleRepos {
  readonly admin: AdminRepo;
  readonly notices: NoticeRepo;
}

/** The console's repositories, on the store's own connection (their writes share its transactions). */
export function consoleRepos(store: Store): ConsoleRepos {
  return { admin: store.admin, notices: store.notices };
}
