// Glue between src/net connections and pop3-session actors: the id -> session map the actor kind reads, input
// flow control, and the `pop3-session` ActorKind.
import type { Connection } from '../../../src/net/connection.ts';
import type { ActorKind } from '../../../src/runtime/actor.ts';
import type { ActorSystem } from '../../../src/runtime/system.ts';
import type { Pop3Deps } from './context.ts';
import { MAX_QUEUED_INPUT_CHUNKS, POP3_SESSION_PASSIVATE_AFTER_MS, POP3_SESSION_QUEUE_CAPACITY } from './limits.ts';
import { POP3_SESSION_PREFIX, Pop3Session, pop3SessionName, type Pop3SessionMsg } from './session.actor.ts';

export class SessionGoneError extends Error {
  override readonly name = 'SessionGoneError';
  constructor(id: string) {
    super(`no open POP3 connection ${id}`);
  }
}

interface Entry {
  readonly conn: Connection;
  readonly session: Pop3Session;
  /** Input chunks told and not yet processed. */
  inflight: number;
}

/**
 * The session object lives here while its connection is open, so a passivated pop3-session actor is rebuilt
 * with its state intact (this map is the session's store); the entry goes when the session handled 'closed'.
 */
export class Pop3Connections {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly system: ActorSystem,
    private readonly deps: Pop3Deps,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  kind(): ActorKind<Pop3SessionMsg> {
    return {
      prefix: POP3_SESSION_PREFIX,
      supervision: 'resume', // the session catches its own faults; nothing to rebuild
      queueCapacity: POP3_SESSION_QUEUE_CAPACITY,
      passivateAfterMs: POP3_SESSION_PASSIVATE_AFTER_MS,
      create: (id) => {
        const entry = this.entries.get(id);
        if (!entry) throw new SessionGoneError(id);
        return { receive: (msg: Pop3SessionMsg) => this.receive(entry, msg) };
      },
    };
  }

  /** Called by the listener for each accepted connection. */
  attach(conn: Connection): void {
    const entry: Entry = { conn, session: new Pop3Session(conn, this.deps), inflight: 0 };
    this.entries.set(conn.id, entry);
    const name = pop3SessionName(conn.id);
    conn.onData((bytes, secure) => {
      // Back-pressure (ARCHITECTURE): stop reading while the session has MAX_QUEUED_INPUT_CHUNKS unprocessed.
      if (++entry.inflight >= MAX_QUEUED_INPUT_CHUNKS) conn.pause();
      this.tellOrDrop(entry, name, { type: 'data', bytes, secure });
    });
    conn.onClose((reason) => this.tellOrDrop(entry, name, { type: 'closed', reason }));
    this.tellOrDrop(entry, name, { type: 'open' });
  }

  private async receive(entry: Entry, msg: Pop3SessionMsg): Promise<void> {
    try {
      await entry.session.receive(msg);
    } finally {
      if (msg.type === 'data' && --entry.inflight < MAX_QUEUED_INPUT_CHUNKS && !entry.conn.closed) entry.conn.resume();
      if (msg.type === 'closed') this.entries.delete(entry.conn.id);
    }
  }

  /** When the actor cannot take the message (queue full, system stopping) the session ends here and now. */
  private tellOrDrop(entry: Entry, name: string, msg: Pop3SessionMsg): void {
    try {
      this.system.tell(name, msg);
    } catch {
      if (this.entries.get(entry.conn.id) !== entry) return;
      this.entries.delete(entry.conn.id);
      void entry.session.receive({ type: 'closed', reason: 'error' });
      entry.conn.close();
    }
  }
}
