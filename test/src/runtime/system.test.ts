import { describe, expect, it } from 'bun:test';
import type { Actor, ActorKind } from '../../../src/runtime/actor.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { ActorStoppedError, AskTimeoutError, QueueFullError } from '../../../src/runtime/errors.ts';
import { MemoryDurableStore } from '../../../src/runtime/memory-durable.ts';
import { ActorSystem, type RuntimeEvent } from '../../../src/runtime/system.ts';

type Msg =
  | { type: 'inc'; by?: number }
  | { type: 'get' }
  | { type: 'slow'; ms: number }
  | { type: 'boom' }
  | { type: 'forward'; to: string; fail?: boolean }
  | { type: 'remind'; at: number };

/** A counter whose state lives in the store's kv rows, so that it can be rebuilt after restart or passivation. */
function counterKind(store: MemoryDurableStore, opts: Partial<ActorKind> & { creations?: string[] } = {}): ActorKind<Msg> {
  return {
    prefix: 'counter',
    supervision: opts.supervision,
    queueCapacity: opts.queueCapacity,
    passivateAfterMs: opts.passivateAfterMs,
    create(id): Actor<Msg> {
      opts.creations?.push(id);
      let value = (store.kv.get(`counter:${id}`) as number | undefined) ?? 0;
      return {
        async receive(msg, ctx) {
          switch (msg.type) {
            case 'inc':
              value += msg.by ?? 1;
              ctx.tx(() => store.kv.set(`counter:${id}`, value));
              return value;
            case 'get':
              return value;
            case 'slow':
              await new Promise((r) => setTimeout(r, msg.ms));
              return value;
            case 'boom':
              value = -999; // in-memory corruption that a restart must discard
              throw new Error('boom');
            case 'forward':
              ctx.tx((tx) => {
                tx.send(msg.to, { type: 'inc' });
                if (msg.fail) throw new Error('rolled back');
              });
              return 'sent';
            case 'remind':
              ctx.tx((tx) => tx.schedule(`remind:${id}`, msg.at, `counter:${id}`, { type: 'inc', by: 100 }));
              return 'armed';
          }
        },
      };
    },
  };
}

function setup(kindOpts: Partial<ActorKind> & { creations?: string[] } = {}, store = new MemoryDurableStore()) {
  const clock = new SimulatedClock();
  const events: RuntimeEvent[] = [];
  const escalated: string[] = [];
  const system = new ActorSystem({ store, clock, onEvent: (e) => events.push(e), onEscalate: (a) => escalated.push(a) });
  system.register(counterKind(store, kindOpts));
  system.start();
  return { store, clock, system, events, escalated };
}

const T = 5_000;

