// The actor system: registry of kinds and live cells, tell/ask, the transactional outbox, persisted timers,
// supervision and passivation. Independent of PEC: it knows only names, messages and the DurableStore port.
import type { Actor, ActorContext, ActorKind, Tx } from './actor.ts';
import { Cell, type CellHost, type Envelope } from './cell.ts';
import type { Clock } from './clock.ts';
import type { DurableStore, TimerRecord } from './durable.ts';
import { AskTimeoutError, ActorStoppedError, SystemStoppedError, UnknownKindError } from './errors.ts';
import { GroupCommit } from './group-commit.ts';
import { newId } from './ids.ts';

/** A durable message that keeps failing is retried this many times in-process, then left for the next start. */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** Backoff between in-process retries of a failed durable delivery (times the attempt number). */
export const RETRY_BACKOFF_MS = 1_000;

export type RuntimeEvent =
  | { type: 'runtime.actor-failed'; actor: string; policy: string; error: string }
  | { type: 'runtime.dead-letter'; actor: string; messageId: string; attempts: number; error: string }
  | { type: 'runtime.commit-failed'; error: string }
  | { type: 'runtime.recovered'; outbox: number; timers: number };

export interface ActorSystemOptions {
  store: DurableStore;
  clock: Clock;
  onEvent?: (e: RuntimeEvent) => void;
  /** Called for the `escalate` policy; the actor is stopped after it. */
  onEscalate?: (actor: string, error: unknown) => void;
}

