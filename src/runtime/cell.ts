// One live actor: its bounded FIFO queue, the one-message-at-a-time loop, supervision and passivation.
import type { Actor, ActorKind } from './actor.ts';
import { ActorStoppedError, QueueFullError } from './errors.ts';

/** Default bound of an actor's queue; a full queue is back-pressure, not growth. */
export const DEFAULT_QUEUE_CAPACITY = 1_000;

export interface Envelope {
  msg: unknown;
  /** Set for outbox and timer deliveries: the id the receiver is idempotent on. */
  durableId?: string;
  /** What the runtime does in the receiver's transaction to consume the durable record. */
  consume?: 'outbox' | 'timer';
  timerId?: string;
  timerAt?: number;
  reply?: { resolve: (v: unknown) => void; reject: (e: unknown) => void };
  attempt?: number;
}

export interface CellHost {
  run(cell: Cell, env: Envelope): Promise<void>;
  armPassivation(cell: Cell): void;
}

export class Cell {
  private queue: Envelope[] = [];
  private running = false;
  actor: Actor | null = null;
  stopped = false;
  lastActive = 0;
  cancelPassivation: (() => void) | null = null;

  constructor(
    readonly name: string,
    readonly id: string,
    readonly kind: ActorKind,
    private readonly host: CellHost,
  ) {}

  get capacity(): number {
    return this.kind.queueCapacity ?? DEFAULT_QUEUE_CAPACITY;
  }

  get busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  /** Enqueues; `bounded` false for durable deliveries, which are already persisted and must not be refused. */
  enqueue(env: Envelope, bounded: boolean): void {
    if (this.stopped) throw new ActorStoppedError(this.name);
    if (bounded && this.queue.length >= this.capacity) throw new QueueFullError(this.name, this.capacity);
    this.queue.push(env);
    if (!this.running) void this.drain();
  }

  /** Rejects everything waiting (stop policy, shutdown). */
  failQueued(err: unknown): void {
    const waiting = this.queue;
    this.queue = [];
    for (const env of waiting) env.reply?.reject(err);
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.cancelPassivation?.();
    this.cancelPassivation = null;
    try {
      for (let env = this.queue.shift(); env; env = this.queue.shift()) {
        await this.host.run(this, env);
        if (this.stopped) break;
      }
    } finally {
      this.running = false;
      if (!this.stopped) this.host.armPassivation(this);
    }
  }
}
