import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForeignObjectError, QuotaExceededError } from '../../../actors/mailbox/errors.ts';
import { mailboxKind } from '../../../actors/mailbox/mailbox.actor.ts';
import type { DeliverReply, MailboxChange, MailboxMsg } from '../../../actors/mailbox/messages.ts';
import { MailboxWatchers } from '../../../actors/mailbox/watchers.ts';
import type { AppEvent } from '../../../src/events/catalogue.ts';
import { EventBus } from '../../../src/events/bus.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { ActorSystem } from '../../../src/runtime/system.ts';
import { openStore, type Store } from '../../../src/store/index.ts';

const T = 5_000;
let dir: string;
let store: Store;
let system: ActorSystem;
let events: AppEvent[];
let changes: MailboxChange[];
let clock: SimulatedClock;
const ADDR = 'mario.rossi@pec.demo.test';

function boot() {
  clock = new SimulatedClock();
  const bus = new EventBus(clock, null);
  bus.subscribe((e) => events.push(e));
  const watchers = new MailboxWatchers();
  watchers.watch(ADDR, (c) => changes.push(c));
  system = new ActorSystem({ store: store.durable, clock });
  system.register(mailboxKind({ store, bus, watchers }));
  system.start();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pec-mbx-'));
  store = openStore(dir);
  const d = store.domains.create('pec.demo.test', 0);
  store.mailboxes.create({ localPart: 'mario.rossi', domainId: d.id, type: 'A', quotaBytes: 10_000 }, 0);
  store.mailboxes.create({ localPart: 'anna.bianchi', domainId: d.id, type: 'A' }, 0);
  events = [];
  changes = [];
  boot();
});
afterEach(async () => {
  await system.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ask = <R>(msg: MailboxMsg, to = ADDR) => system.ask<R>(`mailbox:${to}`, msg, T);
const msg = (size: number, subject = 'Prova') => ({ internalDate: clock.now(), size, blobHash: 'a'.repeat(64), subject });

describe('mailbox actor', () => {
  it('delivers into Posta in arrivo with increasing UIDs and tells watchers after the commit', async () => {
    const a = await ask<DeliverReply>({ type: 'deliver', message: msg(100), reason: 'consegna' });
    const b = await ask<DeliverReply>({ type: 'deliver', message: msg(100), reason: 'consegna' });
    expect(b.uid).toBe(a.uid + 1);
    expect(store.folders.byId(a.folderId)?.specialUse).toBe('\\Inbox');
    expect(changes.filter((c) => c.kind === 'exists').length).toBe(2);
    expect(store.mailboxes.byAddress(ADDR)?.usedBytes).toBe(200);
  });

  it('refuses with a typed QuotaExceededError a message that would exceed the quota, and keeps nothing of it', async () => {
    await ask({ type: 'deliver', message: msg(9_000), reason: 'consegna' });
    const refused = ask({ type: 'deliver', message: msg(2_000), reason: 'consegna' });
    await expect(refused).rejects.toBeInstanceOf(QuotaExceededError);
    await refused.catch((e: QuotaExceededError) => expect(e.wire.imap).toBe('OVERQUOTA'));
    expect(store.mailboxes.byAddress(ADDR)?.usedBytes).toBe(9_000);
    expect(events.some((e) => e.type === 'mailbox.message-refused')).toBe(true);
  });

  it('emits the quota events at 70 % and 90 % once each as they are crossed (seed 000 §2.1)', async () => {
    for (let i = 0; i < 10; i++) await ask({ type: 'deliver', message: msg(950), reason: 'consegna' });
    const percents = events.flatMap((e) => (e.type === 'mailbox.quota-threshold' ? [e.percent] : []));
    expect(percents).toEqual([70, 80, 90]); // 80 = the soft limit (seed 003 default)
  });

  it('moves, copies, flags and expunges, keeping UIDs per folder', async () => {
    const inbox = store.folders.bySpecialUse(1, '\\Inbox')!;
    const trash = store.folders.bySpecialUse(1, '\\Trash')!;
    const a = await ask<DeliverReply>({ type: 'deliver', message: msg(10), reason: 'consegna' });
    const moved = await ask<Array<{ id: number; uid: number }>>({ type: 'move', ids: [a.id], toFolderId: trash.id });
    expect(moved[0]!.uid).toBe(1);
    expect(store.messages.folderStatus(inbox.id).exists).toBe(0);
    const copied = await ask<Array<{ id: number }>>({ type: 'copy', ids: [moved[0]!.id], toFolderId: inbox.id });
    await ask({ type: 'set-flags', ids: [copied[0]!.id], mode: 'add', flags: ['\\Seen', '\\Deleted'] });
    expect(store.messages.getById(copied[0]!.id)?.flags).toContain('\\Seen');
    const ex = await ask<{ uids: number[] }>({ type: 'expunge', folderId: inbox.id });
    expect(ex.uids.length).toBe(1);
    expect(changes.some((c) => c.kind === 'expunge')).toBe(true);
  });

  it('creates, renames and deletes folders with a parent', async () => {
    const f = await ask<{ id: number }>({ type: 'create-folder', name: 'Fatture', parentId: null });
    const sub = await ask<{ id: number; parentId: number }>({ type: 'create-folder', name: '2026', parentId: f.id });
    expect(sub.parentId).toBe(f.id);
    await ask({ type: 'rename-folder', folderId: f.id, name: 'Fatture passive' });
    expect(store.folders.byId(f.id)?.name).toBe('Fatture passive');
    await ask({ type: 'delete-folder', folderId: sub.id });
    expect(store.folders.byId(sub.id)).toBeUndefined();
  });

  it("refuses another mailbox's folder or message ids", async () => {
    const other = store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!;
    const theirInbox = store.folders.bySpecialUse(other.id, '\\Inbox')!;
    await expect(ask({ type: 'deliver', folder: theirInbox.id, message: msg(1), reason: 'append' })).rejects.toBeInstanceOf(ForeignObjectError);
    const theirs = await ask<DeliverReply>({ type: 'deliver', message: msg(1), reason: 'consegna' }, other.address);
    await expect(ask({ type: 'set-flags', ids: [theirs.id], mode: 'add', flags: ['\\Seen'] })).rejects.toBeInstanceOf(ForeignObjectError);
  });

  it('keeps UIDs, UIDVALIDITY and MODSEQ across a restart', async () => {
    const a = await ask<DeliverReply>({ type: 'deliver', message: msg(10), reason: 'consegna' });
    const before = store.messages.folderStatus(a.folderId);
    await system.stop();
    store.close();
    store = openStore(dir);
    boot();
    const b = await ask<DeliverReply>({ type: 'deliver', message: msg(10), reason: 'consegna' });
    const after = store.messages.folderStatus(a.folderId);
    expect(b.uid).toBe(a.uid + 1);
    expect(after.uidvalidity).toBe(before.uidvalidity);
    expect(after.highestModseq).toBeGreaterThan(before.highestModseq);
  });
});
