// The rubrica of a casella (seed 000 §2.6): contacts, groups (liste di distribuzione, §2.6.1) and membership.
// Shared by the holder and the collaborators of the mailbox; every statement bound, every text field bounded.
import type { Db } from './db.ts';
import { ConflictError, InvalidValueError, LimitExceededError, NotFoundError } from './errors.ts';
import { checkLength, checkName, MAX_ADDRESS_LENGTH } from './limits.ts';

/** Names, organisation and phone of a contact: long enough for any real one. */
export const MAX_CONTACT_FIELD_LENGTH = 200;
export const MAX_CONTACT_NOTES_LENGTH = 4_000;
export const MAX_GROUP_NAME_LENGTH = 100;
/** Contacts per mailbox: a rubrica, not a mailing-list database. */
export const MAX_CONTACTS_PER_MAILBOX = 5_000;
export const MAX_GROUPS_PER_MAILBOX = 500;

export interface ContactInput {
  firstName: string;
  lastName: string;
  email: string;
  organization?: string | null;
  phone?: string | null;
  notes?: string | null;
}

export interface ContactRecord extends Required<Pick<ContactInput, 'firstName' | 'lastName' | 'email'>> {
  id: number;
  mailboxId: number;
  organization: string | null;
  phone: string | null;
  notes: string | null;
  groupIds: number[];
}

export interface GroupRecord {
  id: number;
  mailboxId: number;
  name: string;
  memberCount: number;
}

interface ContactRow {
  id: number;
  mailbox_id: number;
  first_name: string;
  last_name: string;
  email: string;
  organization: string | null;
  phone: string | null;
  notes: string | null;
  group_ids: string | null;
}

const CONTACT_SELECT = `SELECT c.id, c.mailbox_id, c.first_name, c.last_name, c.email, c.organization, c.phone, c.notes,
  (SELECT json_group_array(group_id) FROM contact_group_members WHERE contact_id = c.id) AS group_ids FROM contacts c`;

const toContact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  mailboxId: r.mailbox_id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  organization: r.organization,
  phone: r.phone,
  notes: r.notes,
  groupIds: r.group_ids ? (JSON.parse(r.group_ids) as number[]) : [],
});

// One address: the web layer validates the syntax; here only what would corrupt the row.
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+$/;

function optional(field: string, max: number, v: string | null | undefined): string | null {
  if (v === undefined || v === null || v.trim() === '') return null;
  checkLength(`MAX_CONTACT_${field.toUpperCase()}_LENGTH`, max, v);
  return v.trim();
}

function checkContact(c: ContactInput): ContactInput {
  checkLength('MAX_CONTACT_FIELD_LENGTH', MAX_CONTACT_FIELD_LENGTH, c.firstName);
  checkLength('MAX_CONTACT_FIELD_LENGTH', MAX_CONTACT_FIELD_LENGTH, c.lastName);
  checkLength('MAX_ADDRESS_LENGTH', MAX_ADDRESS_LENGTH, c.email);
  const email = c.email.trim();
  if (!EMAIL.test(email)) throw new InvalidValueError('email', 'not an address');
  return {
    firstName: c.firstName.trim(),
    lastName: c.lastName.trim(),
    email,
    organization: optional('field', MAX_CONTACT_FIELD_LENGTH, c.organization),
    phone: optional('field', MAX_CONTACT_FIELD_LENGTH, c.phone),
    notes: optional('notes', MAX_CONTACT_NOTES_LENGTH, c.notes),
  };
}

export class AddressBookRepo {
  constructor(private readonly db: Db) {}

  contacts(mailboxId: number, groupId?: number): ContactRecord[] {
    const rows = groupId === undefined
      ? this.db.all<ContactRow>(`${CONTACT_SELECT} WHERE c.mailbox_id = ? ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id`, mailboxId)
      : this.db.all<ContactRow>(
          `${CONTACT_SELECT} WHERE c.mailbox_id = ? AND c.id IN (SELECT contact_id FROM contact_group_members WHERE group_id = ?)
           ORDER BY c.last_name COLLATE NOCASE, c.first_name COLLATE NOCASE, c.id`,
          mailboxId,
          groupId,
        );
    return rows.map(toContact);
  }

  contact(mailboxId: number, id: number): ContactRecord | undefined {
    const r = this.db.get<ContactRow>(`${CONTACT_SELECT} WHERE c.mailbox_id = ? AND c.id = ?`, mailboxId, id);
    return r && toContact(r);
  }

  createContact(mailboxId: number, input: ContactInput, now: number): ContactRecord {
    const c = checkContact(input);
    return this.db.savepoint(() => {
      const n = this.db.get<{ n: number }>('SELECT count(*) AS n FROM contacts WHERE mailbox_id = ?', mailboxId)!.n;
      if (n >= MAX_CONTACTS_PER_MAILBOX) throw new LimitExceededError('MAX_CONTACTS_PER_MAILBOX', MAX_CONTACTS_PER_MAILBOX, n + 1);
      const { lastInsertRowid } = this.db.run(
        'INSERT INTO contacts (mailbox_id, first_name, last_name, email, organization, phone, notes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        mailboxId, c.firstName, c.lastName, c.email, c.organization ?? null, c.phone ?? null, c.notes ?? null, now,
      );
      return this.contact(mailboxId, lastInsertRowid)!;
    });
  }

