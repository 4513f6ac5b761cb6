import { afterEach, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SystemClock } from '../../../src/runtime/clock.ts';
import { ActorSystem } from '../../../src/runtime/system.ts';
import { openStore } from '../../../src/store/index.ts';
import { kinds } from '../../fixtures/runtime/crash-child.ts';

const CHILD = join(import.meta.dir, '../../fixtures/runtime/crash-child.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function crashRun(mode: 'after-record' | 'after-some', n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pec-crash-'));
  dirs.push(dir);
  const child = Bun.spawn([process.execPath, CHILD, dir, mode, String(n)], { stdout: 'ignore', stderr: 'inherit' });
  const code = await child.exited;
  expect(child.signalCode ?? code).toBe('SIGKILL');
  return dir;
}

async function restartAndDrain(dir: string, n: number) {
  const store = openStore(dir);
  const system = new ActorSystem({ store: store.durable, clock: new SystemClock() });
  for (const k of kinds(store)) system.register(k);
  const pendingBefore = store.durable.outboxPending().length;
  system.start();
  for (let i = 0; i < 200 && store.durable.outboxPending().length > 0; i++) await Bun.sleep(10);
  await system.stop();
  const seen = Array.from({ length: n }, (_, i) => Number(store.provider.getSetting(`seen:${i}`) ?? '0'));
  const produced = store.provider.getSetting('produced');
  const leftover = store.durable.outboxPending().length;
  store.close();
  return { seen, produced, leftover, pendingBefore };
}

describe('kill and restart', () => {
  it('delivers every recorded message exactly once after a SIGKILL right after the commit', async () => {
    const n = 30;
    const dir = await crashRun('after-record', n);
    const r = await restartAndDrain(dir, n);
    expect(r.produced).toBe(String(n));
    expect(r.pendingBefore).toBeGreaterThan(0);
    expect(r.seen).toEqual(Array(n).fill(1));
    expect(r.leftover).toBe(0);
  });

  it('never handles a message twice when the process dies after some were handled', async () => {
    const n = 60;
    const dir = await crashRun('after-some', n);
    const r = await restartAndDrain(dir, n);
    expect(r.pendingBefore).toBeLessThan(n);
    expect(r.pendingBefore).toBeGreaterThan(0);
    expect(r.seen).toEqual(Array(n).fill(1));
    expect(r.leftover).toBe(0);
  });
});
