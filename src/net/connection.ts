// One accepted client connection: plaintext or TLS socket, STARTTLS upgrade, idle timeout, bounded writes.
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Clock } from '../runtime/clock.ts';
import { ConnectionClosedError, TlsUpgradeError } from './errors.ts';
import { CLOSE_GRACE_MS, SEND_CHUNK_BYTES, type ListenerLimits } from './limits.ts';

/** Why a connection ended, as the session and the logs see it. */
export type CloseReason =
  /** The client closed or reset the connection. */
  | 'peer'
  /** The session called close(). */
  | 'local'
  | 'idle'
  /** The client stopped reading and write() went past maxWriteBufferBytes. */
  | 'slow-reader'
  | 'tls-failed'
  | 'error'
  /** The listener is closing. */
  | 'shutdown';

/** What a protocol session sees of its connection (the fake connection of unit tests implements this too). */
export interface Connection {
  readonly id: string;
  /** The listener's name, e.g. 'pop3s'. */
  readonly listener: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** True on an implicit-TLS port from the start, and after a successful upgradeTls(). */
  readonly secure: boolean;
  readonly closed: boolean;
  /** Queues a reply. Past maxWriteBufferBytes unread by the client, the connection is dropped ('slow-reader'). */
  write(data: Uint8Array | string): void;
  /** Writes a large reply with back-pressure: resolves when the socket took it. Throws ConnectionClosedError. */
  send(data: Uint8Array): Promise<void>;
  /**
   * STARTTLS / STLS: call after the "go ahead" reply was written. Input received from the moment of the call until
   * the handshake completes is dropped (RFC 2595 §4, RFC 3207 §4.2: no plaintext pipelined into the TLS session).
   * Rejects with TlsUpgradeError (and closes the connection) when the handshake fails.
   */
  upgradeTls(): Promise<void>;
  /** Flushes what is queued, then closes; destroyed after CLOSE_GRACE_MS if the peer does not take it. */
  close(): void;
  /** Overrides the listener's idle timeout for this connection (e.g. a longer one during IMAP IDLE). */
  setIdleTimeout(ms: number): void;
  /** The single input handler. Input is held until it is set. `secure` says whether the bytes came over TLS. */
  onData(cb: (bytes: Uint8Array, secure: boolean) => void): void;
  onClose(cb: (reason: CloseReason) => void): void;
  /** Input flow control: stop / restart reading from the socket while the session catches up. */
  pause(): void;
  resume(): void;
}

export interface SocketConnectionOptions {
  id: string;
  listener: string;
  socket: Socket;
  /** null when the listener has no certificate (upgradeTls then refuses). */
  tls: SecureContext | null;
  clock: Clock;
  limits: ListenerLimits;
  /** Written to the client before an idle close (e.g. POP3 `-ERR`, IMAP `* BYE`, SMTP `421`). */
  idleFarewell?: string | undefined;
}

type Phase = 'open' | 'upgrading' | 'closing' | 'closed';

export class SocketConnection implements Connection {
  readonly id: string;
  readonly listener: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  private sock: Socket;
  private isSecure = false;
  private phase: Phase = 'open';
  private dataCb: ((bytes: Uint8Array, secure: boolean) => void) | null = null;
  private readonly closeCbs: Array<(reason: CloseReason) => void> = [];
  private readonly drainWaiters: Array<() => void> = [];
  private reason: CloseReason | null = null;
  private idleMs: number;
  private lastActivity: number;
  private cancelIdle: () => void = () => {};
  private cancelGrace: () => void = () => {};
  private userPaused = false;

  constructor(private readonly o: SocketConnectionOptions) {
    this.id = o.id;
    this.listener = o.listener;
    this.sock = o.socket;
    this.remoteAddress = o.socket.remoteAddress ?? 'unknown';
    this.remotePort = o.socket.remotePort ?? 0;
    this.idleMs = o.limits.idleTimeoutMs;
    this.lastActivity = o.clock.now();
    this.sock.pause(); // until onData() is set
    this.attach(this.sock);
    this.armIdle();
  }

