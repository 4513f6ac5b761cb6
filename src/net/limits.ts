// Named limits of the network edge: connection counts, idle timeouts per protocol, TLS handshake and write bounds.

/** Connections held at once by one process (all listeners sharing a ConnectionGate). 2,000 idle TLS ~ 69 MB. */
export const MAX_CONNECTIONS = 5_000;
/**
 * Connections from one client address (an IPv6 /64 counts as one address). Thunderbird opens up to 5 IMAP
 * connections per account and an office behind NAT shares one address, so the bound is generous but finite.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 20;
/** RFC 1939 §3: a POP3 autologout timer "MUST be of at least 10 minutes' duration". */
export const POP3_IDLE_TIMEOUT_MS = 10 * 60_000;
/** RFC 9051 §5.4: the IMAP inactivity autologout timer "MUST be at least 30 minutes". */
export const IMAP_IDLE_TIMEOUT_MS = 30 * 60_000;
/** RFC 5321 §4.5.3.2.7: the server timeout waiting for the next command should be at least 5 minutes. */
export const SMTP_IDLE_TIMEOUT_MS = 5 * 60_000;
/** A client that opens a TCP connection and never completes the TLS handshake is dropped after this. */
export const TLS_HANDSHAKE_TIMEOUT_MS = 30_000;
/**
 * Bytes a connection may have queued for a client that does not read, through write(). Past it the client is
 * dropped ('slow-reader') instead of growing memory (ARCHITECTURE "Back-pressure"). send() waits instead.
 */
export const MAX_WRITE_BUFFER_BYTES = 1024 * 1024;
/** send() hands the socket this much at a time and waits for 'drain' between chunks. */
export const SEND_CHUNK_BYTES = 64 * 1024;
/** After close() the peer has this long to take the last bytes before the socket is destroyed. */
export const CLOSE_GRACE_MS = 5_000;
/** Listener.close() waits at most this long for the server to report every socket gone. */
export const SHUTDOWN_WAIT_MS = 2_000;

export interface ListenerLimits {
  readonly maxConnections: number;
  readonly maxConnectionsPerAddress: number;
  readonly idleTimeoutMs: number;
  readonly tlsHandshakeTimeoutMs: number;
  readonly maxWriteBufferBytes: number;
}

/** Defaults for a listener; idleTimeoutMs must be chosen per protocol (one of the *_IDLE_TIMEOUT_MS above). */
export function listenerLimits(idleTimeoutMs: number, overrides: Partial<ListenerLimits> = {}): ListenerLimits {
  return {
    maxConnections: MAX_CONNECTIONS,
    maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
    idleTimeoutMs,
    tlsHandshakeTimeoutMs: TLS_HANDSHAKE_TIMEOUT_MS,
    maxWriteBufferBytes: MAX_WRITE_BUFFER_BYTES,
    ...overrides,
  };
}
