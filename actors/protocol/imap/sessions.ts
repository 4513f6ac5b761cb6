// The `imap-session` actor kind (ARCHITECTURE "The actor runtime"): one actor per connection, named
// imap-session:<connection id>. Sessions live here while their connection is open, so a passivated cell is rebuilt
// from this table; input flows through the actor's queue with socket pause/resume as back-pressure.
import type { Connection } from '../../../src/net/connection.ts';
import type { ActorKind } from '../../../src/runtime/actor.ts';
import { ActorStoppedError } from '../../../src/runtime/errors.ts';
import type { ImapDeps } from './context.ts';
import type { DispatchLimits } from './dispatcher.ts';
import { MAX_QUEUED_INPUTS, SESSION_PASSIVATE_AFTER_MS, SESSION_QUEUE_CAPACITY } from './limits.ts';
import { ImapSession, type ImapSessionMsg } from './session.actor.ts';

export const IMAP_SESSION_PREFIX = 'imap-session';

export function imapSessionName(connectionId: string): string {
  return `${IMAP_SESSION_PREFIX}:${connectionId}`;
}

export class ImapSessions {
  private readonly live = new Map<string, ImapSession>();
  readonly kind: ActorKind<ImapSessionMsg>;

  constructor(
    private readonly deps: ImapDeps,
    private readonly limits?: DispatchLimits,
  ) {
    this.kind = {
      prefix: IMAP_SESSION_PREFIX,
      // A fault inside a session is answered by the session itself; the runtime only resumes it.
      supervision: 'resume',
      queueCapacity: SESSION_QUEUE_CAPACITY,
      passivateAfterMs: SESSION_PASSIVATE_AFTER_MS,
      create: (id) => {
        const s = this.live.get(id);
        if (!s) throw new ActorStoppedError(imapSessionName(id));
        return s;
      },
    };
  }

  get count(): number {
    return this.live.size;
  }

  /** A new connection (after the TLS handshake on an implicit-TLS port): creates its session and greets. */
  open(conn: Connection, tlsAvailable: boolean): void {
    const name = imapSessionName(conn.id);
    const tell = (msg: ImapSessionMsg): boolean => {
      try {
        this.deps.system.tell(name, msg);
        return true;
      } catch {
        return false; // the system is stopping or the session ended
      }
    };
    const session = new ImapSession(conn, this.deps, {
      tlsAvailable,
      ...(this.limits ? { limits: this.limits } : {}),
      poke: () => void tell({ type: 'changes' }),
      onEnd: () => this.live.delete(conn.id),
    });
    this.live.set(conn.id, session);
    conn.onClose((reason) => void tell({ type: 'closed', reason }));
    conn.onData((bytes, secure) => {
      if (++session.queuedInputs >= MAX_QUEUED_INPUTS && !session.inputPaused) {
        session.inputPaused = true;
        conn.pause();
      }
      if (!tell({ type: 'data', bytes, secure })) conn.close();
    });
    tell({ type: 'open' });
  }
}
