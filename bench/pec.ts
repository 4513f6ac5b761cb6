// Benchmark: same-provider certified messages per second end to end (submission → ricevuta di avvenuta consegna
// stored in the sender's mailbox) and accettazione latency p50/p99 at half that load. Targets (issue 3): ≥ 300 msg/s,
// p99 < 100 ms on 2 cores. Prints figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { startProvider, type Provider } from '../src/provider.ts';

const DOMAIN = 'pec.bench.test';
/** Senders and recipients: the access point is serial per sender, the consegna point per recipient. */
const PAIRS = 32;
const MESSAGES = 1_500;
const IN_FLIGHT = 256;
const LATENCY_SECONDS = 5;

function raw(from: string, to: string, i: number): Uint8Array {
  return new TextEncoder().encode(
    [`From: ${from}`, `To: ${to}`, `Subject: bench ${i}`, 'Date: Thu, 15 Jan 2026 10:00:00 +0100', `Message-ID: <bench-${i}@client.test>`,
      'MIME-Version: 1.0', 'Content-Type: text/plain; charset=us-ascii', '', 'Lorem ipsum dolor sit amet.\r\n'.repeat(60)].join('\r\n'),
  );
}

function submitOne(p: Provider, i: number) {
  const from = `s${i % PAIRS}@${DOMAIN}`;
  const to = `r${i % PAIRS}@${DOMAIN}`;
  const m = p.store.mailboxes.byAddress(from)!;
  return p.submission.submit({ principal: { kind: 'titolare', mailboxId: String(m.id), address: from }, raw: raw(from, to, i), envelopeFrom: from, recipients: [to], channel: 'smtp' });
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-flow-'));
  const p = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_DOMAIN: DOMAIN, PEC_DEMO: '0', PEC_LOG_EVENTS: '0' }), { listen: false, log: null });
  try {
    for (let i = 0; i < PAIRS; i++) {
      await p.provisioning.addMailbox({ address: `s${i}@${DOMAIN}`, type: 'C' });
      await p.provisioning.addMailbox({ address: `r${i}@${DOMAIN}`, type: 'C' });
    }
    let consegne = 0;
    p.bus.subscribe((e) => {
      if (e.type === 'mailbox.message-stored' && e.reason === 'ricevuta' && e.address.startsWith('s')) consegne++;
    });
    // Throughput: each message yields two receipts in the sender's INBOX (accettazione, avvenuta consegna).
    const t0 = performance.now();
    const commits0 = p.system.commits;
    let next = 0;
    const worker = async () => {
      while (next < MESSAGES) await submitOne(p, next++);
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    while (consegne < 2 * MESSAGES) await Bun.sleep(2);
    const seconds = (performance.now() - t0) / 1000;
    const rate = MESSAGES / seconds;
    console.log(`end to end: ${MESSAGES} certified messages in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} msg/s (target ≥ 300)`);
    // Each group commit is a synchronous COMMIT (fsync) on the thread that runs every actor: a cost to watch.
    console.log(`group commits: ${((p.system.commits - commits0) / MESSAGES).toFixed(2)} per message`);

    // Latency of the accettazione (submit → reply after commit) at half the measured rate.
    const perSecond = Math.max(1, Math.floor(rate / 2));
    const lat: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let k = 0; k < perSecond * LATENCY_SECONDS; k++) {
      const due = start + (k * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await Bun.sleep(wait);
      const s = performance.now();
      pending.push(submitOne(p, MESSAGES + k).then(() => void lat.push(performance.now() - s)));
    }
    await Promise.all(pending);
    lat.sort((a, b) => a - b);
    console.log(`accettazione latency at ${perSecond} msg/s: p50 ${percentile(lat, 0.5).toFixed(1)} ms, p99 ${percentile(lat, 0.99).toFixed(1)} ms (target p99 < 100 ms)`);
  } finally {
    await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
