// What an actor is: a named owner of state that handles one message at a time (ARCHITECTURE "The actor runtime").
import type { Clock } from './clock.ts';

/** The closed set of supervision policies applied when a handler throws. */
export type SupervisionPolicy = 'resume' | 'restart' | 'stop' | 'escalate';

/** Inside ctx.tx(): the writes of one atomic step. Sends and timers recorded here commit with the state change. */
export interface Tx {
  /** Transactional outbox: delivered after commit, re-delivered after a crash; the receiver is idempotent on `id`. */
  send(target: string, msg: unknown, id?: string): string;
  /** A persisted timer: fires at `at` (clock time) even after a restart; the same id replaces an earlier timer. */
  schedule(timerId: string, at: number, target: string, msg: unknown): void;
  cancelTimer(timerId: string): void;
  /** Runs after the commit that records this step (output gate): replies, socket writes, notifications. */
  afterCommit(fn: () => void): void;
}

export interface ActorContext {
  readonly self: string;
  readonly clock: Clock;
  /** The durable id when this message came from the outbox or a timer, else undefined. */
  readonly messageId: string | undefined;
  /**
   * Runs `fn` synchronously inside the shared group-commit transaction, in its own savepoint: all of its writes, sends
   * and timers commit together or not at all. Do an actor's writes for one message in one tx call.
   */
  tx<T>(fn: (tx: Tx) => T): T;
  /** Ask another actor (timeout mandatory). */
  ask<R>(target: string, msg: unknown, timeoutMs: number): Promise<R>;
  /** Non-durable tell (best effort, bounded). */
  tell(target: string, msg: unknown): void;
}

export interface Actor<M = unknown> {
  /** Handles one message; the returned value answers an ask, released after the commit of this message's writes. */
  receive(msg: M, ctx: ActorContext): unknown;
  /** Called when the actor is passivated or stopped (free in-memory resources; state is already in the store). */
  onStop?(): void;
}

export interface ActorKind<M = unknown> {
  /** Name prefix: actor names are `${prefix}:${id}`. */
  readonly prefix: string;
  /** Builds (or rehydrates from the store) the actor for this id. */
  create(id: string): Actor<M> | Promise<Actor<M>>;
  readonly supervision?: SupervisionPolicy;
  readonly queueCapacity?: number;
  /** Idle time after which the actor is dropped from memory; undefined = never. */
  readonly passivateAfterMs?: number;
}
