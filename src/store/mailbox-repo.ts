// Mailboxes (caselle PEC): address, state, type, quota and soft limit, conservazione flag, used bytes; names of
// cancelled mailboxes stay locked forever.
import { defaultSoftLimit, MAILBOX_TYPES, type MailboxTypeCode } from '../config/mailbox-types.ts';
import type { Db } from './db.ts';
import { ConflictError, InvalidValueError, MailboxNameLockedError, NotFoundError } from './errors.ts';
import type { FolderRepo } from './folder-repo.ts';
import { checkLength, checkPage, MAX_LOCAL_PART_LENGTH, normalizeAddress, normalizeLocalPart } from './limits.ts';
import type { MessageRepo } from './message-repo.ts';
import { SERVICE_LOCAL_PART } from './provider-repo.ts';

export type MailboxState = 'attiva' | 'disabilitata' | 'cancellata';

export interface Mailbox {
  id: number;
  address: string;
  localPart: string;
  domainId: number;
  state: MailboxState;
  type: MailboxTypeCode;
  communicationEmail: string | null;
  quotaBytes: number;
  softLimitBytes: number;
  /** seed 003: true when an administrator set the soft limit by hand (it no longer follows the quota). */
  softLimitManual: boolean;
  conservazione: boolean;
  usedBytes: number;
  createdAt: number;
  cancelledAt: number | null;
}

export interface NewMailbox {
  localPart: string;
  domainId: number;
  type: MailboxTypeCode;
  communicationEmail?: string | null;
  conservazione?: boolean;
  /** Defaults to the type's inbox size (seed 001 §1.4). */
  quotaBytes?: number;
}

interface Row {
  id: number;
  address: string;
  local_part: string;
  domain_id: number;
  state: MailboxState;
  type: MailboxTypeCode;
  communication_email: string | null;
  quota_bytes: number;
  soft_limit_bytes: number;
  soft_limit_manual: number;
  conservazione: number;
  used_bytes: number;
  created_at: number;
  cancelled_at: number | null;
}
const COLS =
  'id, address, local_part, domain_id, state, type, communication_email, quota_bytes, soft_limit_bytes, ' +
  'soft_limit_manual, conservazione, used_bytes, created_at, cancelled_at';
const toMailbox = (r: Row): Mailbox => ({
  id: r.id,
  address: r.address,
  localPart: r.local_part,
  domainId: r.domain_id,
  state: r.state,
  type: r.type,
  communicationEmail: r.communication_email,
  quotaBytes: r.quota_bytes,
  softLimitBytes: r.soft_limit_bytes,
  softLimitManual: r.soft_limit_manual === 1,
  conservazione: r.conservazione === 1,
  usedBytes: r.used_bytes,
  createdAt: r.created_at,
  cancelledAt: r.cancelled_at,
});

export class MailboxRepo {
  constructor(
    private readonly db: Db,
    private readonly folders: FolderRepo,
    private readonly messages: MessageRepo,
  ) {}

