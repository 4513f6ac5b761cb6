// A Connection without a socket for session unit tests: records what the session writes.
import type { CloseReason, Connection } from '../../../../src/net/connection.ts';

export class FakeConnection implements Connection {
  readonly id = 'fake';
  readonly listener = 'imap';
  readonly remoteAddress = '192.0.2.1';
  readonly remotePort = 40000;
  secure: boolean;
  closed = false;
  paused = false;
  private written: Uint8Array[] = [];
  private closeCbs: Array<(r: CloseReason) => void> = [];

  constructor(secure = true) {
    this.secure = secure;
  }

  write(data: Uint8Array | string): void {
    this.written.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
  async send(data: Uint8Array): Promise<void> {
    this.written.push(data);
  }
  async upgradeTls(): Promise<void> {
    this.secure = true;
  }
  close(): void {
    this.closed = true;
    for (const cb of this.closeCbs.splice(0)) cb('local');
  }
  setIdleTimeout(): void {}
  onData(): void {}
  onClose(cb: (r: CloseReason) => void): void {
    this.closeCbs.push(cb);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }

  /** Everything written since the last call, as text. */
  take(): string {
    const text = this.written.map((b) => new TextDecoder().decode(b)).join('');
    this.written = [];
    return text;
  }
}
