// Principals: the holder's credentials per mailbox, collaborators (multiutenza), domain administrators. Stores
// password hashes only; hashing and policy live in src/auth.
import type { Db } from './db.ts';
import { ConflictError, InvalidValueError, NotFoundError } from './errors.ts';
import { checkLength, MAX_USERNAME_LENGTH } from './limits.ts';

export type CollaboratorProfile = 'solo-invio' | 'solo-consultazione' | 'accesso-completo';
const PROFILES: readonly CollaboratorProfile[] = ['solo-invio', 'solo-consultazione', 'accesso-completo'];

export interface HolderCredentials {
  mailboxId: number;
  passwordHash: string;
  passwordChangedAt: number;
  mustChangePassword: boolean;
}

export interface Collaborator {
  id: number;
  mailboxId: number;
  username: string;
  profile: CollaboratorProfile;
  expiresAt: number | null;
  /** Null until the collaborator accepted the invitation and chose a password (seed 001 §2.1). */
  passwordHash: string | null;
  passwordChangedAt: number | null;
  createdAt: number;
}

export interface Admin {
  id: number;
  username: string;
  passwordHash: string;
  passwordChangedAt: number;
  super: boolean;
  createdAt: number;
}

// seed 001 §2.1: collaborators log in as "<nome>/<casella>", so no '/' nor '@' in the name.
const COLLABORATOR_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const ADMIN_NAME = /^[a-z0-9][a-z0-9._@-]*$/;

function username(value: string, pattern: RegExp): string {
  checkLength('MAX_USERNAME_LENGTH', MAX_USERNAME_LENGTH, value);
  const u = value.trim().toLowerCase();
  if (!pattern.test(u)) throw new InvalidValueError('username', 'letters, digits, dot, dash, underscore only');
  return u;
}

function checkHash(h: string): void {
  // A PHC string (argon2id) is ~100 chars; anything huge or empty is a bug upstream.
  if (h === '' || h.length > 512) throw new InvalidValueError('password hash', 'empty or too long');
}

type CollabRow = { id: number; mailbox_id: number; username: string; profile: CollaboratorProfile; expires_at: number | null; password_hash: string | null; password_changed_at: number | null; created_at: number };
const COLLAB_COLS = 'id, mailbox_id, username, profile, expires_at, password_hash, password_changed_at, created_at';
const toCollab = (r: CollabRow): Collaborator => ({
  id: r.id, mailboxId: r.mailbox_id, username: r.username, profile: r.profile, expiresAt: r.expires_at,
  passwordHash: r.password_hash, passwordChangedAt: r.password_changed_at, createdAt: r.created_at,
});
type AdminRow = { id: number; username: string; password_hash: string; password_changed_at: number; super: number; created_at: number };
const toAdmin = (r: AdminRow): Admin => ({
  id: r.id, username: r.username, passwordHash: r.password_hash, passwordChangedAt: r.password_changed_at, super: r.super === 1, createdAt: r.created_at,
});

export class PrincipalRepo {
  constructor(private readonly db: Db) {}

  setHolderPassword(mailboxId: number, passwordHash: string, now: number, mustChange = false): void {
    checkHash(passwordHash);
    this.requireRow('mailboxes', 'mailbox', mailboxId);
    this.db.run(
      `INSERT INTO holder_credentials (mailbox_id, password_hash, password_changed_at, must_change_password) VALUES (?, ?, ?, ?)
       ON CONFLICT (mailbox_id) DO UPDATE SET password_hash = excluded.password_hash,
         password_changed_at = excluded.password_changed_at, must_change_password = excluded.must_change_password`,
      mailboxId, passwordHash, now, mustChange ? 1 : 0,
    );
  }

  holder(mailboxId: number): HolderCredentials | undefined {
    const r = this.db.get<{ password_hash: string; password_changed_at: number; must_change_password: number }>(
      'SELECT password_hash, password_changed_at, must_change_password FROM holder_credentials WHERE mailbox_id = ?', mailboxId);
    return r && { mailboxId, passwordHash: r.password_hash, passwordChangedAt: r.password_changed_at, mustChangePassword: r.must_change_password === 1 };
  }

  createCollaborator(c: { mailboxId: number; username: string; profile: CollaboratorProfile; expiresAt?: number | null }, now: number): Collaborator {
    const u = username(c.username, COLLABORATOR_NAME);
    if (!PROFILES.includes(c.profile)) throw new InvalidValueError('profile', 'unknown');
    return this.db.savepoint(() => {
      this.requireRow('mailboxes', 'mailbox', c.mailboxId);
      if (this.collaborator(c.mailboxId, u)) throw new ConflictError('collaborator', u);
      const { lastInsertRowid } = this.db.run(
        'INSERT INTO collaborators (mailbox_id, username, profile, expires_at, created_at) VALUES (?, ?, ?, ?, ?)',
        c.mailboxId, u, c.profile, c.expiresAt ?? null, now,
      );
      return this.collaboratorById(lastInsertRowid)!;
    });
  }

