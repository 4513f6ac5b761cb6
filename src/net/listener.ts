// TCP listeners for the mail protocols: the only owner of sockets (ARCHITECTURE "Layout": src/net).
//
// How a protocol uses it (POP3 today, IMAP and SMTP the same way):
//
//   const l = await startListener({
//     name: 'imaps', host: '127.0.0.1', port: 993, mode: 'implicit-tls',   // or 'starttls' for 143/110/587
//     tls: { certPem, keyPem },                                            // provider.pki.tls.chainPem / keyPem
//     limits: listenerLimits(IMAP_IDLE_TIMEOUT_MS),                        // idle timeout per protocol
//     gate,                                                                // optional ConnectionGate shared by listeners
//     refusal: () => '* BYE Too many connections\r\n',                     // plaintext line for refused clients
//     idleFarewell: '* BYE Autologout; idle for too long\r\n',
//     onConnection(conn) { ... conn.onData((bytes, secure) => ...); conn.onClose((reason) => ...); conn.write(greeting) },
//   });
//   l.port  // the bound port (port 0 -> an ephemeral one)
//   await l.close()
//
// - 'implicit-tls': onConnection runs after the handshake, conn.secure is true (RFC 8314 §3.3).
// - 'starttls': onConnection runs on accept in clear; the session writes its go-ahead (`+OK Begin TLS`,
//   `OK Begin TLS`, `220 Ready`) with conn.write() and then awaits conn.upgradeTls(). Input that arrives
//   between the call and the end of the handshake is dropped; the session must also drop what its own decoder
//   still buffers and any data it received with `secure === false` (RFC 2595 §4, RFC 3207 §4.2, CVE-2011-0411).
// - write() is for ordinary replies (bounded by maxWriteBufferBytes: a client that does not read is dropped);
//   send() is for large ones (RETR, FETCH BODY[]) and waits for the socket to drain.
// - Input flow control: conn.pause()/resume() while the session has too much unprocessed input.
// - Over-limit clients: on a 'starttls' listener they get `refusal(verdict)` in clear and are closed; on an
//   implicit-TLS listener they are closed before the handshake (a handshake would cost the CPU the limit saves).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { type Clock, SystemClock } from '../runtime/clock.ts';
import { newId } from '../runtime/ids.ts';
import { addressKey } from './address.ts';
import { SocketConnection, type Connection } from './connection.ts';
import { ConnectionGate, type GateVerdict } from './connection-gate.ts';
import { ListenError } from './errors.ts';
import { listenerLimits, SHUTDOWN_WAIT_MS, SMTP_IDLE_TIMEOUT_MS, type ListenerLimits } from './limits.ts';

export type ListenerMode = 'implicit-tls' | 'starttls';

export interface ListenerOptions {
  name: string;
  host: string;
  /** 0 binds an ephemeral port; read it back from Listener.port. */
  port: number;
  /** PEM certificate chain (leaf first) and key; required for implicit TLS, enables STARTTLS otherwise. */
  tls: { certPem: string; keyPem: string } | null;
  mode: ListenerMode;
  limits?: Partial<ListenerLimits>;
  /** Share one gate between listeners for a process-wide MAX_CONNECTIONS; default: a gate of this listener's own. */
  gate?: ConnectionGate;
  clock?: Clock;
  /** The line an over-limit client reads before being closed (starttls listeners only). */
  refusal?: (verdict: Exclude<GateVerdict, 'ok'>) => string;
  idleFarewell?: string;
  onConnection(conn: Connection): void;
  /** Connections refused by the gate (for events and metrics). */
  onRefused?(remote: string, verdict: Exclude<GateVerdict, 'ok'>): void;
}

export interface Listener {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly mode: ListenerMode;
  /** Open connections of this listener. */
  connections(): number;
  /** Stops accepting and drops every open connection with reason 'shutdown'. */
  close(): Promise<void>;
}

/** Modern TLS only (RFC 8996 deprecates TLS 1.0 and 1.1). */
export const MIN_TLS_VERSION = 'TLSv1.2';

export async function startListener(opts: ListenerOptions): Promise<Listener> {
  const limits = listenerLimits(opts.limits?.idleTimeoutMs ?? SMTP_IDLE_TIMEOUT_MS, opts.limits);
  const gate = opts.gate ?? new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerAddress);
  const clock = opts.clock ?? new SystemClock();
  const context: SecureContext | null = opts.tls
    ? createSecureContext({ cert: opts.tls.certPem, key: opts.tls.keyPem, minVersion: MIN_TLS_VERSION })
    : null;
  if (opts.mode === 'implicit-tls' && !context) throw new ListenError(opts.name, opts.host, opts.port, 'implicit TLS needs a certificate');
  const open = new Set<SocketConnection>();
  const accept = acceptor(opts, { gate, clock, limits, context, open });
  const server = createServer({ pauseOnConnect: true }, accept);
  const port = await bind(server, opts);
  return {
    name: opts.name,
    host: opts.host,
    port,
    mode: opts.mode,
    connections: () => open.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of [...open]) c.destroy('shutdown');
      await Promise.race([closed, new Promise<void>((resolve) => clock.setTimer(SHUTDOWN_WAIT_MS, resolve))]);
    },
  };
}

interface AcceptDeps {
  gate: ConnectionGate;
  clock: Clock;
  limits: ListenerLimits;
  context: SecureContext | null;
  open: Set<SocketConnection>;
}

/** Admission (gate), then the connection, then (implicit TLS) the handshake, then the protocol's onConnection. */
function acceptor(opts: ListenerOptions, d: AcceptDeps): (socket: Socket) => void {
  return (socket) => {
    const key = addressKey(socket.remoteAddress);
    const verdict = d.gate.acquire(key);
    if (verdict !== 'ok') {
      opts.onRefused?.(socket.remoteAddress ?? 'unknown', verdict);
      if (opts.mode === 'starttls' && opts.refusal) socket.end(opts.refusal(verdict));
      else socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn = new SocketConnection({
      id: newId(), listener: opts.name, socket, tls: d.context, clock: d.clock, limits: d.limits, idleFarewell: opts.idleFarewell,
    });
    d.open.add(conn);
    conn.onClose(() => {
      d.open.delete(conn);
      d.gate.release(key);
    });
    const ready = opts.mode === 'implicit-tls' ? conn.startImplicitTls() : Promise.resolve();
    ready.then(
      () => {
        try {
          opts.onConnection(conn);
        } catch {
          conn.destroy('error');
        }
      },
      () => conn.destroy('tls-failed'),
    );
  };
}

function bind(server: Server, opts: ListenerOptions): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(new ListenError(opts.name, opts.host, opts.port, e.code ?? e.message));
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.removeListener('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
