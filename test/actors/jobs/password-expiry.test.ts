import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { PASSWORD_EXPIRY_JOB, PASSWORD_EXPIRY_TIMER, type SentExpiryNotice } from '../../../actors/jobs/password-expiry.actor.ts';
import { DAY_MS } from '../../../src/auth/password-expiry.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { startProvider } from '../../../src/provider.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { reposOf, testProvider, type TestProvider } from '../../src/web/admin/helpers.ts';

const START = Date.UTC(2026, 2, 1, 3, 0, 0);
const clock = new SimulatedClock(START);
let tp: TestProvider;
let marioId: number;

beforeAll(async () => {
  tp = await testProvider({ clock });
  marioId = tp.p.store.mailboxes.byAddress('mario.rossi@pec.demo.test')!.id;
  // The password was changed 69 days ago: 21 days left, no notice due yet.
  const hash = tp.p.store.principals.holder(marioId)!.passwordHash;
  tp.p.store.principals.setHolderPassword(marioId, hash, START - 69 * DAY_MS);
});
afterAll(() => tp.stop());

const tick = () => tp.p.system.ask<SentExpiryNotice[]>(PASSWORD_EXPIRY_JOB, { type: 'tick' }, 5_000);
const mail = () => reposOf(tp.p).notices.list(1, { limit: 100 }).rows.filter((n) => n.kind === 'password-expiry' && n.to === 'mario.rossi@example.com');
const inbox = () => tp.p.store.messages.listFolder(tp.p.store.folders.bySpecialUse(marioId, '\\Inbox')!.id).map((m) => m.subject);
/** Waits for the job's asynchronous run (fired by a timer, not by an ask) to show its effect. */
async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await Bun.sleep(5);
}
/** The timer row is written in the run's transaction; the clock is armed after its commit (next macrotask). */
async function untilArmed(p: Parameters<typeof timerAt>[0], at: number): Promise<void> {
  await until(() => timerAt(p) === at);
  await Bun.sleep(10);
}
const timerAt = (p: { store: { durable: { timersAll(): { id: string; fireAt: number }[] } } }) =>
  p.store.durable.timersAll().find((t) => t.id === PASSWORD_EXPIRY_TIMER)?.fireAt;

describe('password expiry job (seed 003 "Scadenza della password")', () => {
  it('arms one persisted daily timer at start', async () => {
    await untilArmed(tp.p, START + DAY_MS);
    const timers = tp.p.store.durable.timersAll().filter((t) => t.id === PASSWORD_EXPIRY_TIMER);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.fireAt).toBe(START + DAY_MS);
    expect(mail()).toEqual([]);
  });

  it('sends the 20-day reminder when the daily timer fires, to the communication e-mail and the PEC mailbox', async () => {
    clock.advance(DAY_MS);
    await untilArmed(tp.p, START + 2 * DAY_MS);
    expect(mail().map((n) => n.subject)).toEqual(['La password scade tra 20 giorni']);
    expect(inbox()).toContain('La password scade tra 20 giorni');
    expect(tp.p.store.durable.timersAll().find((t) => t.id === PASSWORD_EXPIRY_TIMER)!.fireAt).toBe(START + 2 * DAY_MS);
  });

  it('never sends the same reminder twice', async () => {
    expect(await tick()).toEqual([]);
    await untilArmed(tp.p, clock.now() + DAY_MS);
    clock.advance(DAY_MS);
    await untilArmed(tp.p, clock.now() + DAY_MS);
    expect(mail()).toHaveLength(1);
  });

  it('sends the 10- and 5-day reminders and then "password scaduta", once each', async () => {
    for (let day = 0; day < 25; day++) {
      const next = clock.now() + 2 * DAY_MS;
      clock.advance(DAY_MS);
      await untilArmed(tp.p, next);
    }
    await until(() => inbox().length >= 4);
    expect(mail().map((n) => n.subject).reverse()).toEqual([
      'La password scade tra 20 giorni',
      'La password scade tra 10 giorni',
      'La password scade tra 5 giorni',
      'Password scaduta',
    ]);
    expect(inbox().filter((s) => s?.startsWith('La password') || s === 'Password scaduta')).toHaveLength(4);
  });

  it('starts again for a new password', async () => {
    const hash = tp.p.store.principals.holder(marioId)!.passwordHash;
    tp.p.store.principals.setHolderPassword(marioId, hash, clock.now() - 75 * DAY_MS);
    const sent = await tick();
    expect(sent).toEqual([{ address: 'mario.rossi@pec.demo.test', key: 'promemoria-20' }]);
  });
});

describe('password expiry job across a restart', () => {
  it('sweeps at start after a restart, sends what fell due meanwhile and re-arms the daily timer', async () => {
    const c1 = new SimulatedClock(START);
    const first = await testProvider({ clock: c1 });
    const id = first.p.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!.id;
    first.p.store.principals.setHolderPassword(id, first.p.store.principals.holder(id)!.passwordHash, START - 80 * DAY_MS);
    await first.p.system.ask(PASSWORD_EXPIRY_JOB, { type: 'tick' }, 5_000);
    const afterFirst = reposOf(first.p).notices.list(1).rows.filter((n) => n.to === 'anna.bianchi@example.com');
    expect(afterFirst.map((n) => n.subject)).toEqual(['La password scade tra 10 giorni']);
    await first.p.stop();
    const c2 = new SimulatedClock(START + 6 * DAY_MS);
    const second = await startProvider(loadConfig({ PEC_DATA_DIR: first.dir, PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1, log: null, clock: c2 });
    try {
      await until(() => timerAt(second) === START + 7 * DAY_MS);
      await until(() => reposOf(second).notices.list(1).rows.length > 1);
      const rows = reposOf(second).notices.list(1).rows.filter((n) => n.to === 'anna.bianchi@example.com');
      expect(rows.map((n) => n.subject)).toEqual(['La password scade tra 5 giorni', 'La password scade tra 10 giorni']);
      expect(second.store.durable.timersAll().find((t) => t.id === PASSWORD_EXPIRY_TIMER)!.fireAt).toBe(START + 7 * DAY_MS);
    } finally {
      await second.stop();
      (await import('node:fs')).rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
