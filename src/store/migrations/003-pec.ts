// Migration 003: the PEC transactions of the punto di accesso and their recipients, the punto di ricezione and
// punto di consegna bookkeeping (prese in carico, consegne, held deliveries, unknown receipts, quarantine), the
// outbound queue, the access-point limits, the per-mailbox ordinary-mail policy and the PEC-log staging table.
import type { Migration } from '../db.ts';

export const migration: Migration = {
  version: 3,
  name: 'pec',
  up: `
-- One row per accepted submission (SPEC §1 legal moment "sent"), written with the accettazione.
CREATE TABLE pec_transactions (
  identificativo TEXT PRIMARY KEY,
  mailbox_id INTEGER NOT NULL,
  sender TEXT NOT NULL,
  client_msgid TEXT,
  subject TEXT,
  tipo_ricevuta TEXT NOT NULL CHECK (tipo_ricevuta IN ('completa', 'breve', 'sintetica')),
  accepted_at INTEGER NOT NULL,
  envelope_message_id TEXT NOT NULL,
  accettazione_message_id TEXT NOT NULL,
  envelope_blob TEXT NOT NULL,
  intestazione TEXT NOT NULL,
  -- certificato recipients still waiting for a presa in carico or a final receipt: "messaggi contemporanei".
  pending_certificati INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX pec_transactions_mailbox ON pec_transactions(mailbox_id, accepted_at);
CREATE INDEX pec_transactions_open ON pec_transactions(mailbox_id) WHERE pending_certificati > 0;

CREATE TABLE pec_recipients (
  identificativo TEXT NOT NULL REFERENCES pec_transactions(identificativo) ON DELETE CASCADE,
  address TEXT NOT NULL,
  tipo TEXT NOT NULL CHECK (tipo IN ('certificato', 'esterno')),
  header TEXT NOT NULL CHECK (header IN ('to', 'cc')),
  state TEXT NOT NULL CHECK (state IN ('in-attesa', 'presa-in-carico', 'consegnata', 'errore', 'preavviso-12h',
    'scaduta-24h', 'inoltrata')),
  presa_in_carico_at INTEGER, presa_in_carico_msgid TEXT,
  consegna_at INTEGER, consegna_msgid TEXT,
  errore_at INTEGER, errore_msgid TEXT, errore_esteso TEXT,
  preavviso_12h_at INTEGER, preavviso_12h_msgid TEXT,
  scaduta_24h_at INTEGER, scaduta_24h_msgid TEXT,
  PRIMARY KEY (identificativo, address)
) WITHOUT ROWID;

-- Receipts the sender side already handled, by their Message-ID: a receipt redelivered by a peer is not shown twice.
CREATE TABLE pec_receipts_seen (
  message_id TEXT PRIMARY KEY,
  identificativo TEXT NOT NULL,
  at INTEGER NOT NULL
) WITHOUT ROWID;

-- "A peer's receipt for an unknown message is logged and kept" for the administrator.
CREATE TABLE pec_unknown_receipts (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  identificativo TEXT,
  mail_from TEXT NOT NULL,
  provider TEXT,
  blob_hash TEXT NOT NULL,
  reason TEXT NOT NULL
);

-- Receiving side: recipients already covered by a presa in carico (a redelivered busta gets no second one).
CREATE TABLE pec_ricezioni (
  identificativo TEXT NOT NULL,
  recipient TEXT NOT NULL,
  presa_message_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (identificativo, recipient)
) WITHOUT ROWID;

-- Punto di consegna: one outcome per (identificativo, recipient): never a duplicate receipt.
CREATE TABLE pec_consegne (
  identificativo TEXT NOT NULL,
  recipient TEXT NOT NULL,
  outcome TEXT NOT NULL,
  receipt_message_id TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (identificativo, recipient)
) WITHOUT ROWID;

-- Deliveries held while the recipient mailbox is disabled (released when it is enabled again).
CREATE TABLE pec_held (
  id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  identificativo TEXT NOT NULL,
  payload TEXT NOT NULL,
  held_at INTEGER NOT NULL,
  UNIQUE (recipient, identificativo)
);

-- SPEC §5.8: infected messages kept 30 months.
CREATE TABLE pec_quarantine (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('accesso', 'ricezione')),
  identificativo TEXT,
  address TEXT NOT NULL,
  virus TEXT NOT NULL,
  blob_hash TEXT NOT NULL
);

-- Outbound queue: one row per (message, destination domain), per-recipient state in JSON.
CREATE TABLE pec_outbound (
  id TEXT PRIMARY KEY,
  domain TEXT NOT NULL,
  kind TEXT NOT NULL,
  identificativo TEXT,
  blob_hash TEXT NOT NULL,
  mail_from TEXT NOT NULL,
  recipients TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER,
  state TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed')),
  last_error TEXT
) WITHOUT ROWID;
CREATE INDEX pec_outbound_domain ON pec_outbound(domain, state);

-- seed 001 §1.4 "Numero massimo messaggi giorno": accepted submissions per mailbox and Italian calendar day.
CREATE TABLE pec_daily_counters (
  mailbox_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  accepted INTEGER NOT NULL,
  PRIMARY KEY (mailbox_id, day)
) WITHOUT ROWID;

-- seed 000 §2.7.4 notifica di ricezione, §2.7.5 inoltro dei messaggi non certificati.
CREATE TABLE pec_mailbox_policy (
  mailbox_id INTEGER PRIMARY KEY,
  notify_address TEXT,
  ordinary_mode TEXT NOT NULL DEFAULT 'none' CHECK (ordinary_mode IN ('none', 'forward', 'anomalia')),
  forward_address TEXT
);

-- PEC log records staged in the main database with the step that caused them, moved to the PEC log after commit.
CREATE TABLE pec_log_pending (
  id TEXT PRIMARY KEY,
  entry TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
