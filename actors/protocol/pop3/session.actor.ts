// The POP3 session actor (RFC 1939, 2449, 2595, 5034): one per connection, the only owner of its state.
import type { Actor } from '../../../src/runtime/actor.ts';
import type { CloseReason } from '../../../src/net/connection.ts';
import { Pop3Decoder } from '../../../src/protocol/pop3/decoder.ts';
import { err, ok } from '../../../src/protocol/pop3/encoder.ts';
import { continueSasl } from './commands/auth.ts';
import type { Pop3Context, Pop3Deps, SessionConnection } from './context.ts';
import { Pop3Dispatcher } from './dispatcher.ts';
import { AUTHORIZATION, type Pop3State } from './state.ts';

export type Pop3SessionMsg =
  /** The connection is ready (after the TLS handshake on the implicit-TLS port): send the greeting. */
  | { type: 'open' }
  /** Input bytes; `secure` is whether they arrived over TLS (plaintext queued before STLS completed is dropped). */
  | { type: 'data'; bytes: Uint8Array; secure: boolean }
  | { type: 'closed'; reason: CloseReason };

export const POP3_SESSION_PREFIX = 'pop3-session';

export function pop3SessionName(connectionId: string): string {
  return `${POP3_SESSION_PREFIX}:${connectionId}`;
}

export class Pop3Session implements Actor<Pop3SessionMsg>, Pop3Context {
  private current: Pop3State = AUTHORIZATION;
  private readonly decoder = new Pop3Decoder();
  private readonly dispatcher: Pop3Dispatcher;

  constructor(
    readonly conn: SessionConnection,
    readonly deps: Pop3Deps,
  ) {
    this.dispatcher = new Pop3Dispatcher(deps.limits);
  }

  get state(): Pop3State {
    return this.current;
  }

  async receive(msg: Pop3SessionMsg): Promise<void> {
    try {
      switch (msg.type) {
        case 'open':
          // RFC 1939 §4 greeting; no APOP timestamp because APOP is refused.
          return this.reply(ok(`${this.deps.hostname} POP3 server ready`));
        case 'data':
          return await this.input(msg.bytes, msg.secure);
        case 'closed':
          // RFC 1939 §6: a connection that ends without QUIT never enters UPDATE; nothing is deleted.
          return this.release();
      }
    } catch {
      // A fault of the store or of a handler: the client gets a temporary failure, the session ends cleanly.
      this.reply(err('Internal error, try again later', 'SYS/TEMP'));
      this.close();
    }
  }

  setState(next: Pop3State): void {
    this.current = next;
  }

  reply(bytes: Uint8Array): void {
    if (this.current.kind !== 'closed') this.conn.write(bytes);
  }

  async replyLarge(bytes: Uint8Array): Promise<void> {
    if (this.current.kind !== 'closed') await this.conn.send(bytes);
  }

  badCommand(bytes: Uint8Array): void {
    if (!this.dispatcher.countBad()) return this.reply(bytes);
    this.reply(err('Too many bad commands, closing the connection'));
    this.close();
  }

  expectSaslResponse(): void {
    this.decoder.expectSaslResponse();
  }

  async startTls(goAhead: Uint8Array): Promise<void> {
    this.decoder.discardBuffered(); // RFC 2595 §4: no plaintext pipelined into the TLS session
    this.reply(goAhead);
    try {
      await this.conn.upgradeTls();
    } catch {
      this.release(); // the connection closed itself
    }
  }

  close(): void {
    this.release();
    this.conn.close();
  }

  private async input(bytes: Uint8Array, secure: boolean): Promise<void> {
    if (!this.readingCommands()) return;
    if (secure !== this.conn.secure) return; // plaintext that was queued behind STLS (CVE-2011-0411 class)
    this.decoder.push(bytes);
    for (;;) {
      if (!this.readingCommands()) return;
      const ev = this.decoder.next();
      switch (ev.kind) {
        case 'need-more':
          return;
        case 'error':
          this.dispatcher.codecError(ev.error, this);
          break;
        case 'command':
          await this.dispatcher.dispatch(ev.command, this);
          break;
        case 'sasl':
          await continueSasl(this, ev.line);
          break;
      }
    }
  }

  /** Input is read in AUTHORIZATION and TRANSACTION only; after QUIT or close it is ignored. */
  private readingCommands(): boolean {
    return this.current.kind === 'authorization' || this.current.kind === 'transaction';
  }

  /** Releases the maildrop lock and stops answering; idempotent. */
  private release(): void {
    const s = this.current;
    if (s.kind === 'transaction' || s.kind === 'update') this.deps.locks.release(s.maildrop.mailboxId, this.conn.id);
    this.current = { kind: 'closed' };
  }
}
