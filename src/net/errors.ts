// Typed failures of the network edge; protocol sessions map them to their own wire form (CONVENTIONS 8).

export type NetErrorCode = 'listen-failed' | 'connection-closed' | 'already-secure' | 'tls-unavailable' | 'tls-handshake-failed';

export class NetError extends Error {
  constructor(
    readonly code: NetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetError';
  }
}

/** A listener could not bind (port in use, address not local): the start banner shows this one line. */
export class ListenError extends NetError {
  constructor(name: string, host: string, port: number, cause: string) {
    super('listen-failed', `${name}: cannot listen on ${host}:${port} (${cause})`);
  }
}

/** A write or upgrade on a connection that has already closed. */
export class ConnectionClosedError extends NetError {
  constructor(id: string) {
    super('connection-closed', `connection ${id} is closed`);
  }
}

export class TlsUpgradeError extends NetError {
  constructor(code: 'already-secure' | 'tls-unavailable' | 'tls-handshake-failed', detail: string) {
    super(code, `TLS upgrade refused or failed: ${detail}`);
  }
}
