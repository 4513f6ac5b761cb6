// `npm run bench`: runs every benchmark of bench/ in turn (or the ones named: `npm run bench -- pec imap`) and prints
// their figures. Benchmarks print; they never assert times (those belong to no test).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const wanted = process.argv.slice(2);
const files = readdirSync(import.meta.dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, '')))
  .sort();

for (const f of files) {
  const mod = (await import(join(import.meta.dir, f))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== ${f.replace(/\.ts$/, '')} ==`);
  const t0 = performance.now();
  await mod.run();
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
process.exit(0);
