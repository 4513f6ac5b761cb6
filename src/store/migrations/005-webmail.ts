// Migration 005: the webmail's own data — rubrica contacts and groups (seed 000 §2.6, §2.6.1), per-principal
// preferences (language, 2/3-column layout, seed 000 §2.1.1) and the message filters applied at delivery.
import type { Migration } from '../db.ts';

export const migration: Migration = {
  version: 5,
  name: 'webmail',
  up: `
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  organization TEXT,
  phone TEXT,
  notes TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX contacts_mailbox ON contacts(mailbox_id, last_name, first_name);

CREATE TABLE contact_groups (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
-- A group name typed in A/Cc expands to its members (seed 000 §2.6.1): names are unique per mailbox, any case.
CREATE UNIQUE INDEX contact_groups_name ON contact_groups(mailbox_id, name COLLATE NOCASE);

CREATE TABLE contact_group_members (
  group_id INTEGER NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX contact_group_members_contact ON contact_group_members(contact_id);

-- principal: 'holder' or 'collab:<username>' (a collaborator keeps its own language and layout).
CREATE TABLE webmail_preferences (
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (mailbox_id, principal, key)
) WITHOUT ROWID;

CREATE TABLE mail_filters (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  name TEXT NOT NULL,
  sender_contains TEXT,
  subject_contains TEXT,
  pec_kind TEXT,
  move_to_folder_id INTEGER REFERENCES folders(id) ON DELETE SET NULL,
  mark_read INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX mail_filters_mailbox ON mail_filters(mailbox_id, position);

-- The webmail list (seed 000 §2.1) sorts any column of a 100,000-message folder and shows unread counts: without
-- these each page would sort or scan the whole folder (bench/webmail.ts measures it).
CREATE INDEX messages_folder_unseen ON messages(folder_id, (flags & 1));
CREATE INDEX messages_folder_subject ON messages(folder_id, subject COLLATE NOCASE, uid);
CREATE INDEX messages_folder_from ON messages(folder_id, from_addr COLLATE NOCASE, uid);
CREATE INDEX messages_folder_size ON messages(folder_id, size, uid);
CREATE INDEX messages_folder_date_uid ON messages(folder_id, internal_date, uid);
`,
};
