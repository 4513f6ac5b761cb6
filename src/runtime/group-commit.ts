// Group commit: every tx() step taken in one scheduler tick shares one database transaction, committed once
// (one fsync under synchronous=FULL), after which the effects that wait on it are released (output gate).
import type { DurableStore } from './durable.ts';
import { SystemStoppedError } from './errors.ts';

/**
 * How long the first step of a batch waits for others before the commit. Under synchronous=FULL a commit costs one
 * fsync (~1 ms here): a short window lets the steps of many actors share it (bench/pec.ts measures the effect).
 * This is infrastructure time, not domain time, so it uses the real timer rather than the injected Clock.
 */
export const GROUP_COMMIT_WINDOW_MS = 2;
/** A batch commits early once it holds this many steps, bounding the transaction and the replies it holds back. */
export const MAX_STEPS_PER_COMMIT = 2_000;

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
  private open: { epoch: number; done: Deferred; afterCommit: Array<() => void>; steps: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private epochSeq = 0;
  private lastCommitted = 0;
  /** Transactions committed so far (for tests and metrics). */
  commits = 0;
  private closed = false;

  constructor(
    private readonly store: DurableStore,
    private readonly onCommitError: (e: unknown) => void,
  ) {}

  /** Runs fn in a savepoint of the current tick's transaction, opening it if needed; returns fn's result. */
  step<T>(fn: () => T, afterCommit: Array<() => void>): { value: T; epoch: Epoch } {
    if (this.closed) throw new SystemStoppedError();
    const current = this.ensureOpen();
    const value = this.store.savepoint(fn);
    current.afterCommit.push(...afterCommit);
    const epoch = { id: current.epoch, committed: current.done.promise };
    if (++current.steps >= MAX_STEPS_PER_COMMIT) queueMicrotask(() => this.flush());
    return { value, epoch };
  }

  /** Commits the open transaction now (normally called by the tick). */
  flush(): void {
    const current = this.open;
    if (!current) return;
    this.open = null;
    clearTimeout(current.timer);
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

  /** Commits what is pending and refuses later steps: the store is about to close (no timer may fire after it). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  isCommitted(epoch: number): boolean {
    return epoch <= this.lastCommitted;
  }

  private ensureOpen() {
    if (this.open) return this.open;
    this.store.transactionBegin();
    const timer = setTimeout(() => this.flush(), GROUP_COMMIT_WINDOW_MS);
    this.open = { epoch: ++this.epochSeq, done: deferred(), afterCommit: [], steps: 0, timer };
    return this.open;
  }
}