/** Errors that mark themselves `refusal: true` are typed answers of the domain, not actor faults. */
function isRefusal(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { refusal?: unknown }).refusal === true;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export class ActorSystem implements CellHost {
  private readonly kinds = new Map<string, ActorKind>();
  private readonly cells = new Map<string, Cell>();
  private readonly stoppedNames = new Set<string>();
  private readonly armedTimers = new Map<string, { at: number; cancel: () => void }>();
  private readonly commit: GroupCommit;
  private running = true;
  readonly clock: Clock;

  constructor(private readonly opts: ActorSystemOptions) {
    this.clock = opts.clock;
    this.commit = new GroupCommit(opts.store, (e) => this.commitFailed(e));
  }

  register(kind: ActorKind<any>): this {
    this.kinds.set(kind.prefix, kind as ActorKind);
    return this;
  }

  /** Re-delivers what the outbox holds and re-arms persisted timers (after a restart or a crash). */
  start(): void {
    const pending = this.opts.store.outboxPending();
    for (const r of pending) this.deliver(r.target, { msg: JSON.parse(r.payload), durableId: r.id, consume: 'outbox' });
    const timers = this.opts.store.timersAll();
    for (const t of timers) this.arm(t);
    this.emit({ type: 'runtime.recovered', outbox: pending.length, timers: timers.length });
  }

  /** Best-effort message; throws QueueFullError when the target's queue is full (back-pressure). */
  tell(target: string, msg: unknown): void {
    this.cellFor(target).enqueue({ msg }, true);
  }

  ask<R>(target: string, msg: unknown, timeoutMs: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const cancel = this.clock.setTimer(timeoutMs, () => {
        if (settled) return;
        settled = true;
        reject(new AskTimeoutError(target, timeoutMs));
      });
      const reply = {
        resolve: (v: unknown) => {
          if (settled) return;
          settled = true;
          cancel();
          resolve(v as R);
        },
        reject: (e: unknown) => {
          if (settled) return;
          settled = true;
          cancel();
          reject(e);
        },
      };
      try {
        this.cellFor(target).enqueue({ msg, reply }, true);
      } catch (e) {
        reply.reject(e);
      }
    });
  }

  /** Durable send from outside an actor (web, protocol edges): resolves once recorded and committed. */
  async sendDurable(target: string, msg: unknown, id?: string): Promise<string> {
    let sent = '';
    const { epoch } = this.step((tx) => {
      sent = tx.send(target, msg, id);
    });
    await epoch.committed;
    return sent;
  }

  /** Commits what is pending now (tests, shutdown). */
  flush(): void {
    this.commit.flush();
  }

  get commits(): number {
    return this.commit.commits;
  }

  /** Live (non-passivated) actor names. */
  liveActors(): string[] {
    return [...this.cells.keys()];
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.armedTimers.values()) t.cancel();
    this.armedTimers.clear();
    for (const cell of this.cells.values()) {
      cell.stopped = true;
      cell.cancelPassivation?.();
      cell.failQueued(new SystemStoppedError());
      cell.actor?.onStop?.();
    }
    this.cells.clear();
    this.commit.close();
  }

  // ---- CellHost ----

  async run(cell: Cell, env: Envelope): Promise<void> {
    if (env.durableId && this.opts.store.processedHas(env.durableId)) {
      // Receivers are idempotent on the id: a duplicate only clears what is left of its record.
      this.step(() => this.consume(cell.name, env, false));
      env.reply?.resolve(undefined);
      return;
    }
    let consumed = !env.durableId;
    let lastEpoch: { id: number; committed: Promise<void> } | null = null;
    const ctx: ActorContext = {
      self: cell.name,
      clock: this.clock,
      messageId: env.durableId,
      tx: <T>(fn: (tx: Tx) => T): T => {
        const { value, epoch } = this.step((tx) => {
          if (!consumed) this.consume(cell.name, env, true);
          return fn(tx);
        });
        consumed = true;
        lastEpoch = epoch;
        return value;
      },
      ask: (target, msg, timeoutMs) => this.ask(target, msg, timeoutMs),
      tell: (target, msg) => this.tell(target, msg),
    };
    try {
      const actor = cell.actor ?? (cell.actor = await cell.kind.create(cell.id));
      const result = await actor.receive(env.msg, ctx);
      if (!consumed) ctx.tx(() => undefined);
      const epoch = lastEpoch as { id: number; committed: Promise<void> } | null;
      if (epoch && !this.commit.isCommitted(epoch.id)) await epoch.committed;
      env.reply?.resolve(result);
    } catch (e) {
      env.reply?.reject(e);
      if (isRefusal(e)) {
        // An expected answer (quota full, unknown folder): nothing to retry or supervise; a durable record is consumed.
        if (!consumed) this.step(() => this.consume(cell.name, env, true));
        return;
      }
      if (!consumed) this.retryLater(cell.name, env, e);
      this.supervise(cell, e);
    } finally {
      cell.lastActive = this.clock.now();
    }
  }

  armPassivation(cell: Cell): void {
    const after = cell.kind.passivateAfterMs;
    if (after === undefined || !this.running) return;
    cell.cancelPassivation?.();
    cell.cancelPassivation = this.clock.setTimer(after, () => {
      if (cell.busy || this.cells.get(cell.name) !== cell) return;
      this.cells.delete(cell.name);
      cell.stopped = true;
      cell.actor?.onStop?.();
      cell.actor = null;
    });
  }

  // ---- internals ----

  private step<T>(fn: (tx: Tx) => T) {
    const after: Array<() => void> = [];
    const tx: Tx = {
      send: (target, msg, id) => {
        const mid = id ?? newId();
        this.opts.store.outboxInsert({ id: mid, target, payload: JSON.stringify(msg), createdAt: this.clock.now() });
        after.push(() => this.deliver(target, { msg: structuredClone(msg), durableId: mid, consume: 'outbox' }));
        return mid;
      },
      schedule: (timerId, at, target, msg) => {
        const rec: TimerRecord = { id: timerId, target, fireAt: at, payload: JSON.stringify(msg) };
        this.opts.store.timerUpsert(rec);
        after.push(() => this.arm(rec));
      },
      cancelTimer: (timerId) => {
        this.opts.store.timerDelete(timerId);
        after.push(() => this.disarm(timerId));
      },
      afterCommit: (fn) => after.push(fn),
    };
    return this.commit.step(() => fn(tx), after);
  }

  /** In the receiver's transaction: the durable record is consumed and its id remembered (idempotent receivers). */
  private consume(target: string, env: Envelope, record: boolean): void {
    const id = env.durableId;
    if (!id) return;
    if (env.consume === 'outbox') this.opts.store.outboxDelete(id);
    if (env.consume === 'timer' && env.timerId && env.timerAt !== undefined) this.opts.store.timerDelete(env.timerId, env.timerAt);
    if (record) this.opts.store.processedAdd(id, target, this.clock.now());
  }

  private deliver(target: string, env: Envelope): void {
    if (!this.running) return; // still in the store: delivered at the next start
    try {
      this.cellFor(target).enqueue(env, false);
    } catch (e) {
      this.emit({ type: 'runtime.dead-letter', actor: target, messageId: env.durableId ?? '', attempts: 0, error: errorText(e) });
    }
  }

  private retryLater(target: string, env: Envelope, e: unknown): void {
    const attempt = (env.attempt ?? 0) + 1;
    if (attempt >= MAX_DELIVERY_ATTEMPTS) {
      this.emit({ type: 'runtime.dead-letter', actor: target, messageId: env.durableId ?? '', attempts: attempt, error: errorText(e) });
      return;
    }
    this.clock.setTimer(RETRY_BACKOFF_MS * attempt, () => this.deliver(target, { ...env, reply: undefined, attempt }));
  }

  private arm(t: TimerRecord): void {
    this.disarm(t.id);
    const fire = () => {
      if (this.armedTimers.get(t.id)?.at === t.fireAt) this.armedTimers.delete(t.id);
      const env: Envelope = { msg: JSON.parse(t.payload), durableId: `timer:${t.id}@${t.fireAt}`, consume: 'timer' };
      this.deliver(t.target, { ...env, timerId: t.id, timerAt: t.fireAt });
    };
    const cancel = this.clock.setTimer(t.fireAt - this.clock.now(), fire);
    this.armedTimers.set(t.id, { at: t.fireAt, cancel });
  }

  private disarm(timerId: string): void {
    this.armedTimers.get(timerId)?.cancel();
    this.armedTimers.delete(timerId);
  }

  private supervise(cell: Cell, e: unknown): void {
    const policy = cell.kind.supervision ?? 'restart';
    this.emit({ type: 'runtime.actor-failed', actor: cell.name, policy, error: errorText(e) });
    switch (policy) {
      case 'resume':
        return;
      case 'restart':
        cell.actor?.onStop?.();
        cell.actor = null; // rebuilt from the store on the next message
        return;
      case 'escalate':
        this.opts.onEscalate?.(cell.name, e);
        this.stopCell(cell);
        return;
      case 'stop':
        this.stopCell(cell);
        return;
    }
  }

  private stopCell(cell: Cell): void {
    cell.stopped = true;
    cell.failQueued(new ActorStoppedError(cell.name));
    cell.actor?.onStop?.();
    cell.actor = null;
    this.cells.delete(cell.name);
    this.stoppedNames.add(cell.name);
  }

  private commitFailed(e: unknown): void {
    try {
      this.opts.store.transactionRollback();
    } catch {
      /* the transaction may already be gone */
    }
    // In-memory state may now be ahead of the store: rebuild every actor from what is committed.
    for (const cell of this.cells.values()) {
      cell.actor?.onStop?.();
      cell.actor = null;
    }
    this.emit({ type: 'runtime.commit-failed', error: errorText(e) });
  }

  private cellFor(name: string): Cell {
    if (!this.running) throw new SystemStoppedError();
    const live = this.cells.get(name);
    if (live) return live;
    if (this.stoppedNames.has(name)) throw new ActorStoppedError(name);
    const sep = name.indexOf(':');
    const kind = sep > 0 ? this.kinds.get(name.slice(0, sep)) : undefined;
    if (!kind) throw new UnknownKindError(name);
    const cell = new Cell(name, name.slice(sep + 1), kind, this);
    this.cells.set(name, cell);
    return cell;
  }

  private emit(e: RuntimeEvent): void {
    this.opts.onEvent?.(e);
  }
}

export type { Actor, ActorContext, ActorKind, Tx };