  get secure(): boolean {
    return this.isSecure;
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** Implicit TLS (RFC 8314 §3.3): the handshake comes before any protocol byte. Used by the listener. */
  async startImplicitTls(): Promise<void> {
    await this.handshake();
  }

  write(data: Uint8Array | string): void {
    // Nothing may be written in clear once the TLS handshake has begun, nor after close().
    if (this.phase !== 'open') return;
    this.sock.write(data);
    if (this.sock.writableLength > this.o.limits.maxWriteBufferBytes) this.destroy('slow-reader');
  }

  async send(data: Uint8Array): Promise<void> {
    for (let at = 0; at < data.length; at += SEND_CHUNK_BYTES) {
      if (this.phase === 'closing' || this.phase === 'closed') throw new ConnectionClosedError(this.id);
      const more = this.sock.write(data.subarray(at, at + SEND_CHUNK_BYTES));
      if (!more) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
    if (this.phase === 'closed') throw new ConnectionClosedError(this.id);
  }

  async upgradeTls(): Promise<void> {
    if (this.isSecure) throw new TlsUpgradeError('already-secure', 'the connection is already encrypted');
    if (!this.o.tls) throw new TlsUpgradeError('tls-unavailable', 'no certificate on this listener');
    if (this.phase !== 'open') throw new ConnectionClosedError(this.id);
    this.phase = 'upgrading';
    // The go-ahead reply must leave in clear before the handshake starts.
    if (this.sock.writableLength > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    if (this.phase !== 'upgrading') throw new ConnectionClosedError(this.id);
    await this.handshake();
    this.phase = 'open';
  }

  close(): void {
    if (this.phase === 'closing' || this.phase === 'closed') return;
    this.phase = 'closing';
    this.reason ??= 'local';
    this.sock.end();
    this.cancelGrace = this.o.clock.setTimer(CLOSE_GRACE_MS, () => this.destroy(this.reason ?? 'local'));
  }

  /** Drops the connection now, without flushing. */
  destroy(reason: CloseReason): void {
    if (this.phase === 'closed') return;
    this.reason ??= reason;
    this.sock.destroy();
    this.finish();
  }

  setIdleTimeout(ms: number): void {
    this.idleMs = ms;
    this.touch();
    this.armIdle();
  }

  onData(cb: (bytes: Uint8Array, secure: boolean) => void): void {
    this.dataCb = cb;
    if (!this.userPaused) this.sock.resume();
  }

  onClose(cb: (reason: CloseReason) => void): void {
    if (this.phase === 'closed') queueMicrotask(() => cb(this.reason ?? 'local'));
    else this.closeCbs.push(cb);
  }

  pause(): void {
    this.userPaused = true;
    this.sock.pause();
  }

  resume(): void {
    this.userPaused = false;
    if (this.dataCb) this.sock.resume();
  }

  // ---- internals ----

  private async handshake(): Promise<void> {
    const raw = this.sock;
    raw.removeAllListeners('data');
    try {
      this.sock = await wrapServerTls(raw, this.o.tls!, this.o.limits.tlsHandshakeTimeoutMs, this.o.clock);
    } catch (e) {
      this.destroy('tls-failed');
      throw new TlsUpgradeError('tls-handshake-failed', e instanceof Error ? e.message : String(e));
    }
    if (this.phase === 'closed') {
      this.sock.destroy();
      throw new ConnectionClosedError(this.id);
    }
    this.isSecure = true;
    this.attach(this.sock);
    if (!this.dataCb || this.userPaused) this.sock.pause();
    this.touch();
  }

  private attach(s: Socket): void {
    s.on('data', (buf: Buffer) => {
      if (this.phase !== 'open') return; // plaintext after STARTTLS, or input after close(): dropped
      this.touch();
      this.dataCb?.(buf, this.isSecure);
    });
    s.on('drain', () => {
      this.touch(); // a client slowly reading a large reply is active
      for (const w of this.drainWaiters.splice(0)) w();
    });
    s.on('error', () => this.destroy(this.phase === 'upgrading' ? 'tls-failed' : 'error'));
    s.on('close', () => {
      if (s === this.sock) this.destroy('peer');
    });
  }

  private touch(): void {
    this.lastActivity = this.o.clock.now();
  }

  /** One timer per connection, re-armed for the remaining time rather than on every packet. */
  private armIdle(): void {
    this.cancelIdle();
    const left = Math.max(0, this.lastActivity + this.idleMs - this.o.clock.now());
    this.cancelIdle = this.o.clock.setTimer(left, () => {
      if (this.phase === 'closed') return;
      if (this.o.clock.now() - this.lastActivity < this.idleMs) return this.armIdle();
      this.reason = 'idle';
      if (this.o.idleFarewell && this.phase === 'open') this.sock.write(this.o.idleFarewell);
      this.close();
    });
  }

  private finish(): void {
    this.phase = 'closed';
    this.cancelIdle();
    this.cancelGrace();
    for (const w of this.drainWaiters.splice(0)) w();
    const reason = this.reason ?? 'peer';
    for (const cb of this.closeCbs.splice(0)) {
      try {
        cb(reason);
      } catch {
        // A failing close handler must not keep the others from running.
      }
    }
  }
}

/** Server side of a TLS handshake on an accepted TCP socket (implicit TLS or after STARTTLS). */
export function wrapServerTls(raw: Socket, context: SecureContext, timeoutMs: number, clock: Clock): Promise<TLSSocket> {
  return new Promise<TLSSocket>((resolve, reject) => {
    const t = new TLSSocket(raw, { isServer: true, secureContext: context });
    let settled = false;
    const settle = (e: Error | null) => {
      if (settled) return;
      settled = true;
      cancel();
      t.removeListener('secure', onSecure);
      if (e) {
        t.destroy();
        reject(e);
      } else resolve(t);
    };
    const onSecure = () => settle(null);
    const cancel = clock.setTimer(timeoutMs, () => settle(new Error(`no TLS handshake within ${timeoutMs} ms`)));
    t.once('secure', onSecure);
    t.once('error', (e: Error) => settle(e));
    t.once('close', () => settle(new Error('closed during the TLS handshake')));
  });
}
