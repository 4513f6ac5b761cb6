import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { fixture, msg, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

const used = () => f.store.mailboxes.require(f.mailboxId).usedBytes;

describe('insertMessage', () => {
  it('allocates consecutive UIDs and increasing MODSEQs from the folder counters', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const b = m.insertMessage(f.inbox, msg());
    expect([a.uid, b.uid]).toEqual([1, 2]);
    expect(b.modseq).toBeGreaterThan(a.modseq);
    const st = m.folderStatus(f.inbox);
    expect(st).toMatchObject({ exists: 2, unseen: 2, uidnext: 3, highestModseq: b.modseq, size: 2000 });
  });

  it('keeps UIDNEXT, HIGHESTMODSEQ and UIDVALIDITY across a reopen', () => {
    f.store.messages.insertMessage(f.inbox, msg());
    const before = f.store.messages.folderStatus(f.inbox);
    f.reopen();
    const after = f.store.messages.folderStatus(f.inbox);
    expect(after).toEqual(before);
    const c = f.store.messages.insertMessage(f.inbox, msg());
    expect(c.uid).toBe(2);
    expect(c.modseq).toBe(before.highestModseq + 1);
  });

  it('does not consume a UID when the surrounding transaction rolls back', () => {
    expect(() =>
      f.store.transaction(() => {
        f.store.messages.insertMessage(f.inbox, msg());
        throw new Error('delivery failed');
      }),
    ).toThrow('delivery failed');
    expect(f.store.messages.folderStatus(f.inbox)).toMatchObject({ exists: 0, uidnext: 1 });
    expect(used()).toBe(0);
  });

  it('adds the message size to used_bytes', () => {
    f.store.messages.insertMessage(f.inbox, msg({ size: 1234 }));
    f.store.messages.insertMessage(f.sent, msg({ size: 66 }));
    expect(used()).toBe(1300);
  });

  it('returns the stored list columns as a plain object', () => {
    const { id } = f.store.messages.insertMessage(
      f.inbox,
      msg({
        subject: 'ACCETTAZIONE: prova',
        toAddrs: ['a@x.test', 'b@y.test'],
        ccAddrs: ['c@z.test'],
        flags: ['\\seen', '$Label1'],
        pecKind: 'accettazione',
        pecIdentificativo: 'opec123.20260115@pec.demo.test',
        hasAttachments: true,
        dateHeader: T0,
        messageId: '<id@x>',
      }),
    );
    expect(f.store.messages.getById(id)).toMatchObject({
      subject: 'ACCETTAZIONE: prova',
      toAddrs: ['a@x.test', 'b@y.test'],
      ccAddrs: ['c@z.test'],
      flags: ['\\Seen', '$Label1'],
      pecKind: 'accettazione',
      hasAttachments: true,
      dateHeader: T0,
      messageId: '<id@x>',
    });
    expect(f.store.messages.byPecIdentificativo(f.mailboxId, 'opec123.20260115@pec.demo.test').map((x) => x.id)).toEqual([id]);
  });

  it('rejects a blob hash that is not a SHA-256 digest and a negative size', () => {
    expect(() => f.store.messages.insertMessage(f.inbox, msg({ blobHash: '../../etc/passwd' }))).toThrow(InvalidValueError);
    expect(() => f.store.messages.insertMessage(f.inbox, msg({ size: -1 }))).toThrow(InvalidValueError);
  });

  it('rejects unknown system flags, non-atom keywords and too many keywords', () => {
    expect(() => f.store.messages.insertMessage(f.inbox, msg({ flags: ['\\Recent2'] }))).toThrow(InvalidValueError);
    expect(() => f.store.messages.insertMessage(f.inbox, msg({ flags: ['a b'] }))).toThrow(InvalidValueError);
    const many = Array.from({ length: 65 }, (_, i) => `k${i}`);
    expect(() => f.store.messages.insertMessage(f.inbox, msg({ flags: many }))).toThrow(LimitExceededError);
  });
});

describe('moveMessages', () => {
  it('gives new UIDs in the target, keeps the row id and records the expunge in the source', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const b = m.insertMessage(f.inbox, msg());
    const mark = m.folderStatus(f.inbox).highestModseq;
    m.insertMessage(f.trash, msg());
    const moved = m.moveMessages([b.id, a.id], f.trash);
    expect(moved.map((r) => [r.id, r.fromUid, r.uid])).toEqual([
      [a.id, 1, 2],
      [b.id, 2, 3],
    ]);
    expect(m.getByUid(f.inbox, 1)).toBeUndefined();
    expect(m.getByUid(f.trash, 2)?.id).toBe(a.id);
    expect(m.changedSince(f.inbox, mark).vanished).toEqual([1, 2]);
    expect(m.folderStatus(f.inbox).exists).toBe(0);
    expect(used()).toBe(3000);
  });

  it('refuses to move a message into a folder of another mailbox', () => {
    const other = f.store.mailboxes.create({ localPart: 'luigi', domainId: 1, type: 'B' }, T0);
    const otherInbox = f.store.folders.bySpecialUse(other.id, '\\Inbox')!.id;
    const a = f.store.messages.insertMessage(f.inbox, msg());
    expect(() => f.store.messages.moveMessages([a.id], otherInbox)).toThrow(InvalidValueError);
    expect(f.store.messages.getById(a.id)?.folderId).toBe(f.inbox);
  });
});

