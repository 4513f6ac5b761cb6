// The runtime's persistence port: the transactional outbox and persisted timers live in the same database as the
// actors' state, so a message recorded together with a state change commits or rolls back with it.
export interface OutboxRecord {
  /** Unique message id: receivers are idempotent on it. */
  id: string;
  /** Target actor name, e.g. "mailbox:mario.rossi@pec.demo.test". */
  target: string;
  /** JSON of the message. */
  payload: string;
  createdAt: number;
}

export interface TimerRecord {
  /** Unique per timer; re-scheduling the same id replaces it. */
  id: string;
  target: string;
  fireAt: number;
  payload: string;
}

export interface DurableStore {
  /** Runs fn in one write transaction (BEGIN IMMEDIATE … COMMIT); rolls back and rethrows if fn throws. */
  transaction<T>(fn: () => T): T;
  /** Inside a transaction: a SAVEPOINT around fn, rolled back to (and rethrown) if fn throws. */
  savepoint<T>(fn: () => T): T;
  outboxInsert(r: OutboxRecord): void;
  /** Deletes the record; false when it was already gone (a duplicate delivery). */
  outboxDelete(id: string): boolean;
  outboxPending(): OutboxRecord[];
  timerUpsert(r: TimerRecord): void;
  timerDelete(id: string): boolean;
  timersAll(): TimerRecord[];
}
