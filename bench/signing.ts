// Benchmark: detached CMS signatures per second, one thread (InlineSigner) vs the piscina pool (PoolSigner).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../src/runtime/clock.ts';
import { InlineSigner } from '../src/signing/inline-signer.ts';
import { loadOrCreatePki } from '../src/signing/pki.ts';
import { PoolSigner } from '../src/signing/pool.ts';
import type { Signer } from '../src/signing/signer.ts';

const MESSAGES = 4_000;
const WARMUP = 200;
/** A typical envelope: ~8 KB of MIME. */
const CONTENT = new TextEncoder().encode(`Content-Type: text/plain\r\n\r\n${'Lorem ipsum dolor sit amet.\r\n'.repeat(280)}`);

async function rate(signer: Signer, n: number): Promise<number> {
  await Promise.all(Array.from({ length: WARMUP }, () => signer.signDetached(CONTENT)));
  const start = performance.now();
  await Promise.all(Array.from({ length: n }, () => signer.signDetached(CONTENT)));
  return n / ((performance.now() - start) / 1000);
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pec-bench-signing-'));
  try {
    const pki = await loadOrCreatePki({
      dataDir, providerName: 'Bench PEC', serviceAddress: 'posta-certificata@pec.bench.test', hostnames: ['localhost'], now: Date.now(),
    });
    const opts = { chainPem: pki.signing.chainPem, keyPem: pki.signing.keyPem, clock: new SystemClock() };
    const inline = new InlineSigner(opts);
    const one = await rate(inline, MESSAGES);
    await inline.close();
    const pool = new PoolSigner(opts);
    const many = await rate(pool, MESSAGES);
    const threads = pool.threads;
    await pool.close();
    console.log(`signing (RSA-2048, SHA-256, ${CONTENT.length} B, ${MESSAGES} messages, ${availableParallelism()} cores)`);
    console.log(`  one thread  ${one.toFixed(0).padStart(6)} signatures/s`);
    console.log(`  pool of ${threads}   ${many.toFixed(0).padStart(6)} signatures/s  (${(many / one).toFixed(2)}x)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
