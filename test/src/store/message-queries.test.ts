import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { LimitExceededError } from '../../../src/store/index.ts';
import { MAX_PAGE_SIZE } from '../../../src/store/limits.ts';
import { fixture, msg, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('flagRows', () => {
  it('returns uid, flag bits, keywords (null when none), modseq and size in UID order within the range', () => {
    const a = f.store.messages.insertMessage(f.inbox, msg({ size: 10 }));
    const b = f.store.messages.insertMessage(f.inbox, msg({ size: 20, flags: ['\\Seen', '\\Flagged', '$Etichetta'] }));
    f.store.messages.insertMessage(f.inbox, msg({ size: 30 }));
    f.store.messages.insertMessage(f.sent, msg({ size: 40 }));
    expect(f.store.messages.flagRows(f.inbox, a.uid, b.uid, 10)).toEqual([
      { uid: a.uid, bits: 0, keywords: null, modseq: a.modseq, size: 10 },
      { uid: b.uid, bits: 1 | 4, keywords: '["$Etichetta"]', modseq: b.modseq, size: 20 },
    ]);
  });

  it('stops at the limit so that a caller pages from the last uid + 1', () => {
    const uids = [1, 2, 3, 4, 5].map(() => f.store.messages.insertMessage(f.inbox, msg()).uid);
    const first = f.store.messages.flagRows(f.inbox, 1, 1_000_000, 2);
    expect(first.map((r) => r.uid)).toEqual(uids.slice(0, 2));
    const next = f.store.messages.flagRows(f.inbox, first[1]!.uid + 1, 1_000_000, 2);
    expect(next.map((r) => r.uid)).toEqual(uids.slice(2, 4));
  });

  it('follows flag changes and reports the new modseq', () => {
    const a = f.store.messages.insertMessage(f.inbox, msg());
    const [c] = f.store.messages.setFlags([a.id], 'add', ['\\Seen', 'Lavoro']);
    expect(f.store.messages.flagRows(f.inbox, a.uid, a.uid, 1)).toEqual([{ uid: a.uid, bits: 1, keywords: '["Lavoro"]', modseq: c!.modseq, size: 1000 }]);
  });

  it(`refuses a page larger than MAX_PAGE_SIZE (${MAX_PAGE_SIZE})`, () => {
    expect(() => f.store.messages.flagRows(f.inbox, 1, 10, MAX_PAGE_SIZE + 1)).toThrow(LimitExceededError);
  });
});

describe('fetchRows', () => {
  it('adds the row id, INTERNALDATE and blob hash to the flag state, in UID order within the range', () => {
    const a = f.store.messages.insertMessage(f.inbox, msg({ size: 10, internalDate: 1_700_000_000_000 }));
    const b = f.store.messages.insertMessage(f.inbox, msg({ size: 20, flags: ['\\Draft', 'Lavoro'] }));
    const [ma, mb] = [f.store.messages.getByUid(f.inbox, a.uid)!, f.store.messages.getByUid(f.inbox, b.uid)!];
    expect(f.store.messages.fetchRows(f.inbox, 1, b.uid, 5)).toEqual([
      { id: a.id, uid: a.uid, bits: 0, keywords: null, modseq: a.modseq, size: 10, internalDate: 1_700_000_000_000, blobHash: ma.blobHash },
      { id: b.id, uid: b.uid, bits: 16, keywords: '["Lavoro"]', modseq: b.modseq, size: 20, internalDate: mb.internalDate, blobHash: mb.blobHash },
    ]);
    expect(f.store.messages.fetchRows(f.inbox, b.uid + 1, b.uid + 9, 5)).toEqual([]);
    // One UID is looked up by equality: same row, and nothing for a UID the folder does not hold.
    expect(f.store.messages.fetchRows(f.inbox, b.uid, b.uid, 1)).toEqual(f.store.messages.fetchRows(f.inbox, b.uid, b.uid + 1, 1));
    expect(f.store.messages.fetchRows(f.inbox, b.uid + 1, b.uid + 1, 1)).toEqual([]);
  });

  it(`refuses a page larger than MAX_PAGE_SIZE (${MAX_PAGE_SIZE})`, () => {
    expect(() => f.store.messages.fetchRows(f.inbox, 1, 10, MAX_PAGE_SIZE + 1)).toThrow(LimitExceededError);
  });
});
