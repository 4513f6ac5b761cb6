// Test helpers for the store: temp data folders, an opened store with one domain and one mailbox, fake blobs.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../../src/store/index.ts';
import type { NewMessage } from '../../../src/store/message-types.ts';

export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export function tempDir(prefix = 'pec-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface Fixture {
  dir: string;
  store: Store;
  mailboxId: number;
  inbox: number;
  sent: number;
  trash: number;
  reopen(): void;
  cleanup(): void;
}

/** A store in a temp folder with domain pec.demo.test and mailbox mario.rossi (type A). */
export function fixture(): Fixture {
  const { dir, cleanup } = tempDir();
  const f: Fixture = {
    dir,
    store: openStore(dir),
    mailboxId: 0,
    inbox: 0,
    sent: 0,
    trash: 0,
    reopen() {
      f.store.close();
      f.store = openStore(dir);
    },
    cleanup() {
      f.store.close();
      cleanup();
    },
  };
  const s = f.store;
  const domain = s.domains.create('pec.demo.test', T0);
  const mb = s.mailboxes.create({ localPart: 'mario.rossi', domainId: domain.id, type: 'A' }, T0);
  f.mailboxId = mb.id;
  f.inbox = s.folders.bySpecialUse(mb.id, '\\Inbox')!.id;
  f.sent = s.folders.bySpecialUse(mb.id, '\\Sent')!.id;
  f.trash = s.folders.bySpecialUse(mb.id, '\\Trash')!.id;
  return f;
}

let n = 0;
/** A message whose blob hash is derived from its subject (the blob itself is not written). */
export function msg(over: Partial<NewMessage> = {}): NewMessage {
  n++;
  const subject = over.subject ?? `Messaggio ${n}`;
  return {
    internalDate: T0 + n * 1000,
    size: 1000,
    blobHash: hashOf(`${subject}#${n}`),
    subject,
    fromAddr: 'anna.bianchi@pec.altro.test',
    toAddrs: ['mario.rossi@pec.demo.test'],
    ccAddrs: [],
    ...over,
  };
}
