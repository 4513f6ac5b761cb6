// A provider process that accepts PEC submissions and is killed (SIGKILL) mid-flow: the kill-and-restart test
// reopens its data folder and checks that every accepted transaction completes with no receipt lost or doubled.
import { loadConfig } from '../../../src/config/config.ts';
import { startProvider } from '../../../src/provider.ts';
import { ANNA, MARIO, byKind, original, titolare } from './helpers.ts';

if (import.meta.main) {
  const [dir, mode, nText] = process.argv.slice(2);
  const n = Number(nText);
  const p = await startProvider(loadConfig({ PEC_DATA_DIR: dir!, PEC_LOG_EVENTS: '0' }), { listen: false, log: null, signerThreads: 1 });
  const kill = () => process.kill(process.pid, 'SIGKILL');
  if (mode === 'mid-flow') {
    // Die as soon as some consegne are stored, while the rest of the flow is still in the outbox.
    const poll = () => (byKind(p, MARIO, 'avvenuta-consegna').length >= Math.floor(n / 3) ? kill() : setImmediate(poll));
    setImmediate(poll);
  }
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      p.submission.submit({ principal: titolare(p, MARIO), raw: original({ from: MARIO, to: [ANNA], subject: `crash ${i}` }), envelopeFrom: MARIO, recipients: [ANNA], channel: 'smtp' }),
    ),
  );
  if (results.some((r) => r.status !== 'accepted')) process.exit(3);
  if (mode === 'after-accept') kill();
  await Bun.sleep(10_000);
  process.exit(4);
}
