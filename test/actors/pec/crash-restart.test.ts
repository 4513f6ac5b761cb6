import { afterEach, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/config.ts';
import { startProvider } from '../../../src/provider.ts';
import { ANNA, MARIO, byKind, folderMessages, until } from './helpers.ts';

const CHILD = join(import.meta.dir, 'crash-child.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function crashAndRestart(mode: 'after-accept' | 'mid-flow', n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pec-crash-flow-'));
  dirs.push(dir);
  const child = Bun.spawn([process.execPath, CHILD, dir, mode, String(n)], { stdout: 'ignore', stderr: 'inherit' });
  const code = await child.exited;
  expect(child.signalCode ?? code).toBe('SIGKILL');
  const p = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0' }), { listen: false, log: null, signerThreads: 1 });
  try {
    const mario = p.store.mailboxes.byAddress(MARIO)!;
    const txs = p.pec.repo.listBySender(mario.id, { limit: 1000 });
    expect(txs.length).toBeGreaterThanOrEqual(mode === 'after-accept' ? n : 1);
    await until(() => txs.every((t) => p.pec.repo.recipient(t.identificativo, ANNA)?.state === 'consegnata'), 'every transaction delivered', 20_000);
    await until(() => byKind(p, MARIO, 'avvenuta-consegna').length >= txs.length, 'every receipt stored', 20_000);
    await Bun.sleep(200);
    for (const t of txs) {
      const id = t.identificativo;
      expect(byKind(p, MARIO, 'accettazione', id).length).toBe(1);
      expect(byKind(p, ANNA, 'posta-certificata', id).length).toBe(1);
      expect(byKind(p, MARIO, 'avvenuta-consegna', id).length).toBe(1);
      expect(folderMessages(p, MARIO, '\\Sent').filter((m) => m.pecIdentificativo === id).length).toBe(1);
    }
    p.pec.pecLog.flush();
    for (const t of txs) {
      const log = p.store.pecLog.query({ identificativo: t.identificativo });
      expect(log.filter((x) => x.eventType === 'Accettazione').length).toBe(1);
      expect(log.filter((x) => x.eventType === 'Consegna' && x.details['direzione'] === 'emessa').length).toBe(1);
    }
    expect(p.store.pecLog.verifyChain().ok).toBe(true);
    return txs.length;
  } finally {
    await p.stop();
  }
}

describe('kill and restart in the middle of PEC transactions', () => {
  it('completes every accepted transaction once after a SIGKILL right after the accettazioni committed', async () => {
    expect(await crashAndRestart('after-accept', 12)).toBe(12);
  }, 30_000);

  it('neither loses nor doubles a receipt after a SIGKILL with part of the flow done', async () => {
    await crashAndRestart('mid-flow', 24);
  }, 30_000);
});
