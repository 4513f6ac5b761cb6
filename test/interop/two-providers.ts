// Two providers on loopback, each with its own data folder, PEC domain and ports, each with the other's record (and
// CA) in its providers' index and a static route to the other's MX (PEC_ROUTES): the interoperability harness.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { recordsToLdif } from '../../src/pec/providers-index.ts';
import { startProvider, type Provider } from '../../src/provider.ts';
import { SimulatedClock } from '../../src/runtime/clock.ts';
import { importIndexRecord, ourRecord } from '../../src/signing/index-files.ts';
import { loadOrCreatePki } from '../../src/signing/pki.ts';

export interface Peer {
  p: Provider;
  domain: string;
  dir: string;
  mxPort: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Spec {
  name: string;
  domain: string;
  dir: string;
  mxPort: number;
}

/** Creates both PKIs first, so that each index can hold the other's record before either provider starts. */
export async function startTwoProviders(extraRoutes = ''): Promise<{ a: Peer; b: Peer; clock: SimulatedClock; stop(): Promise<void> }> {
  const clock = new SimulatedClock(Date.UTC(2026, 0, 15, 9, 0, 0));
  const specs: Spec[] = [
    { name: 'Gestore Alfa S.p.A.', domain: 'pec.alfa.test', dir: mkdtempSync(join(tmpdir(), 'pec-interop-a-')), mxPort: await freePort() },
    { name: 'Gestore Beta S.p.A.', domain: 'pec.beta.test', dir: mkdtempSync(join(tmpdir(), 'pec-interop-b-')), mxPort: await freePort() },
  ];
  const pkis = await Promise.all(specs.map((s) => loadOrCreatePki({
    dataDir: s.dir, providerName: s.name, serviceAddress: `posta-certificata@${s.domain}`, hostnames: ['localhost'], now: clock.now(),
  })));
  specs.forEach((s, i) => {
    const other = specs[1 - i]!;
    const rec = ourRecord({ providerName: other.name, signingChainDer: pkis[1 - i]!.signing.chainDer, serviceAddress: `posta-certificata@${other.domain}`, domains: [other.domain] });
    importIndexRecord(s.dir, recordsToLdif([rec]), pkis[1 - i]!.caPem);
  });
  const peers: Peer[] = [];
  for (const [i, s] of specs.entries()) {
    const other = specs[1 - i]!;
    const config = loadConfig({
      PEC_DATA_DIR: s.dir, PEC_DOMAIN: s.domain, PEC_PROVIDER_NAME: s.name, PEC_DEMO: '0', PEC_LOG_EVENTS: '0',
      PEC_HTTP_PORT: '0', PEC_SMTP_PORT: String(s.mxPort), PEC_SUBMISSION_TLS_PORT: '0', PEC_SUBMISSION_PORT: '0',
      PEC_IMAPS_PORT: '0', PEC_IMAP_PORT: '0', PEC_POP3S_PORT: '0', PEC_POP3_PORT: '0',
      PEC_ROUTES: [`${other.domain}=127.0.0.1:${other.mxPort}`, ...(extraRoutes ? [extraRoutes] : [])].join(','),
    });
    const p = await startProvider(config, { clock, log: null, signerThreads: 1 });
    peers.push({ p, domain: s.domain, dir: s.dir, mxPort: s.mxPort });
  }
  return {
    a: peers[0]!, b: peers[1]!, clock,
    async stop() {
      for (const peer of peers) await peer.p.stop();
      for (const s of specs) rmSync(s.dir, { recursive: true, force: true });
    },
  };
}
