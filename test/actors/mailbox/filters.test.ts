import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailboxKind } from '../../../actors/mailbox/mailbox.actor.ts';
import type { DeliverReply, MailboxMsg } from '../../../actors/mailbox/messages.ts';
import { MailboxWatchers } from '../../../actors/mailbox/watchers.ts';
import { EventBus } from '../../../src/events/bus.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { ActorSystem } from '../../../src/runtime/system.ts';
import { openStore, type Store } from '../../../src/store/index.ts';
import { webmailRepos } from '../../../src/store/webmail-repos.ts';

const ADDR = 'mario.rossi@pec.demo.test';
let dir: string;
let store: Store;
let system: ActorSystem;
let mailboxId: number;
let ricevute: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pec-filters-'));
  store = openStore(dir);
  const d = store.domains.create('pec.demo.test', 0);
  mailboxId = store.mailboxes.create({ localPart: 'mario.rossi', domainId: d.id, type: 'A' }, 0).id;
  ricevute = store.folders.create(mailboxId, 'Ricevute', null, 0).id;
  webmailRepos(store).filters.create(mailboxId, { name: 'ricevute', pecKind: 'accettazione', moveToFolderId: ricevute, markRead: true }, 0);
  webmailRepos(store).filters.create(mailboxId, { name: 'letti', senderContains: 'newsletter', markRead: true }, 0);
  const clock = new SimulatedClock();
  system = new ActorSystem({ store: store.durable, clock });
  system.register(mailboxKind({ store, bus: new EventBus(clock, null), watchers: new MailboxWatchers() }));
  system.start();
});
afterEach(async () => {
  await system.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const deliver = (m: Partial<Extract<MailboxMsg, { type: 'deliver' }>['message']>, reason: 'ricevuta' | 'consegna' | 'append' = 'ricevuta') =>
  system.ask<DeliverReply>(`mailbox:${ADDR}`, { type: 'deliver', reason, message: { internalDate: 0, size: 10, blobHash: 'b'.repeat(64), ...m } }, 5000);

describe('message filters at delivery', () => {
  it('moves a matching receipt to the filter\'s folder and marks it read', async () => {
    const r = await deliver({ subject: 'ACCETTAZIONE: x', pecKind: 'accettazione', fromAddr: 'posta-certificata@pec.demo.test' });
    expect(r.folderId).toBe(ricevute);
    expect(store.messages.getById(r.id)!.flags).toContain('\\Seen');
  });

  it('only marks read when the matching filter has no folder', async () => {
    const r = await deliver({ subject: 'Novità', fromAddr: 'newsletter@example.com' }, 'consegna');
    expect(store.folders.byId(r.folderId)!.specialUse).toBe('\\Inbox');
    expect(store.messages.getById(r.id)!.flags).toEqual(['\\Seen']);
  });

  it('leaves non-matching mail, the user\'s own appends and a filter whose folder is gone alone', async () => {
    const plain = await deliver({ subject: 'Altro', pecKind: 'posta-certificata' }, 'consegna');
    expect(store.folders.byId(plain.folderId)!.specialUse).toBe('\\Inbox');
    const appended = await deliver({ pecKind: 'accettazione' }, 'append');
    expect(store.folders.byId(appended.folderId)!.specialUse).toBe('\\Inbox');
    await system.ask(`mailbox:${ADDR}`, { type: 'delete-folder', folderId: ricevute }, 5000);
    const after = await deliver({ pecKind: 'accettazione' });
    expect(store.folders.byId(after.folderId)!.specialUse).toBe('\\Inbox');
  });
});
