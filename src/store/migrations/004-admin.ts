// Migration 004: the admin console's audit trail, the ordinary-mail notice outbox and the password-expiry notices
// already sent (seed 003 "Scadenza della password": 20, 10 and 5 days before, once each per password).
import type { Migration } from '../db.ts';

export const migration: Migration = {
  version: 4,
  name: 'admin',
  up: `
CREATE TABLE admin_audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  admin_id INTEGER NOT NULL,
  admin_username TEXT NOT NULL,
  domain_id INTEGER,
  action TEXT NOT NULL,
  mailbox_id INTEGER,
  mailbox_address TEXT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX admin_audit_domain ON admin_audit(domain_id, at);

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  mailbox_id INTEGER,
  domain_id INTEGER,
  status TEXT NOT NULL DEFAULT 'outbox' CHECK (status IN ('outbox', 'sent', 'failed')),
  sent_at INTEGER,
  error TEXT
);
CREATE INDEX notices_domain ON notices(domain_id, created_at);

CREATE TABLE password_expiry_notices (
  mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
  password_changed_at INTEGER NOT NULL,
  notice_key TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (mailbox_id, password_changed_at, notice_key)
) WITHOUT ROWID;
`,
};
