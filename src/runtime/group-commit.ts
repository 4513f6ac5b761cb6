// Group commit: every tx() step taken in one scheduler tick shares one database transaction, committed once
// (one fsync under synchronous=FULL), after which the effects that wait on it are released (output gate).
import type { DurableStore } from './durable.ts';

export interface Epoch {
  readonly id: number;
  /** Resolves after COMMIT; rejects if the commit failed. */
  readonly committed: Promise<void>;
}

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void };

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // observed by waiters; never an unhandled rejection
  return { promise, resolve, reject };
}

export class GroupCommit {
  private open: { epoch: number; done: Deferred; afterCommit: Array<() => void> } | null = null;
  private epochSeq = 0;
  private lastCommitted = 0;
  /** Transactions committed so far (for tests and metrics). */
  commits = 0;

  constructor(
    private readonly store: DurableStore,
    private readonly onCommitError: (e: unknown) => void,
  ) {}

  /** Runs fn in a savepoint of the current tick's transaction, opening it if needed; returns fn's result. */
  step<T>(fn: () => T, afterCommit: Array<() => void>): { value: T; epoch: Epoch } {
    const current = this.ensureOpen();
    const value = this.store.savepoint(fn);
    current.afterCommit.push(...afterCommit);
    return { value, epoch: { id: current.epoch, committed: current.done.promise } };
  }

  /** Commits the open transaction now (normally called by the tick). */
  flush(): void {
    const current = this.open;
    if (!current) return;
    this.open = null;
    try {
      this.store.transactionCommit();
    } catch (e) {
      current.done.reject(e);
      this.onCommitError(e);
      return;
    }
    this.commits++;
    this.lastCommitted = current.epoch;
    current.done.resolve();
    for (const fn of current.afterCommit) fn();
  }

  isCommitted(epoch: number): boolean {
    return epoch <= this.lastCommitted;
  }

  private ensureOpen() {
    if (this.open) return this.open;
    this.store.transactionBegin();
    this.open = { epoch: ++this.epochSeq, done: deferred(), afterCommit: [] };
    setImmediate(() => this.flush());
    return this.open;
  }
}
