// A minimal IMAP client over node:net / node:tls for transcript-level wire tests (byte-exact answers, IDLE, hostile input).
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';

export class RawClient {
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(private sock: Socket | TLSSocket) {
    this.attach(sock);
  }

  private attach(sock: Socket | TLSSocket): void {
    sock.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (const w of this.waiters.splice(0)) w();
    });
    sock.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
    sock.on('error', () => {});
  }

  static async connect(port: number, opts: { tls?: boolean; caPath?: string } = {}): Promise<RawClient> {
    const sock = opts.tls
      ? tlsConnect({ host: '127.0.0.1', port, ca: readFileSync(opts.caPath!), servername: 'localhost' })
      : netConnect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => {
      sock.once(opts.tls ? 'secureConnect' : 'connect', () => resolve());
      sock.once('error', reject);
    });
    return new RawClient(sock);
  }

  /** STARTTLS client side: wraps the socket after the server's go-ahead. */
  async upgrade(caPath: string): Promise<void> {
    const t = tlsConnect({ socket: this.sock as Socket, ca: readFileSync(caPath), servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      t.once('secureConnect', () => resolve());
      t.once('error', reject);
    });
    this.sock.removeAllListeners('data');
    this.sock = t;
    this.buf = Buffer.alloc(0);
    this.attach(t);
  }

  write(data: string | Uint8Array): void {
    this.sock.write(data);
  }

  /** Waits until the received bytes contain `needle` (or the connection closes); returns and consumes them. */
  async until(needle: string | RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.buf.toString('latin1');
      const m = typeof needle === 'string' ? (text.includes(needle) ? { index: text.indexOf(needle), len: needle.length } : null) : needle.exec(text);
      if (m) {
        const end = 'len' in m ? m.index + m.len : m.index + m[0].length;
        const nl = text.indexOf('\r\n', end - 1);
        const cut = nl >= 0 ? nl + 2 : text.length;
        this.buf = this.buf.subarray(cut);
        return text.slice(0, cut);
      }
      if (this.closed) return text;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${needle}; got: ${text.slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Sends `tag command` and returns everything up to and including the tagged completion. */
  async cmd(tag: string, command: string, timeoutMs = 5000): Promise<string> {
    this.write(`${tag} ${command}\r\n`);
    return this.until(new RegExp(`^${tag} (OK|NO|BAD)[^\\r]*\\r\\n`, 'm'), timeoutMs);
  }

  async waitClosed(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }

  close(): void {
    this.sock.destroy();
  }
}
