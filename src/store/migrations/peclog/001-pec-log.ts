// PEC log database, migration 001: the append-only, hash-chained registro dei messaggi (SPEC §5.10).
import type { Migration } from '../../db.ts';

export const migration: Migration = {
  version: 1,
  name: 'pec-log',
  up: `
CREATE TABLE pec_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  identificativo TEXT NOT NULL,
  client_msgid TEXT,
  generated_message_id TEXT,
  mittente TEXT NOT NULL,
  destinatari TEXT NOT NULL,
  oggetto TEXT,
  gestore TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX pec_log_identificativo ON pec_log(identificativo);
CREATE INDEX pec_log_at ON pec_log(at);
CREATE INDEX pec_log_mittente ON pec_log(mittente COLLATE NOCASE);

-- RFC 6109 §2.3: the log is kept unmodified. The chain detects edits made around these triggers.
CREATE TRIGGER pec_log_no_update BEFORE UPDATE ON pec_log BEGIN SELECT RAISE(ABORT, 'pec_log is append-only'); END;
CREATE TRIGGER pec_log_no_delete BEFORE DELETE ON pec_log BEGIN SELECT RAISE(ABORT, 'pec_log is append-only'); END;
`,
};
