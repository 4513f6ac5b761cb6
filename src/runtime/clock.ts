// The only place that reads wall time or arms real timers for domain logic (CONVENTIONS 6).
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Arms a one-shot timer; returns a cancel function. */
  setTimer(delayMs: number, fn: () => void): () => void;
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimer(delayMs: number, fn: () => void): () => void {
    // setTimeout overflows past 2^31-1 ms (~24.8 days): re-arm in steps.
    const MAX = 2_000_000_000;
    let handle: ReturnType<typeof setTimeout>;
    const arm = (left: number) => {
      handle = setTimeout(() => (left > MAX ? arm(left - MAX) : fn()), Math.min(Math.max(0, left), MAX));
      (handle as { unref?: () => void }).unref?.();
    };
    arm(delayMs);
    return () => clearTimeout(handle);
  }
}

interface SimTimer {
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when told to: tests drive 12 h / 24 h deadlines in milliseconds. */
export class SimulatedClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: SimTimer[] = [];

  constructor(start: number = Date.UTC(2026, 0, 15, 9, 0, 0)) {
    this.current = start;
  }
  now(): number {
    return this.current;
  }
  setTimer(delayMs: number, fn: () => void): () => void {
    const t: SimTimer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn };
    this.timers.push(t);
    return () => {
      this.timers = this.timers.filter((x) => x !== t);
    };
  }
  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }
  /** Number of armed timers (for tests). */
  pending(): number {
    return this.timers.length;
  }
}