  updateContact(mailboxId: number, id: number, input: ContactInput): ContactRecord {
    const c = checkContact(input);
    const { changes } = this.db.run(
      'UPDATE contacts SET first_name = ?, last_name = ?, email = ?, organization = ?, phone = ?, notes = ? WHERE id = ? AND mailbox_id = ?',
      c.firstName, c.lastName, c.email, c.organization ?? null, c.phone ?? null, c.notes ?? null, id, mailboxId,
    );
    if (changes === 0) throw new NotFoundError('contact', id);
    return this.contact(mailboxId, id)!;
  }

  deleteContact(mailboxId: number, id: number): boolean {
    return this.db.run('DELETE FROM contacts WHERE id = ? AND mailbox_id = ?', id, mailboxId).changes > 0;
  }

  groups(mailboxId: number): GroupRecord[] {
    return this.db
      .all<{ id: number; mailbox_id: number; name: string; n: number }>(
        `SELECT g.id, g.mailbox_id, g.name, (SELECT count(*) FROM contact_group_members WHERE group_id = g.id) AS n
         FROM contact_groups g WHERE g.mailbox_id = ? ORDER BY g.name COLLATE NOCASE`,
        mailboxId,
      )
      .map((r) => ({ id: r.id, mailboxId: r.mailbox_id, name: r.name, memberCount: r.n }));
  }

  group(mailboxId: number, id: number): GroupRecord | undefined {
    return this.groups(mailboxId).find((g) => g.id === id);
  }

  groupByName(mailboxId: number, name: string): GroupRecord | undefined {
    const r = this.db.get<{ id: number }>('SELECT id FROM contact_groups WHERE mailbox_id = ? AND name = ? COLLATE NOCASE', mailboxId, name.trim());
    return r && this.group(mailboxId, r.id);
  }

  saveGroup(mailboxId: number, g: { id?: number; name: string; memberIds?: readonly number[] }, now: number): GroupRecord {
    const name = checkName('group name', 'MAX_GROUP_NAME_LENGTH', MAX_GROUP_NAME_LENGTH, g.name).trim();
    return this.db.savepoint(() => {
      const clash = this.groupByName(mailboxId, name);
      if (clash && clash.id !== g.id) throw new ConflictError('group', name);
      let id = g.id;
      if (id === undefined) {
        const n = this.groups(mailboxId).length;
        if (n >= MAX_GROUPS_PER_MAILBOX) throw new LimitExceededError('MAX_GROUPS_PER_MAILBOX', MAX_GROUPS_PER_MAILBOX, n + 1);
        id = this.db.run('INSERT INTO contact_groups (mailbox_id, name, created_at) VALUES (?, ?, ?)', mailboxId, name, now).lastInsertRowid;
      } else if (this.db.run('UPDATE contact_groups SET name = ? WHERE id = ? AND mailbox_id = ?', name, id, mailboxId).changes === 0) {
        throw new NotFoundError('group', id);
      }
      if (g.memberIds) this.setMembers(mailboxId, id, g.memberIds);
      return this.group(mailboxId, id)!;
    });
  }

  deleteGroup(mailboxId: number, id: number): boolean {
    return this.db.run('DELETE FROM contact_groups WHERE id = ? AND mailbox_id = ?', id, mailboxId).changes > 0;
  }

  /** §2.6.1 "Gruppi" ticks on a contact: exactly these groups (of this mailbox) afterwards. */
  setContactGroups(mailboxId: number, contactId: number, groupIds: readonly number[]): void {
    this.db.savepoint(() => {
      if (!this.contact(mailboxId, contactId)) throw new NotFoundError('contact', contactId);
      const own = new Set(this.groups(mailboxId).map((g) => g.id));
      this.db.run('DELETE FROM contact_group_members WHERE contact_id = ?', contactId);
      for (const g of new Set(groupIds)) if (own.has(g)) this.db.run('INSERT INTO contact_group_members (group_id, contact_id) VALUES (?, ?)', g, contactId);
    });
  }

  private setMembers(mailboxId: number, groupId: number, contactIds: readonly number[]): void {
    const own = new Set(this.contacts(mailboxId).map((c) => c.id));
    this.db.run('DELETE FROM contact_group_members WHERE group_id = ?', groupId);
    for (const c of new Set(contactIds)) if (own.has(c)) this.db.run('INSERT INTO contact_group_members (group_id, contact_id) VALUES (?, ?)', groupId, c);
  }

  /** Compose suggestions: contacts whose name or address contains `q`, and groups whose name does. */
  suggest(mailboxId: number, q: string, limit: number): { contacts: ContactRecord[]; groups: GroupRecord[] } {
    const needle = q.trim().toLowerCase();
    if (needle === '') return { contacts: [], groups: [] };
    const has = (s: string | null) => (s ?? '').toLowerCase().includes(needle);
    const contacts = this.contacts(mailboxId).filter((c) => has(c.email) || has(`${c.firstName} ${c.lastName}`)).slice(0, limit);
    const groups = this.groups(mailboxId).filter((g) => has(g.name)).slice(0, limit);
    return { contacts, groups };
  }
}
