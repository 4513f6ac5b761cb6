// Publishes typed events to subscribers; one structured JSON line per event on stdout when logging is on.
import type { Clock } from '../runtime/clock.ts';
import type { AppEvent } from './catalogue.ts';

export type Subscriber = (e: AppEvent, at: number) => void;

export class EventBus {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly clock: Clock,
    private readonly log: ((line: string) => void) | null = (line) => process.stdout.write(line + '\n'),
  ) {}

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  emit(e: AppEvent): void {
    const at = this.clock.now();
    if (this.log) this.log(JSON.stringify({ at: new Date(at).toISOString(), ...e }));
    for (const fn of this.subscribers) {
      try {
        fn(e, at);
      } catch {
        // A faulty subscriber never stops the emitter (the mail flow matters more than a metric).
      }
    }
  }
}
