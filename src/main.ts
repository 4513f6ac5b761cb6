// Composition root: reads the configuration, starts the provider, prints where it listens, stops on a signal.
// A bad configuration or an unwritable data folder ends with one clear line and a non-zero exit.
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { DEMO_ADMIN, DEMO_MAILBOXES } from './demo.ts';
import { startProvider, type Provider } from './provider.ts';

function banner(p: Provider): string {
  const c: Config = p.config;
  const lines = [`PEC provider up — data ${c.dataDir}, service address ${p.serviceAddress}`];
  for (const [name, where] of Object.entries(p.listeners)) lines.push(`  ${name.padEnd(28)} ${where}`);
  lines.push(`  ${'CA certificate'.padEnd(28)} ${p.pki.dir}/ca.pem (trust it in mail clients)`);
  if (p.demoSeeded) {
    lines.push('Demo seeded (PEC_DEMO=0 to skip), password for all: ' + c.demoPassword);
    for (const m of DEMO_MAILBOXES) lines.push(`  ${'mailbox'.padEnd(28)} ${m.address}`);
    lines.push(`  ${'administrator'.padEnd(28)} ${DEMO_ADMIN}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let provider: Provider;
  try {
    provider = await startProvider(loadConfig());
  } catch (e) {
    const msg = e instanceof ConfigError ? `configuration error: ${e.message}` : `cannot start: ${(e as Error).message}`;
    process.stderr.write(`pec: ${msg}\n`);
    process.exit(e instanceof ConfigError ? 2 : 1);
  }
  process.stdout.write(banner(provider) + '\n');
  const stop = async () => {
    await provider.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
