// The runtime's DurableStore port on SQLite: outbox and timers share the main database, so a message recorded
// with a state change commits or rolls back with it (ARCHITECTURE "Durability").
import type { DurableStore, OutboxRecord, TimerRecord } from '../runtime/durable.ts';
import type { Db } from './db.ts';
import { ConflictError } from './errors.ts';

interface OutboxRow {
  id: string;
  target: string;
  payload: string;
  created_at: number;
}
interface TimerRow {
  id: string;
  target: string;
  fire_at: number;
  payload: string;
}

export class SqliteDurableStore implements DurableStore {
  constructor(private readonly db: Db) {}

  /** BEGIN IMMEDIATE … COMMIT; a call nested inside another transaction becomes a savepoint. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn);
  }

  transactionBegin(): void {
    this.db.begin();
  }

  transactionCommit(): void {
    this.db.commit();
  }

  transactionRollback(): void {
    this.db.rollback();
  }

  /** SAVEPOINT sp_<n> … RELEASE; ROLLBACK TO on throw. Nests to any depth; outside a transaction opens one. */
  savepoint<T>(fn: () => T): T {
    return this.db.savepoint(fn);
  }

  outboxInsert(r: OutboxRecord): void {
    const dup = this.db.get('SELECT 1 AS x FROM outbox WHERE id = ?', r.id);
    if (dup) throw new ConflictError('outbox record', r.id);
    this.db.run('INSERT INTO outbox (id, target, payload, created_at) VALUES (?, ?, ?, ?)', r.id, r.target, r.payload, r.createdAt);
  }

  outboxDelete(id: string): boolean {
    return this.db.run('DELETE FROM outbox WHERE id = ?', id).changes > 0;
  }

  /** In the order they were recorded (creation time, then insertion order). */
  outboxPending(): OutboxRecord[] {
    return this.db
      .all<OutboxRow>('SELECT id, target, payload, created_at FROM outbox ORDER BY created_at, seq')
      .map((r) => ({ id: r.id, target: r.target, payload: r.payload, createdAt: r.created_at }));
  }

  timerUpsert(r: TimerRecord): void {
    this.db.run(
      `INSERT INTO timers (id, target, fire_at, payload) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET target = excluded.target, fire_at = excluded.fire_at, payload = excluded.payload`,
      r.id,
      r.target,
      r.fireAt,
      r.payload,
    );
  }

  /** With fireAt, deletes only if the timer still fires then: a timer re-scheduled meanwhile is kept. */
  timerDelete(id: string, fireAt?: number): boolean {
    if (fireAt === undefined) return this.db.run('DELETE FROM timers WHERE id = ?', id).changes > 0;
    return this.db.run('DELETE FROM timers WHERE id = ? AND fire_at = ?', id, fireAt).changes > 0;
  }

  /** False when id was already recorded: the message is a duplicate and must not be handled again. */
  processedAdd(id: string, target: string, at: number): boolean {
    return this.db.run('INSERT OR IGNORE INTO processed_messages (id, target, at) VALUES (?, ?, ?)', id, target, at).changes > 0;
  }

  processedHas(id: string): boolean {
    return this.db.get('SELECT 1 AS x FROM processed_messages WHERE id = ?', id) !== undefined;
  }

  /** Earliest first. */
  timersAll(): TimerRecord[] {
    return this.db
      .all<TimerRow>('SELECT id, target, fire_at, payload FROM timers ORDER BY fire_at, id')
      .map((r) => ({ id: r.id, target: r.target, fireAt: r.fire_at, payload: r.payload }));
  }
}
