// In-memory DurableStore with real transaction and savepoint semantics (snapshots): the fake used by unit tests of
// actors, and the reference the SQLite implementation is checked against by the same contract suite.
import type { DurableStore, OutboxRecord, TimerRecord } from './durable.ts';

interface State {
  outbox: Map<string, OutboxRecord>;
  timers: Map<string, TimerRecord>;
  processed: Map<string, string>;
  /** Free-form rows for test actors' own state, rolled back with the rest. */
  kv: Map<string, unknown>;
}

function copy(s: State): State {
  return { outbox: new Map(s.outbox), timers: new Map(s.timers), processed: new Map(s.processed), kv: new Map(s.kv) };
}

export class MemoryDurableStore implements DurableStore {
  private state: State = { outbox: new Map(), timers: new Map(), processed: new Map(), kv: new Map() };
  private txSnapshot: State | null = null;
  /** Set to make the next COMMIT fail (tests of the commit-failure path). */
  failNextCommit = false;

  get kv(): Map<string, unknown> {
    return this.state.kv;
  }

  transaction<T>(fn: () => T): T {
    this.transactionBegin();
    try {
      const v = fn();
      this.transactionCommit();
      return v;
    } catch (e) {
      this.transactionRollback();
      throw e;
    }
  }
  transactionBegin(): void {
    if (this.txSnapshot) throw new Error('transaction already open');
    this.txSnapshot = copy(this.state);
  }
  transactionCommit(): void {
    if (!this.txSnapshot) throw new Error('no transaction');
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('disk I/O error (simulated)');
    }
    this.txSnapshot = null;
  }
  transactionRollback(): void {
    if (!this.txSnapshot) return;
    this.state = this.txSnapshot;
    this.txSnapshot = null;
  }
  savepoint<T>(fn: () => T): T {
    if (!this.txSnapshot) throw new Error('savepoint outside a transaction');
    const before = copy(this.state);
    try {
      return fn();
    } catch (e) {
      this.state = before;
      throw e;
    }
  }
  outboxInsert(r: OutboxRecord): void {
    if (this.state.outbox.has(r.id)) throw new Error(`duplicate outbox id ${r.id}`);
    this.state.outbox.set(r.id, { ...r });
  }
  outboxDelete(id: string): boolean {
    return this.state.outbox.delete(id);
  }
  outboxPending(): OutboxRecord[] {
    return [...this.state.outbox.values()].sort((a, b) => a.createdAt - b.createdAt);
  }
  timerUpsert(r: TimerRecord): void {
    this.state.timers.set(r.id, { ...r });
  }
  timerDelete(id: string, fireAt?: number): boolean {
    const t = this.state.timers.get(id);
    if (!t || (fireAt !== undefined && t.fireAt !== fireAt)) return false;
    return this.state.timers.delete(id);
  }
  timersAll(): TimerRecord[] {
    return [...this.state.timers.values()].sort((a, b) => a.fireAt - b.fireAt);
  }
  processedAdd(id: string, target: string): boolean {
    if (this.state.processed.has(id)) return false;
    this.state.processed.set(id, target);
    return true;
  }
  processedHas(id: string): boolean {
    return this.state.processed.has(id);
  }
}