  collaborator(mailboxId: number, name: string): Collaborator | undefined {
    const r = this.db.get<CollabRow>(`SELECT ${COLLAB_COLS} FROM collaborators WHERE mailbox_id = ? AND username = ?`, mailboxId, name.trim().toLowerCase());
    return r && toCollab(r);
  }

  collaboratorById(id: number): Collaborator | undefined {
    const r = this.db.get<CollabRow>(`SELECT ${COLLAB_COLS} FROM collaborators WHERE id = ?`, id);
    return r && toCollab(r);
  }

  collaborators(mailboxId: number): Collaborator[] {
    return this.db.all<CollabRow>(`SELECT ${COLLAB_COLS} FROM collaborators WHERE mailbox_id = ? ORDER BY username`, mailboxId).map(toCollab);
  }

  updateCollaborator(id: number, patch: { profile?: CollaboratorProfile; expiresAt?: number | null }): Collaborator {
    if (patch.profile !== undefined && !PROFILES.includes(patch.profile)) throw new InvalidValueError('profile', 'unknown');
    return this.db.savepoint(() => {
      const c = this.collaboratorById(id);
      if (!c) throw new NotFoundError('collaborator', id);
      const expires = patch.expiresAt === undefined ? c.expiresAt : patch.expiresAt;
      this.db.run('UPDATE collaborators SET profile = ?, expires_at = ? WHERE id = ?', patch.profile ?? c.profile, expires, id);
      return this.collaboratorById(id)!;
    });
  }

  setCollaboratorPassword(id: number, passwordHash: string, now: number): void {
    checkHash(passwordHash);
    const r = this.db.run('UPDATE collaborators SET password_hash = ?, password_changed_at = ? WHERE id = ?', passwordHash, now, id);
    if (r.changes === 0) throw new NotFoundError('collaborator', id);
  }

  deleteCollaborator(id: number): boolean {
    return this.db.run('DELETE FROM collaborators WHERE id = ?', id).changes > 0;
  }

  createAdmin(a: { username: string; passwordHash: string; super?: boolean }, now: number): Admin {
    const u = username(a.username, ADMIN_NAME);
    checkHash(a.passwordHash);
    return this.db.savepoint(() => {
      if (this.adminByUsername(u)) throw new ConflictError('admin', u);
      const { lastInsertRowid } = this.db.run(
        'INSERT INTO admins (username, password_hash, password_changed_at, super, created_at) VALUES (?, ?, ?, ?, ?)',
        u, a.passwordHash, now, a.super ? 1 : 0, now,
      );
      return this.adminById(lastInsertRowid)!;
    });
  }

  adminByUsername(name: string): Admin | undefined {
    const r = this.db.get<AdminRow>('SELECT id, username, password_hash, password_changed_at, super, created_at FROM admins WHERE username = ?', name.trim().toLowerCase());
    return r && toAdmin(r);
  }

  adminById(id: number): Admin | undefined {
    const r = this.db.get<AdminRow>('SELECT id, username, password_hash, password_changed_at, super, created_at FROM admins WHERE id = ?', id);
    return r && toAdmin(r);
  }

  setAdminPassword(id: number, passwordHash: string, now: number): void {
    checkHash(passwordHash);
    if (this.db.run('UPDATE admins SET password_hash = ?, password_changed_at = ? WHERE id = ?', passwordHash, now, id).changes === 0) {
      throw new NotFoundError('admin', id);
    }
  }

  grantDomain(adminId: number, domainId: number): void {
    this.requireRow('admins', 'admin', adminId);
    this.requireRow('domains', 'domain', domainId);
    this.db.run('INSERT OR IGNORE INTO admin_domains (admin_id, domain_id) VALUES (?, ?)', adminId, domainId);
  }

  revokeDomain(adminId: number, domainId: number): boolean {
    return this.db.run('DELETE FROM admin_domains WHERE admin_id = ? AND domain_id = ?', adminId, domainId).changes > 0;
  }

  /** A typed NotFoundError instead of a foreign-key failure. The table name is one of three literals, never input. */
  private requireRow(table: 'mailboxes' | 'admins' | 'domains', entity: string, id: number): void {
    if (!this.db.get(`SELECT 1 AS x FROM ${table} WHERE id = ?`, id)) throw new NotFoundError(entity, id);
  }

  /** Domain ids an administrator manages (a super administrator manages all, whatever this says). */
  adminDomains(adminId: number): number[] {
    return this.db.all<{ domain_id: number }>('SELECT domain_id FROM admin_domains WHERE admin_id = ? ORDER BY domain_id', adminId).map((r) => r.domain_id);
  }
}