describe('copyMessages', () => {
  it('creates new rows with the same flags and blob, and counts their size again', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg({ flags: ['\\Flagged'], size: 500 }));
    const [c] = m.copyMessages([a.id], f.sent);
    expect(c).toMatchObject({ sourceId: a.id, fromUid: 1, uid: 1 });
    expect(c!.id).not.toBe(a.id);
    const copy = m.getById(c!.id)!;
    expect(copy.flags).toEqual(['\\Flagged']);
    expect(copy.blobHash).toBe(m.getById(a.id)!.blobHash);
    expect(used()).toBe(1000);
  });

  it('releases the blob only when the last copy is expunged', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const [c] = m.copyMessages([a.id], f.sent);
    expect(m.expunge(f.inbox, [a.id]).releasedBlobs).toEqual([]);
    const hash = m.getById(c!.id)!.blobHash;
    expect(m.expunge(f.sent, [c!.id]).releasedBlobs).toEqual([hash]);
    expect(m.unreferencedBlobs()).toEqual([hash]);
    expect(m.forgetBlob(hash)).toBe(true);
    expect(used()).toBe(0);
  });

  it('keeps a pinned blob (the outbound queue still sending it) after the last mailbox copy is expunged', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const hash = m.getById(a.id)!.blobHash;
    m.pinBlob(hash);
    expect(m.expunge(f.inbox, [a.id]).releasedBlobs).toEqual([]);
    expect(m.forgetBlob(hash)).toBe(false);
    expect(m.unpinBlob(hash)).toBe(true);
    expect(m.forgetBlob(hash)).toBe(true);
  });
});

describe('setFlags', () => {
  it('adds, removes and replaces flags, returning only rows that changed with a new modseq', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const b = m.insertMessage(f.inbox, msg({ flags: ['\\Seen'] }));
    const added = m.setFlags([a.id, b.id], 'add', ['\\Seen']);
    expect(added.map((r) => r.id)).toEqual([a.id]);
    expect(added[0]!.modseq).toBeGreaterThan(b.modseq);
    expect(m.setFlags([a.id], 'add', ['\\Seen'])).toEqual([]);
    expect(m.setFlags([a.id], 'replace', ['\\Answered', 'Todo'])[0]!.flags).toEqual(['\\Answered', 'Todo']);
    expect(m.setFlags([a.id], 'remove', ['todo'])[0]!.flags).toEqual(['\\Answered']);
    expect(m.folderStatus(f.inbox).unseen).toBe(1);
  });

  it('reports changed flags through changedSince', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    m.insertMessage(f.inbox, msg());
    const mark = m.folderStatus(f.inbox).highestModseq;
    m.setFlags([a.id], 'add', ['\\Flagged']);
    expect(m.changedSince(f.inbox, mark).changed.map((c) => [c.uid, c.flags])).toEqual([[1, ['\\Flagged']]]);
  });

  it('leaves rows modified after UNCHANGEDSINCE alone and lists them as failed', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const b = m.insertMessage(f.inbox, msg());
    const r = m.setFlagsConditional([a.id, b.id], 'add', ['\\Seen'], a.modseq);
    expect(r.changed.map((c) => c.id)).toEqual([a.id]);
    expect(r.failed).toEqual([b.id]);
  });
});

describe('expunge', () => {
  it('removes only \\Deleted messages, returns their UIDs and subtracts their size', () => {
    const m = f.store.messages;
    const ids = [1, 2, 3, 4].map(() => m.insertMessage(f.inbox, msg({ size: 100 })).id);
    m.setFlags([ids[3]!, ids[1]!], 'add', ['\\Deleted']);
    const r = m.expunge(f.inbox);
    expect(r.uids).toEqual([2, 4]);
    expect(m.uids(f.inbox)).toEqual([1, 3]);
    expect(used()).toBe(200);
    expect(m.changedSince(f.inbox, r.modseq - 1).vanished).toEqual([2, 4]);
    expect(m.search(f.mailboxId, { subject: 'Messaggio' }).length).toBe(2);
  });

  it('removes exactly the given ids of the folder, ignoring ids of other folders', () => {
    const m = f.store.messages;
    const a = m.insertMessage(f.inbox, msg());
    const b = m.insertMessage(f.sent, msg());
    expect(m.expunge(f.inbox, [a.id, b.id]).uids).toEqual([1]);
    expect(m.getById(b.id)).toBeDefined();
  });

  it('returns an empty result without bumping modseq when nothing is deleted', () => {
    const m = f.store.messages;
    m.insertMessage(f.inbox, msg());
    const before = m.folderStatus(f.inbox).highestModseq;
    expect(m.expunge(f.inbox)).toEqual({ uids: [], modseq: 0, releasedBlobs: [] });
    expect(m.folderStatus(f.inbox).highestModseq).toBe(before);
  });
});

describe('listFolder', () => {
  it('pages and sorts by a whitelisted key', () => {
    const m = f.store.messages;
    m.insertMessage(f.inbox, msg({ subject: 'beta', size: 3 }));
    m.insertMessage(f.inbox, msg({ subject: 'Alfa', size: 1 }));
    m.insertMessage(f.inbox, msg({ subject: 'gamma', size: 2 }));
    expect(m.listFolder(f.inbox).map((x) => x.subject)).toEqual(['gamma', 'Alfa', 'beta']);
    expect(m.listFolder(f.inbox, { sort: 'subject-asc' }).map((x) => x.subject)).toEqual(['Alfa', 'beta', 'gamma']);
    expect(m.listFolder(f.inbox, { sort: 'size-desc', limit: 2, offset: 1 }).map((x) => x.size)).toEqual([2, 1]);
  });

  it('rejects a page larger than MAX_PAGE_SIZE and an unknown sort', () => {
    expect(() => f.store.messages.listFolder(f.inbox, { limit: 1_000_000 })).toThrow(LimitExceededError);
    expect(() => f.store.messages.listFolder(f.inbox, { sort: 'uid; DROP TABLE messages' as never })).toThrow();
  });
});
