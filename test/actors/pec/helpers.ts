// Shared harness of the PEC-flow tests: a provider started in-process under a simulated clock, submissions, waits,
// and readers that check what landed in a mailbox (readPecMessage + signature + trust + DTD-valid daticert).
import { expect } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubmissionRequest, SubmissionResult } from '../../../actors/pec/ports.ts';
import type { Titolare } from '../../../src/auth/principal.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { decodedBody, partFilename } from '../../../src/mime/part-content.ts';
import { parseRawTree, walkParts } from '../../../src/mime/raw-tree.ts';
import { type PecMessage, readPecMessage } from '../../../src/pec/classify.ts';
import { startProvider, type Provider } from '../../../src/provider.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { verifyDetached } from '../../../src/signing/cms-verify.ts';
import { decideTrust } from '../../../src/signing/trust.ts';
import type { Message } from '../../../src/store/message-types.ts';
import { validateDaticert } from '../../fixtures/pec/pec-fixtures.ts';

export const MARIO = 'mario.rossi@pec.demo.test';
export const ANNA = 'anna.bianchi@pec.demo.test';
export const PROTOCOLLO = 'protocollo@pec.esempio.test';

export interface Harness {
  p: Provider;
  clock: SimulatedClock;
  dir: string;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}, dir = mkdtempSync(join(tmpdir(), 'pec-flow-'))): Promise<Harness> {
  const clock = new SimulatedClock(Date.UTC(2026, 0, 15, 9, 0, 0));
  const config = loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0', PEC_HTTP_PORT: '0', ...env });
  const p = await startProvider(config, { clock, listen: false, log: null, signerThreads: 1 });
  return {
    p, clock, dir,
    async close() {
      await p.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function titolare(p: Provider, address: string): Titolare {
  const m = p.store.mailboxes.byAddress(address);
  if (!m) throw new Error(`no mailbox ${address}`);
  return { kind: 'titolare', mailboxId: String(m.id), address };
}

let seq = 0;
export function original(o: { from: string; to: string[]; cc?: string[]; subject?: string; tipo?: string; body?: string; extra?: string[]; bcc?: string[] }): Uint8Array {
  const lines = [
    `From: ${o.from}`,
    `To: ${o.to.join(', ')}`,
    ...(o.cc?.length ? [`Cc: ${o.cc.join(', ')}`] : []),
    ...(o.bcc?.length ? [`Bcc: ${o.bcc.join(', ')}`] : []),
    `Subject: ${o.subject ?? 'Prova'}`,
    'Date: Thu, 15 Jan 2026 10:00:00 +0100',
    `Message-ID: <client-${++seq}.${Date.now()}@client.example.test>`,
    ...(o.tipo ? [`X-TipoRicevuta: ${o.tipo}`] : []),
    ...(o.extra ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    o.body ?? 'Testo del messaggio.',
    '',
  ];
  return new TextEncoder().encode(lines.join('\r\n'));
}

export function submit(p: Provider, from: string, rcpts: { to: string[]; cc?: string[] }, extra: Partial<SubmissionRequest> & { subject?: string; tipo?: string; body?: string } = {}): Promise<SubmissionResult> {
  const raw = extra.raw ?? original({ from, to: rcpts.to, cc: rcpts.cc ?? [], ...(extra.subject ? { subject: extra.subject } : {}), ...(extra.tipo ? { tipo: extra.tipo } : {}), ...(extra.body ? { body: extra.body } : {}) });
  return p.submission.submit({
    principal: extra.principal ?? titolare(p, from),
    raw,
    envelopeFrom: extra.envelopeFrom ?? from,
    recipients: extra.recipients ?? [...rcpts.to, ...(rcpts.cc ?? [])],
    channel: 'webmail',
    ...(extra.tipoRicevuta ? { tipoRicevuta: extra.tipoRicevuta } : {}),
  });
}

/** Waits (real time) until fn returns a truthy value; the flow runs on actors and the group-commit tick. */
export async function until<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(5);
  }
}

export function folderMessages(p: Provider, address: string, use: '\\Inbox' | '\\Sent' = '\\Inbox'): Message[] {
  const m = p.store.mailboxes.byAddress(address)!;
  const f = p.store.folders.bySpecialUse(m.id, use)!;
  return p.store.messages.listFolder(f.id, { sort: 'uid-asc' });
}

export function byKind(p: Provider, address: string, kind: string, identificativo?: string): Message[] {
  return folderMessages(p, address).filter((m) => m.pecKind === kind && (!identificativo || m.pecIdentificativo === identificativo));
}

export async function waitFor(p: Provider, address: string, kind: string, identificativo: string, count = 1): Promise<Message[]> {
  return until(() => {
    const found = byKind(p, address, kind, identificativo);
    return found.length >= count ? found : null;
  }, `${count} ${kind} in ${address}`);
}

/** Reads a stored message as PEC, with signature verification and trust against the provider's index. */
export async function readStored(p: Provider, m: Message, at = p.clock.now()): Promise<PecMessage> {
  const raw = await p.store.blobs.get(m.blobHash);
  return readPecMessage(raw, {
    verify: verifyDetached,
    trust: () => ({ trusted: true }),
  }).then(async (pec) => {
    // Trust decided on the full verify result (readPecMessage hands only the summary to `trust`).
    const split = await verifyWithIndex(p, raw, at);
    return { ...pec, signature: { ...pec.signature, trusted: split } };
  });
}

async function verifyWithIndex(p: Provider, raw: Uint8Array, at: number): Promise<boolean> {
  let trusted = false;
  let full: Awaited<ReturnType<typeof verifyDetached>> | null = null;
  await readPecMessage(raw, {
    verify: async (c, cms) => (full = await verifyDetached(c, cms)),
    trust: (_r, from) => ({ trusted: (trusted = full !== null && decideTrust({ verify: full, index: p.index, from: from ?? '', at: new Date(at) }).trusted) }),
  });
  return trusted;
}

/** The checks every generated message passes: kind, valid trusted signature, DTD-valid daticert. */
export async function expectCertified(p: Provider, m: Message, kind: string): Promise<PecMessage> {
  const pec = await readStored(p, m);
  expect(pec.kind).toBe(kind as PecMessage['kind']);
  expect(pec.signature.status).toBe('valid');
  expect(pec.signature.trusted).toBe(true);
  if (kind !== 'anomalia') {
    expect(pec.daticert).toBeDefined();
    const v = await validateDaticert(daticertXml(await p.store.blobs.get(m.blobHash)));
    expect(v.stderr).toBe('');
    expect(v.ok).toBe(true);
  }
  return pec;
}

/** The daticert.xml bytes exactly as carried in the message (not re-serialised). */
export function daticertXml(raw: Uint8Array): string {
  const part = [...walkParts(parseRawTree(raw))].find((x) => partFilename(x) === 'daticert.xml');
  if (!part) throw new Error('no daticert.xml part');
  return new TextDecoder().decode(decodedBody(raw, part));
}
