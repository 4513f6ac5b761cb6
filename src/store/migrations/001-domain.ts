// Migration 001: the directory (provider settings, domains, mailboxes, principals), folders, messages, FTS,
// QRESYNC expunge records, sessions, reset tokens and login throttling.
import type { Migration } from '../db.ts';

export const migration: Migration = {
  version: 1,
  name: 'domain',
  up: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE domains (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE mailboxes (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL UNIQUE,
  local_part TEXT NOT NULL,
  domain_id INTEGER NOT NULL REFERENCES domains(id),
  state TEXT NOT NULL DEFAULT 'attiva' CHECK (state IN ('attiva', 'disabilitata', 'cancellata')),
  type TEXT NOT NULL CHECK (type IN ('A', 'B', 'C')),
  communication_email TEXT,
  quota_bytes INTEGER NOT NULL CHECK (quota_bytes >= 0),
  soft_limit_bytes INTEGER NOT NULL CHECK (soft_limit_bytes >= 0),
  soft_limit_manual INTEGER NOT NULL DEFAULT 0,
  conservazione INTEGER NOT NULL DEFAULT 0,
  used_bytes INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  cancelled_at INTEGER
);
CREATE INDEX mailboxes_domain ON mailboxes(domain_id, local_part);

CREATE TABLE holder_credentials (
  mailbox_id INTEGER PRIMARY KEY REFERENCES mailboxes(id),
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE collaborators (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  username TEXT NOT NULL,
  profile TEXT NOT NULL CHECK (profile IN ('solo-invio', 'solo-consultazione', 'accesso-completo')),
  expires_at INTEGER,
  password_hash TEXT,
  password_changed_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (mailbox_id, username)
);

CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  super INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE admin_domains (
  admin_id INTEGER NOT NULL REFERENCES admins(id) ON DELETE CASCADE,
  domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
  PRIMARY KEY (admin_id, domain_id)
) WITHOUT ROWID;

CREATE TABLE folders (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  name TEXT NOT NULL,
  parent_id INTEGER REFERENCES folders(id),
  special_use TEXT CHECK (special_use IN ('\\Inbox', '\\Sent', '\\Drafts', '\\Trash')),
  uidvalidity INTEGER NOT NULL,
  uidnext INTEGER NOT NULL DEFAULT 1,
  highest_modseq INTEGER NOT NULL DEFAULT 1,
  subscribed INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
-- NULLs are distinct in UNIQUE: top-level folders compare on parent 0.
CREATE UNIQUE INDEX folders_name ON folders(mailbox_id, IFNULL(parent_id, 0), name);
CREATE UNIQUE INDEX folders_special ON folders(mailbox_id, special_use) WHERE special_use IS NOT NULL;

CREATE TABLE blobs (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  refcount INTEGER NOT NULL CHECK (refcount >= 0)
) WITHOUT ROWID;
CREATE INDEX blobs_unreferenced ON blobs(refcount) WHERE refcount = 0;

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  folder_id INTEGER NOT NULL REFERENCES folders(id),
  uid INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  flags INTEGER NOT NULL DEFAULT 0,
  keywords TEXT NOT NULL DEFAULT '[]',
  internal_date INTEGER NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  blob_hash TEXT NOT NULL REFERENCES blobs(hash),
  subject TEXT,
  from_addr TEXT,
  to_addrs TEXT,
  cc_addrs TEXT,
  date_header INTEGER,
  message_id TEXT,
  pec_kind TEXT,
  pec_identificativo TEXT,
  has_attachments INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX messages_folder_uid ON messages(folder_id, uid);
CREATE INDEX messages_folder_modseq ON messages(folder_id, modseq);
CREATE INDEX messages_folder_date ON messages(folder_id, internal_date);
CREATE INDEX messages_pec ON messages(mailbox_id, pec_identificativo);

-- Trigram: IMAP SEARCH and the webmail match substrings case-insensitively (RFC 9051 §6.4.4).
CREATE VIRTUAL TABLE messages_fts USING fts5(
  subject, sender, recipients, cc, body,
  tokenize = 'trigram remove_diacritics 1'
);

-- RFC 7162 §3.2.5.2 (QRESYNC VANISHED): expunged UIDs with the modseq of their removal.
CREATE TABLE expunged (
  folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL,
  modseq INTEGER NOT NULL,
  PRIMARY KEY (folder_id, uid)
) WITHOUT ROWID;
CREATE INDEX expunged_modseq ON expunged(folder_id, modseq);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL CHECK (principal_kind IN ('holder', 'collaborator', 'admin')),
  principal_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions(expires_at);
CREATE INDEX sessions_principal ON sessions(principal_kind, principal_id);

CREATE TABLE reset_tokens (
  token_hash TEXT PRIMARY KEY,
  principal_kind TEXT NOT NULL CHECK (principal_kind IN ('holder', 'collaborator', 'admin')),
  principal_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) WITHOUT ROWID;

CREATE TABLE login_failures (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_start INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