  /** seed 003 "Creare una casella": the mailbox and its standard folders, in one savepoint. */
  create(m: NewMailbox, now: number): Mailbox {
    const local = normalizeLocalPart(m.localPart);
    // SPEC §0 D12: the service address sends the notices; nobody may own it as a mailbox.
    if (local === SERVICE_LOCAL_PART) throw new InvalidValueError('local part', 'reserved for the service address');
    const type = MAILBOX_TYPES[m.type];
    if (!type) throw new InvalidValueError('type', 'not A, B or C');
    const quota = m.quotaBytes ?? type.inboxBytes;
    checkBytes('quotaBytes', quota);
    const email = m.communicationEmail ? normalizeAddress(m.communicationEmail) : null;
    return this.db.savepoint(() => {
      const domain = this.db.get<{ name: string }>('SELECT name FROM domains WHERE id = ?', m.domainId);
      if (!domain) throw new NotFoundError('domain', m.domainId);
      const address = `${local}@${domain.name}`;
      const existing = this.byAddress(address);
      if (existing?.state === 'cancellata') throw new MailboxNameLockedError(address);
      if (existing) throw new ConflictError('mailbox', address);
      const { lastInsertRowid: id } = this.db.run(
        `INSERT INTO mailboxes (address, local_part, domain_id, type, communication_email, quota_bytes, soft_limit_bytes,
           conservazione, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        address, local, m.domainId, m.type, email, quota, defaultSoftLimit(quota), m.conservazione ? 1 : 0, now,
      );
      this.folders.createStandard(id, now);
      return this.require(id);
    });
  }

  byId(id: number): Mailbox | undefined {
    const r = this.db.get<Row>(`SELECT ${COLS} FROM mailboxes WHERE id = ?`, id);
    return r && toMailbox(r);
  }

  require(id: number): Mailbox {
    const m = this.byId(id);
    if (!m) throw new NotFoundError('mailbox', id);
    return m;
  }

  byAddress(address: string): Mailbox | undefined {
    const r = this.db.get<Row>(`SELECT ${COLS} FROM mailboxes WHERE address = ?`, address.trim().toLowerCase());
    return r && toMailbox(r);
  }

  /** seed 003 "Ricerca": names that contain the text (literally: % and _ are not wildcards), optionally by state. */
  listByDomain(domainId: number, opts: { contains?: string; state?: MailboxState; offset?: number; limit?: number } = {}): Mailbox[] {
    const { limit, offset } = checkPage(opts.limit, opts.offset);
    const contains = (opts.contains ?? '').toLowerCase();
    checkLength('MAX_LOCAL_PART_LENGTH', MAX_LOCAL_PART_LENGTH, contains);
    return this.db
      .all<Row>(
        `SELECT ${COLS} FROM mailboxes WHERE domain_id = ? AND instr(local_part, ?) > 0 AND (? IS NULL OR state = ?)
         ORDER BY local_part LIMIT ? OFFSET ?`,
        domainId, contains, opts.state ?? null, opts.state ?? null, limit, offset,
      )
      .map(toMailbox);
  }

  /** seed 003 "Abilitare/disabilitare": only between attiva and disabilitata; cancellata is final. */
  setState(id: number, state: 'attiva' | 'disabilitata'): Mailbox {
    return this.db.savepoint(() => {
      const m = this.require(id);
      if (m.state === 'cancellata') throw new MailboxNameLockedError(m.address);
      this.db.run('UPDATE mailboxes SET state = ? WHERE id = ?', state, id);
      return this.require(id);
    });
  }

  /**
   * seed 003 "Cancellare una casella": every message is deleted, the row stays as cancellata so the name can never
   * be created again. Returns the blobs to delete after commit.
   */
  cancel(id: number, now: number): { releasedBlobs: string[] } {
    return this.db.savepoint(() => {
      const m = this.require(id);
      if (m.state === 'cancellata') return { releasedBlobs: [] };
      const { releasedBlobs } = this.messages.purgeMailbox(id);
      this.db.run("UPDATE mailboxes SET state = 'cancellata', cancelled_at = ?, used_bytes = 0 WHERE id = ?", now, id);
      return { releasedBlobs };
    });
  }

  /** seed 003 "Modificare lo spazio": without softLimitBytes the soft limit goes back to 80% of the quota. */
  setQuota(id: number, quotaBytes: number, softLimitBytes?: number): Mailbox {
    checkBytes('quotaBytes', quotaBytes);
    if (softLimitBytes !== undefined) {
      checkBytes('softLimitBytes', softLimitBytes);
      if (softLimitBytes > quotaBytes) throw new InvalidValueError('softLimitBytes', 'above the quota');
    }
    return this.db.savepoint(() => {
      this.require(id);
      this.db.run(
        'UPDATE mailboxes SET quota_bytes = ?, soft_limit_bytes = ?, soft_limit_manual = ? WHERE id = ?',
        quotaBytes, softLimitBytes ?? defaultSoftLimit(quotaBytes), softLimitBytes === undefined ? 0 : 1, id,
      );
      return this.require(id);
    });
  }

  setCommunicationEmail(id: number, email: string | null): void {
    const e = email === null ? null : normalizeAddress(email);
    if (this.db.run('UPDATE mailboxes SET communication_email = ? WHERE id = ?', e, id).changes === 0) throw new NotFoundError('mailbox', id);
  }

  setConservazione(id: number, on: boolean): void {
    if (this.db.run('UPDATE mailboxes SET conservazione = ? WHERE id = ?', on ? 1 : 0, id).changes === 0) throw new NotFoundError('mailbox', id);
  }
}

function checkBytes(field: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidValueError(field, 'not a non-negative integer');
}