describe('actor runtime', () => {
  it('handles one message at a time, in order', async () => {
    const { system } = setup();
    let active = 0;
    let maxActive = 0;
    const kind: ActorKind<number> = {
      prefix: 'seq',
      create: () => ({
        async receive(n) {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 1));
          active--;
          return n;
        },
      }),
    };
    system.register(kind);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => system.ask<number>('seq:a', n, T)));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(maxActive).toBe(1);
  });

  it('refuses a tell with QueueFullError when the bounded queue is full (back-pressure)', async () => {
    const { system } = setup({ queueCapacity: 2 });
    const first = system.ask('counter:q', { type: 'slow', ms: 20 }, T); // running, not queued
    system.tell('counter:q', { type: 'get' });
    system.tell('counter:q', { type: 'get' });
    expect(() => system.tell('counter:q', { type: 'get' })).toThrow(QueueFullError);
    await first;
  });

  it('rejects an ask with AskTimeoutError when the timeout passes (simulated clock)', async () => {
    const { system, clock } = setup();
    const p = system.ask('counter:t', { type: 'slow', ms: 30 }, 1_000);
    clock.advance(1_001);
    await expect(p).rejects.toBeInstanceOf(AskTimeoutError);
  });

  it('resume keeps the in-memory state after a failure', async () => {
    const { system, events } = setup({ supervision: 'resume' });
    await system.ask('counter:r', { type: 'inc' }, T);
    await expect(system.ask('counter:r', { type: 'boom' }, T)).rejects.toThrow('boom');
    expect(await system.ask('counter:r', { type: 'get' }, T)).toBe(-999);
    expect(events.some((e) => e.type === 'runtime.actor-failed' && e.policy === 'resume')).toBe(true);
  });

  it('restart discards the in-memory state and rebuilds the actor from the store', async () => {
    const creations: string[] = [];
    const { system } = setup({ supervision: 'restart', creations });
    await system.ask('counter:s', { type: 'inc', by: 7 }, T);
    await expect(system.ask('counter:s', { type: 'boom' }, T)).rejects.toThrow('boom');
    expect(await system.ask('counter:s', { type: 'get' }, T)).toBe(7);
    expect(creations).toEqual(['s', 's']);
  });

  it('stop refuses further messages; escalate reports to the supervisor and stops', async () => {
    const a = setup({ supervision: 'stop' });
    await expect(a.system.ask('counter:x', { type: 'boom' }, T)).rejects.toThrow('boom');
    await expect(a.system.ask('counter:x', { type: 'get' }, T)).rejects.toBeInstanceOf(ActorStoppedError);
    const b = setup({ supervision: 'escalate' });
    await expect(b.system.ask('counter:y', { type: 'boom' }, T)).rejects.toThrow('boom');
    expect(b.escalated).toEqual(['counter:y']);
    expect(() => b.system.tell('counter:y', { type: 'get' })).toThrow(ActorStoppedError);
  });

  it('passivates an idle actor and rehydrates it from the store on the next message', async () => {
    const creations: string[] = [];
    const { system, clock } = setup({ passivateAfterMs: 60_000, creations });
    await system.ask('counter:p', { type: 'inc', by: 3 }, T);
    expect(system.liveActors()).toContain('counter:p');
    await Bun.sleep(1); // the actor's loop arms its idle timer once its queue is empty
    clock.advance(60_001);
    expect(system.liveActors()).not.toContain('counter:p');
    expect(await system.ask('counter:p', { type: 'inc' }, T)).toBe(4);
    expect(creations).toEqual(['p', 'p']);
  });

  it('releases an ask reply only after the commit that records its writes (output gate)', async () => {
    const { system } = setup();
    const before = system.commits;
    await system.ask('counter:g', { type: 'inc' }, T);
    expect(system.commits).toBe(before + 1);
  });

  it('rejects the reply and rebuilds actors when the commit fails', async () => {
    const { system, store, events } = setup();
    await system.ask('counter:f', { type: 'inc' }, T);
    store.failNextCommit = true;
    await expect(system.ask('counter:f', { type: 'inc' }, T)).rejects.toThrow('disk I/O error');
    expect(events.some((e) => e.type === 'runtime.commit-failed')).toBe(true);
    expect(await system.ask('counter:f', { type: 'get' }, T)).toBe(1); // the uncommitted increment is gone
  });

  it('shares one transaction among the writes of many actors in one tick (group commit)', async () => {
    const { system } = setup();
    const before = system.commits;
    await Promise.all(Array.from({ length: 50 }, (_, i) => system.ask(`counter:gc${i}`, { type: 'inc' }, T)));
    expect(system.commits - before).toBeLessThanOrEqual(2);
  });

  it('delivers an outbox message only when the step that recorded it commits', async () => {
    const { system, store } = setup();
    await system.ask('counter:src', { type: 'forward', to: 'counter:dst' }, T);
    await expect(system.ask('counter:src', { type: 'forward', to: 'counter:dst', fail: true }, T)).rejects.toThrow();
    await Bun.sleep(5);
    expect(await system.ask('counter:dst', { type: 'get' }, T)).toBe(1);
    expect(store.outboxPending()).toEqual([]);
  });

  it('re-delivers a recorded outbox message after a crash, exactly once', async () => {
    const store = new MemoryDurableStore();
    // A crash right after commit: the record is in the store, the process died before delivering it.
    store.transaction(() =>
      store.outboxInsert({ id: 'm-1', target: 'counter:c', payload: JSON.stringify({ type: 'inc' }), createdAt: 0 }),
    );
    const { system } = setup({}, store);
    await Bun.sleep(5);
    expect(await system.ask('counter:c', { type: 'get' }, T)).toBe(1);
    // A duplicate of the same id (e.g. the sender re-sent after its own restart) is ignored.
    store.transaction(() =>
      store.outboxInsert({ id: 'm-1', target: 'counter:c', payload: JSON.stringify({ type: 'inc' }), createdAt: 0 }),
    );
    await system.stop();
    const again = setup({}, store);
    await Bun.sleep(5);
    expect(await again.system.ask('counter:c', { type: 'get' }, T)).toBe(1);
    expect(store.outboxPending()).toEqual([]);
  });

  it('fires a persisted timer after a restart', async () => {
    const store = new MemoryDurableStore();
    const first = setup({}, store);
    const at = first.clock.now() + 12 * 3600_000;
    await first.system.ask('counter:tm', { type: 'remind', at }, T);
    await first.system.stop();
    expect(store.timersAll().length).toBe(1);
    const second = setup({}, store);
    second.clock.advance(12 * 3600_000 + 1);
    await Bun.sleep(5);
    expect(await second.system.ask('counter:tm', { type: 'get' }, T)).toBe(100);
    expect(store.timersAll()).toEqual([]);
  });

  it('retries a failing durable delivery with backoff and reports a dead letter after the last attempt', async () => {
    const { system, clock, events, store } = setup({ supervision: 'restart' });
    store.transaction(() =>
      store.outboxInsert({ id: 'bad', target: 'counter:d', payload: JSON.stringify({ type: 'boom' }), createdAt: 0 }),
    );
    system.start();
    for (let i = 0; i < 6; i++) {
      await Bun.sleep(2);
      clock.advance(10_000);
    }
    await Bun.sleep(2);
    expect(events.filter((e) => e.type === 'runtime.dead-letter').length).toBe(1);
    expect(store.outboxPending().map((r) => r.id)).toEqual(['bad']); // kept for the next start, never dropped
  });
});
