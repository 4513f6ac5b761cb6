// Wire-test harness: a real provider on a temporary data folder with the IMAP listeners on ephemeral ports.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'bun:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startImapListeners, type ImapListenerOptions, type ImapListeners } from '../../../actors/protocol/imap/listeners.ts';
import { loadConfig, PORT_VARIABLES } from '../../../src/config/config.ts';
import { startProvider, type Provider } from '../../../src/provider.ts';
import type { Folder } from '../../../src/store/index.ts';
import { RawClient } from './raw-client.ts';

export const DEMO_USER = 'mario.rossi@pec.demo.test';
export const DEMO_PASS = 'DemoPec-2026!';

export interface Harness {
  dir: string;
  provider: Provider;
  imap: ImapListeners;
  caPath: string;
  stop(removeDir?: boolean): Promise<void>;
}

const EPHEMERAL_PORTS = Object.fromEntries(Object.values(PORT_VARIABLES).map((v) => [v, '0']));

/** Generating the PKI costs seconds: the first harness keeps its files in memory and later ones start from them. */
let pkiTemplate: Map<string, Buffer> | undefined;

export async function startHarness(opts: ImapListenerOptions = {}, dir?: string): Promise<Harness> {
  const data = dir ?? mkdtempSync(join(tmpdir(), 'pec-imap-'));
  if (pkiTemplate && !existsSync(join(data, 'pki'))) {
    mkdirSync(join(data, 'pki'));
    for (const [name, bytes] of pkiTemplate) writeFileSync(join(data, 'pki', name), bytes, { mode: 0o600 });
  }
  // listen: false keeps the provider's own listeners (HTTP, POP3, SMTP, and IMAP once wired) off: these tests start
  // exactly one IMAP pair on ephemeral ports, and concurrent test processes never collide on the default ports.
  const provider = await startProvider(loadConfig({ PEC_DATA_DIR: data, ...EPHEMERAL_PORTS, PEC_LOG_EVENTS: '0' }), { signerThreads: 1, listen: false }).catch((e: unknown) => {
    if (!dir) rmSync(data, { recursive: true, force: true });
    throw e;
  });
  let imap: ImapListeners;
  try {
    imap = await startImapListeners(provider, { imapsPort: 0, imapPort: 0, ...opts });
  } catch (e) {
    await provider.stop();
    if (!dir) rmSync(data, { recursive: true, force: true });
    throw e;
  }
  pkiTemplate ??= new Map(readdirSync(join(data, 'pki')).map((f) => [f, readFileSync(join(data, 'pki', f))]));
  return {
    dir: data,
    provider,
    imap,
    caPath: join(data, 'pki', 'ca.pem'),
    async stop(removeDir = true) {
      await imap.close();
      await provider.stop();
      if (removeDir) rmSync(data, { recursive: true, force: true });
    },
  };
}

/** Runs a Python script (imaplib) in a child process; never spawnSync against the in-process server. */
export async function python(script: string, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const p = Bun.spawn(['python3', '-c', script], { env: { ...process.env, ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, out, err };
}

/** Files a message into a folder the way the PEC points do: bytes in the blob store, then the mailbox actor. */
export async function deliver(h: Harness, raw: string | Uint8Array, opts: { to?: string; folder?: number; flags?: string[]; subject?: string } = {}) {
  const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
  const { store, system, clock } = h.provider;
  const blobHash = await store.blobs.put(bytes);
  const subject = opts.subject ?? /^Subject: (.*)$/m.exec(new TextDecoder().decode(bytes))?.[1]?.trim() ?? null;
  return system.ask<{ uid: number; id: number; folderId: number }>(
    `mailbox:${opts.to ?? DEMO_USER}`,
    {
      type: 'deliver',
      ...(opts.folder !== undefined ? { folder: opts.folder } : {}),
      message: { internalDate: clock.now(), size: bytes.length, blobHash, subject, flags: opts.flags ?? [] },
      reason: 'consegna',
    },
    5000,
  );
}

export function sampleMessage(subject: string, body = 'Testo del messaggio.'): string {
  return `From: Anna Bianchi <anna.bianchi@pec.demo.test>\r\nTo: mario.rossi@pec.demo.test\r\nSubject: ${subject}\r\nDate: Thu, 15 Jan 2026 10:00:00 +0100\r\nMessage-ID: <${subject.replace(/\W/g, '')}@pec.demo.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

/** Starting a provider generates keys on the first start: hooks get more than bun's 5 s default on a busy machine. */
export const HARNESS_TIMEOUT_MS = 60_000;

/** A raw IMAPS client logged in as `user` (the demo password). */
export async function loginRaw(h: Harness, user = DEMO_USER): Promise<RawClient> {
  const c = await RawClient.connect(h.imap.ports.imaps, { tls: true, caPath: h.caPath });
  await c.until('* OK');
  expect(await c.cmd('l', `LOGIN ${user} "${DEMO_PASS}"`)).toContain('l OK');
  return c;
}

let folderSeq = 0;

/** A new top-level folder of the demo mailbox with `count` messages, created through the mailbox actor. */
export async function folderWith(h: Harness, count: number, subject = 'Messaggio'): Promise<Folder> {
  const f = await h.provider.system.ask<Folder>(`mailbox:${DEMO_USER}`, { type: 'create-folder', name: `T${++folderSeq}`, parentId: null }, 5000);
  for (let i = 1; i <= count; i++) await deliver(h, sampleMessage(`${subject} ${i}`), { folder: f.id });
  return f;
}
