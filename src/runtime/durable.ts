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
  /** The same transaction split in three calls, for group commit across ticks (BEGIN IMMEDIATE / COMMIT / ROLLBACK). */
  transactionBegin(): void;
  transactionCommit(): void;
  transactionRollback(): void;
  /** Inside a transaction: a SAVEPOINT around fn, rolled back to (and rethrown) if fn throws. */
  savepoint<T>(fn: () => T): T;
  outboxInsert(r: OutboxRecord): void;
  /** Deletes the record; false when it was already gone (a duplicate delivery). */
  outboxDelete(id: string): boolean;
  outboxPending(): OutboxRecord[];
  timerUpsert(r: TimerRecord): void;
  /** Deletes the timer; with `fireAt`, only if it still fires then (a re-scheduled timer is kept). */
  timerDelete(id: string, fireAt?: number): boolean;
  timersAll(): TimerRecord[];
  /** Receivers are idempotent on a durable message id: records that `id` was handled by `target`.
   *  Returns false when it had already been recorded (the message is a duplicate). Table `processed_messages`. */
  processedAdd(id: string, target: string, at: number): boolean;
  processedHas(id: string): boolean;
}
