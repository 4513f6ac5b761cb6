// Wire-test harness: a real provider (demo seed, PKI) with the SMTP listeners on port 0, fake PEC ports that record
// what they were given, and runners for real clients spawned asynchronously (never spawnSync: it would deadlock).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, IncomingResult, SubmissionRequest, SubmissionResult } from '../../../actors/pec/ports.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { startSmtpListeners, type SmtpListeners } from '../../../actors/protocol/smtp/listeners.ts';
import type { SmtpLimits } from '../../../src/protocol/smtp/limits.ts';
import { type Provider, startProvider } from '../../../src/provider.ts';

export const MARIO = 'mario.rossi@pec.demo.test';
export const ANNA = 'anna.bianchi@pec.demo.test';
export const PASSWORD = 'DemoPec-2026!';

export interface Wire {
  provider: Provider;
  smtp: SmtpListeners;
  dir: string;
  ca: string;
  submitted: SubmissionRequest[];
  received: IncomingMessage[];
  /** Replace to change what the fake punto di accesso answers. */
  submit: (r: SubmissionRequest) => SubmissionResult;
  receive: (m: IncomingMessage) => IncomingResult;
  stop(): Promise<void>;
}

let counter = 0;

export async function startWire(limits?: Partial<SmtpLimits>): Promise<Wire> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-smtp-wire-'));
  const env = { PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0', PEC_SMTP_PORT: '0', PEC_SUBMISSION_TLS_PORT: '0', PEC_SUBMISSION_PORT: '0', PEC_IMAPS_PORT: '0', PEC_IMAP_PORT: '0', PEC_POP3S_PORT: '0', PEC_POP3_PORT: '0' };
  const provider = await startProvider(loadConfig(env), { signerThreads: 1, listen: false });
  const domains = new Set(provider.store.domains.list().map((d) => d.name));
  const wire: Wire = {
    provider,
    dir,
    ca: join(dir, 'pki', 'ca.pem'),
    submitted: [],
    received: [],
    submit: () => ({ status: 'accepted', identificativo: `opec${++counter}.20260115@pec.demo.test`, messageId: '<m@pec.demo.test>' }),
    receive: () => ({ status: 'accepted' }),
    smtp: undefined as unknown as SmtpListeners,
    async stop() {
      await wire.smtp.close();
      await provider.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  wire.smtp = await startSmtpListeners({
    ...provider,
    limits,
    submission: { submit: async (r) => (wire.submitted.push(r), wire.submit(r)) },
    incoming: {
      acceptsRecipient: (a) => domains.has(a.slice(a.lastIndexOf('@') + 1).toLowerCase()),
      receive: async (m) => (wire.received.push(m), wire.receive(m)),
    },
  });
  return wire;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(cmd: string[], stdin?: string | Uint8Array): Promise<Run> {
  const proc = Bun.spawn(cmd, { stdin: stdin === undefined ? 'ignore' : 'pipe', stdout: 'pipe', stderr: 'pipe' });
  if (stdin !== undefined && proc.stdin) {
    proc.stdin.write(stdin);
    await proc.stdin.end();
  }
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/**
 * Runs a Python script with smtplib; the preamble defines `ctx` (trusting the provider CA), PORTS, MARIO, ANNA,
 * PASSWORD and `out(**kw)`, which prints one JSON line the test reads back with `pyResult`.
 */
export async function python(wire: Wire, body: string): Promise<Run> {
  const preamble = `
import json, smtplib, ssl, socket, base64, time
ctx = ssl.create_default_context(cafile=${JSON.stringify(wire.ca)})
PORTS = ${JSON.stringify(wire.smtp.ports)}
MARIO, ANNA, PASSWORD = ${JSON.stringify(MARIO)}, ${JSON.stringify(ANNA)}, ${JSON.stringify(PASSWORD)}
def out(**kw): print(json.dumps(kw, default=lambda b: b.decode('latin1') if isinstance(b, bytes) else str(b)), flush=True)
def reply(r): return f"{r[0]} {r[1].decode('latin1')}"
`;
  return run(['python3', '-c', preamble + body]);
}

export function pyResult(r: Run): Record<string, unknown> {
  const line = r.stdout.trim().split('\n').at(-1);
  if (!line) throw new Error(`python printed nothing (exit ${r.code}): ${r.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

/** A raw SMTP client for hostile tests: writes what it is told, reads whole replies (multi-line joined). */
export interface RawClient {
  write(data: string): void;
  /** The next complete reply (`250-a\r\n250 b` for multi-line), or 'CLOSED' when the server hung up first. */
  reply(): Promise<string>;
  readonly closed: Promise<void>;
  end(): void;
}

export async function rawClient(port: number, ca?: string): Promise<RawClient> {
  const { connect } = await import(ca ? 'node:tls' : 'node:net');
  const socket = ca
    ? connect({ host: '127.0.0.1', port, ca: readFileSync(ca, 'utf8'), servername: 'localhost' })
    : connect({ host: '127.0.0.1', port });
  let buffer = '';
  let waiting: ((s: string) => void) | null = null;
  let isClosed = false;
  const closed = new Promise<void>((resolve) => socket.once('close', () => { isClosed = true; waiting?.('CLOSED'); resolve(); }));
  socket.on('error', () => undefined);
  const take = (): string | null => {
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
    if (!m) return null;
    const end = m.index + m[0].length;
    const r = buffer.slice(0, end).trimEnd();
    buffer = buffer.slice(end);
    return r;
  };
  socket.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    const r = waiting && take();
    if (r && waiting) { const w = waiting; waiting = null; w(r); }
  });
  return {
    write: (data) => socket.write(data),
    reply: () => new Promise((resolve) => {
      const r = take();
      if (r) return resolve(r);
      if (isClosed) return resolve('CLOSED');
      waiting = resolve;
    }),
    closed,
    end: () => socket.end(),
  };
}
