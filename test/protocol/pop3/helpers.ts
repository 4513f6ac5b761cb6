// Wire-test harness: a real provider on a temp folder with the POP3 listeners on ephemeral ports, and real clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { startPop3Listeners, type Pop3ListenerDeps, type Pop3Listeners } from '../../../actors/protocol/pop3/listeners.ts';
import { mailboxActorName, type DeliverReply } from '../../../actors/mailbox/messages.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { startProvider, type Provider } from '../../../src/provider.ts';

export const MARIO = 'mario.rossi@pec.demo.test';
export const PASSWORD = 'DemoPec-2026!';

export interface Harness {
  provider: Provider;
  pop3: Pop3Listeners;
  dir: string;
  caFile: string;
  stop(): Promise<void>;
}

export async function startHarness(extra: Partial<Pick<Pop3ListenerDeps, 'limits' | 'listenerLimits' | 'gate'>> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-pop3-'));
  const zero = ['PEC_SMTP_PORT', 'PEC_SUBMISSION_TLS_PORT', 'PEC_SUBMISSION_PORT', 'PEC_IMAPS_PORT', 'PEC_IMAP_PORT', 'PEC_POP3S_PORT', 'PEC_POP3_PORT'];
  const env: Record<string, string> = { PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0' };
  for (const k of zero) env[k] = '0';
  const provider = await startProvider(loadConfig(env), { signerThreads: 1, listen: false });
  const pop3 = await startPop3Listeners({ ...provider, ...extra });
  return {
    provider,
    pop3,
    dir,
    caFile: join(dir, 'pki', 'ca.pem'),
    async stop() {
      await pop3.close();
      await provider.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stores the bytes and delivers them to the INBOX through the mailbox actor (the only writer). */
export async function deliver(p: Provider, address: string, raw: string | Uint8Array, subject = 'prova'): Promise<DeliverReply> {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const blobHash = await p.store.blobs.put(bytes);
  const message = { internalDate: p.clock.now(), size: bytes.length, blobHash, subject };
  return p.system.ask<DeliverReply>(mailboxActorName(address), { type: 'deliver', message, reason: 'consegna' }, 5000);
}

/** Runs a client program (never spawnSync against the in-process server: it would deadlock). */
export async function run(cmd: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn(cmd, { stdin: stdin === undefined ? 'ignore' : new TextEncoder().encode(stdin), stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, stdout, stderr };
}

/** A python3 poplib script with `ctx` (trusting the provider CA), `host`, `port` predefined. */
export function python(h: Harness, port: number, body: string) {
  const prelude = [
    'import poplib, ssl, sys, json',
    `ctx = ssl.create_default_context(cafile=${JSON.stringify(h.caFile)})`,
    'ctx.check_hostname = False',
    `host, port = '127.0.0.1', ${port}`,
  ].join('\n');
  return run(['python3', '-c', `${prelude}\n${body}`]);
}

/** A raw line-oriented client for hostile tests: plaintext or TLS, reads replies as text. */
export class RawClient {
  private buf = '';
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      this.wake();
    });
    sock.on('close', () => {
      this.closed = true;
      this.wake();
    });
    sock.on('error', () => {});
  }

  static async plain(port: number): Promise<RawClient> {
    const s = tcpConnect(port, '127.0.0.1');
    await new Promise<void>((r, j) => s.once('connect', () => r()).once('error', j));
    return new RawClient(s);
  }

  static async tls(port: number, ca: string): Promise<RawClient> {
    const s = tlsConnect({ port, host: '127.0.0.1', ca, servername: 'localhost' });
    await new Promise<void>((r, j) => s.once('secureConnect', () => r()).once('error', j));
    return new RawClient(s);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  send(text: string): void {
    this.sock.write(text);
  }

  /** Next CRLF-terminated line (without CRLF); null when the server closed. */
  async line(timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.buf.indexOf('\r\n');
      if (at >= 0) {
        const l = this.buf.slice(0, at);
        this.buf = this.buf.slice(at + 2);
        return l;
      }
      if (this.closed) return null;
      if (Date.now() > deadline) throw new Error(`no line within ${timeoutMs} ms; buffered: ${JSON.stringify(this.buf)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  /** Sends a command and returns the status line. */
  async cmd(text: string): Promise<string | null> {
    this.send(text + '\r\n');
    return this.line();
  }

  /** Lines of a multi-line body up to the terminating dot (exclusive). */
  async multiline(): Promise<string[]> {
    const out: string[] = [];
    for (let l = await this.line(); l !== '.'; l = await this.line()) {
      if (l === null) throw new Error('closed inside a multi-line reply');
      out.push(l);
    }
    return out;
  }

  async waitClosed(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.closed;
  }

  end(): void {
    this.sock.destroy();
  }
}
