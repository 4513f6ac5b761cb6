import { describe, expect, it } from 'bun:test';
import { MaildropLocks } from '../../../../actors/protocol/pop3/maildrop-locks.ts';
import { Pop3Connections } from '../../../../actors/protocol/pop3/connections.ts';
import { MAX_QUEUED_INPUT_CHUNKS, POP3_SESSION_PASSIVATE_AFTER_MS } from '../../../../actors/protocol/pop3/limits.ts';
import { pop3SessionName } from '../../../../actors/protocol/pop3/session.actor.ts';
import type { CloseReason, Connection } from '../../../../src/net/connection.ts';
import { SimulatedClock } from '../../../../src/runtime/clock.ts';
import { MemoryDurableStore } from '../../../../src/runtime/memory-durable.ts';
import { ActorSystem } from '../../../../src/runtime/system.ts';
import { deps, FakeBackend, FakeConnection } from './fakes.ts';

/** A full Connection over the recording fake, with the listener-side hooks the glue uses. */
class HookedConnection extends FakeConnection implements Connection {
  readonly listener = 'pop3s';
  readonly remotePort = 40000;
  paused = false;
  dataCb: ((b: Uint8Array, secure: boolean) => void) | null = null;
  closeCb: ((r: CloseReason) => void) | null = null;
  setIdleTimeout(): void {}
  onData(cb: (b: Uint8Array, secure: boolean) => void): void {
    this.dataCb = cb;
  }
  onClose(cb: (r: CloseReason) => void): void {
    this.closeCb = cb;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  input(text: string): void {
    this.dataCb!(new TextEncoder().encode(text), this.secure);
  }
}

function setup() {
  const clock = new SimulatedClock();
  const system = new ActorSystem({ store: new MemoryDurableStore(), clock });
  const backend = new FakeBackend();
  backend.add('Subject: a\r\n\r\nx\r\n');
  const locks = new MaildropLocks();
  const registry = new Pop3Connections(system, deps(backend, {}, locks));
  system.register(registry.kind());
  system.start();
  return { clock, system, backend, registry, locks };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('pop3-session actors', () => {
  it('greets, answers through the actor and forgets the session after close', async () => {
    const { registry, system } = setup();
    const conn = new HookedConnection('k1');
    registry.attach(conn);
    await settle();
    expect(conn.take()).toBe('+OK pop.pec.test POP3 server ready\r\n');
    conn.input('USER mario@pec.test\r\nPASS segreta\r\nSTAT\r\n');
    await settle();
    expect(conn.take()).toBe('+OK send PASS\r\n+OK maildrop has 1 messages (17 octets)\r\n+OK 1 17\r\n');
    expect(system.liveActors()).toContain(pop3SessionName('k1'));
    conn.closeCb!('peer');
    await settle();
    expect(registry.size).toBe(0);
  });

  it(`pauses reading at ${MAX_QUEUED_INPUT_CHUNKS} unprocessed chunks and resumes when the session catches up`, async () => {
    const { registry } = setup();
    const conn = new HookedConnection('k2');
    registry.attach(conn);
    for (let i = 0; i < MAX_QUEUED_INPUT_CHUNKS; i++) conn.input('CAPA\r\n');
    expect(conn.paused).toBe(true); // told synchronously, processed later
    await settle();
    expect(conn.paused).toBe(false);
    expect(conn.take().match(/Capability list follows/g)?.length).toBe(MAX_QUEUED_INPUT_CHUNKS);
  });

  it('keeps the session state when its actor is passivated and rebuilt', async () => {
    const { registry, system, clock } = setup();
    const conn = new HookedConnection('k3');
    registry.attach(conn);
    conn.input('USER mario@pec.test\r\nPASS segreta\r\n');
    await settle();
    conn.take();
    clock.advance(POP3_SESSION_PASSIVATE_AFTER_MS + 1);
    expect(system.liveActors()).not.toContain(pop3SessionName('k3'));
    conn.input('STAT\r\n');
    await settle();
    expect(conn.take()).toBe('+OK 1 17\r\n');
  });

  it('closes the connection and releases the maildrop when the system is stopping', async () => {
    const { registry, system, locks } = setup();
    const conn = new HookedConnection('k4');
    registry.attach(conn);
    conn.input('USER mario@pec.test\r\nPASS segreta\r\n');
    await settle();
    expect(locks.held(1)).toBe(true);
    await system.stop();
    conn.input('STAT\r\n');
    expect(conn.closed).toBe(true);
    expect(registry.size).toBe(0);
    await settle();
    expect(locks.held(1)).toBe(false);
  });
});
