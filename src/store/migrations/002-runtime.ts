// Migration 002: the actor runtime's transactional outbox, persisted timers and processed-message ids
// (src/runtime/durable.ts).
import type { Migration } from '../db.ts';

export const migration: Migration = {
  version: 2,
  name: 'runtime',
  up: `
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  target TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX outbox_order ON outbox(created_at, seq);

CREATE TABLE timers (
  id TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  fire_at INTEGER NOT NULL,
  payload TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX timers_fire_at ON timers(fire_at);

-- Receivers are idempotent on a durable message id: one row per message handled.
CREATE TABLE processed_messages (
  id TEXT PRIMARY KEY,
  target TEXT NOT NULL,
  at INTEGER NOT NULL
) WITHOUT ROWID;
`,
};
