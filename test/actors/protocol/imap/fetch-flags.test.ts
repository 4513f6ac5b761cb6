import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { flagListBytes, writeFlagFetch, writeFlagFetches } from '../../../../actors/protocol/imap/fetch-flags.ts';
import { LineBuffer } from '../../../../actors/protocol/imap/line-buffer.ts';
import { metadataOnly } from '../../../../actors/protocol/imap/fetch-items.ts';
import { FLAG_ROWS_FIRST_PAGE, FLAG_ROWS_PAGE, SPARSE_SET_FACTOR } from '../../../../actors/protocol/imap/limits.ts';
import type { Target } from '../../../../actors/protocol/imap/selected-view.ts';
import { buildFetchItems, encodeResponse, type FetchAttribute } from '../../../../src/protocol/imap/index.ts';
import { decodeFlags } from '../../../../src/store/message-flags.ts';
import { fixture, msg, type Fixture } from '../../../src/store/helpers.ts';

const META: Array<FetchAttribute[]> = [
  [{ kind: 'UID' }, { kind: 'FLAGS' }],
  [{ kind: 'FLAGS' }, { kind: 'MODSEQ' }, { kind: 'RFC822.SIZE' }],
  [{ kind: 'UID' }, { kind: 'RFC822.SIZE' }, { kind: 'FLAGS' }, { kind: 'MODSEQ' }],
  [{ kind: 'UID' }],
];
const ROWS = [
  { uid: 42, bits: 1 | 4, keywords: '["$Etichetta","Lavoro"]', modseq: 7, size: 1234 },
  { uid: 9, bits: 0, keywords: null, modseq: 1, size: 10 },
  { uid: 4_294_967_295, bits: 31, keywords: null, modseq: 2 ** 40, size: 0 },
];

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('writeFlagFetch', () => {
  for (const atts of META) {
    for (const row of ROWS) {
      it(`writes the codec's bytes for ${atts.map((a) => a.kind).join(' ')} of uid ${row.uid}`, () => {
        expect(metadataOnly(atts)).toBe(true);
        const flags = decodeFlags(row.bits, row.keywords ?? '[]');
        const src = { uid: row.uid, flags, size: row.size, modseq: BigInt(row.modseq), internalDate: { ms: 0, tzOffsetMinutes: 0 }, raw: () => new Uint8Array() };
        const built = buildFetchItems(atts, src);
        if (built.kind !== 'ok') throw new Error('unexpected');
        const codec = new TextDecoder().decode(encodeResponse({ kind: 'fetch', seq: 3, items: built.items }));
        const out = new LineBuffer(1); // grows from a tiny buffer: every write reserves its room
        writeFlagFetch(out, 3, atts, row, flagListBytes(row, new Map()));
        expect(text(out.take())).toBe(codec);
      });
    }
  }
});

describe('flagListBytes', () => {
  it('gives the system flags of every bitmask in the stored order and decodes keywords once per distinct value', () => {
    for (let bits = 0; bits < 32; bits++) expect(text(flagListBytes({ bits, keywords: null }, new Map()))).toBe(decodeFlags(bits, '[]').join(' '));
    const cache = new Map<string, Uint8Array>();
    expect(text(flagListBytes({ bits: 2, keywords: '["Lavoro"]' }, cache))).toBe('\\Answered Lavoro');
    expect(flagListBytes({ bits: 2, keywords: '["Lavoro"]' }, cache)).toBe(cache.get('2["Lavoro"]')!);
    expect(text(flagListBytes({ bits: 0, keywords: '["Làvoro"]' }, cache))).toBe('Làvoro');
    expect(cache.size).toBe(2);
  });
});

describe('writeFlagFetches', () => {
  let f: Fixture;
  let uids: number[];
  const COUNT = FLAG_ROWS_FIRST_PAGE + FLAG_ROWS_PAGE * 2 + 17;
  const atts: FetchAttribute[] = [{ kind: 'UID' }, { kind: 'FLAGS' }];
  const targetsOf = (list: readonly number[]): Target[] => list.map((uid) => ({ seq: uids.indexOf(uid) + 1, uid }));
  async function run(targets: readonly Target[], changedSince?: bigint): Promise<string[]> {
    const pages: string[] = [];
    await writeFlagFetches(f.store, f.inbox, targets, atts, changedSince, async (b) => void pages.push(text(b)));
    return pages;
  }

  beforeAll(() => {
    f = fixture();
    f.store.transaction(() => {
      uids = Array.from({ length: COUNT }, (_, i) => f.store.messages.insertMessage(f.inbox, msg({ flags: i % 3 === 0 ? ['\\Seen'] : [] })).uid);
    });
  });
  afterAll(() => f.cleanup());

  it(`answers ${COUNT} messages in a first page of ${FLAG_ROWS_FIRST_PAGE} lines, then pages of ${FLAG_ROWS_PAGE}, in order`, async () => {
    const pages = await run(targetsOf(uids));
    expect(pages.map((p) => p.split('\r\n').length - 1)).toEqual([FLAG_ROWS_FIRST_PAGE, FLAG_ROWS_PAGE, FLAG_ROWS_PAGE, COUNT - FLAG_ROWS_FIRST_PAGE - 2 * FLAG_ROWS_PAGE]);
    const lines = pages.join('').split('\r\n').slice(0, -1);
    expect(lines.length).toBe(COUNT);
    expect(lines[0]).toBe(`* 1 FETCH (UID ${uids[0]} FLAGS (\\Seen))`);
    expect(lines[1]).toBe(`* 2 FETCH (UID ${uids[1]} FLAGS ())`);
    expect(lines.at(-1)).toBe(`* ${COUNT} FETCH (UID ${uids.at(-1)} FLAGS (${(COUNT - 1) % 3 === 0 ? '\\Seen' : ''}))`);
  });

  it('omits messages expunged since the client learnt of them (RFC 9051 §7.5.1)', async () => {
    const g = fixture();
    try {
      const ids = [1, 2, 3, 4].map(() => g.store.messages.insertMessage(g.inbox, msg()));
      g.store.messages.expunge(g.inbox, [ids[1]!.id, ids[3]!.id]);
      const pages: string[] = [];
      const targets = ids.map((m, i) => ({ seq: i + 1, uid: m.uid }));
      await writeFlagFetches(g.store, g.inbox, targets, atts, undefined, async (b) => void pages.push(text(b)));
      expect(pages.join('')).toBe(`* 1 FETCH (UID ${ids[0]!.uid} FLAGS ())\r\n* 3 FETCH (UID ${ids[2]!.uid} FLAGS ())\r\n`);
    } finally {
      g.cleanup();
    }
  });

  it('keeps only messages whose modseq is above CHANGEDSINCE (RFC 7162 §3.1.4)', async () => {
    const all = await run(targetsOf(uids.slice(0, 10)));
    expect(all.join('').split('\r\n').length - 1).toBe(10);
    const ids = f.store.messages.listFolder(f.inbox, { sort: 'uid-asc', limit: 10 });
    const before = f.store.messages.folderStatus(f.inbox).highestModseq;
    f.store.messages.setFlags([ids[4]!.id], 'add', ['\\Flagged']);
    const changed = await run(targetsOf(uids.slice(0, 10)), BigInt(before));
    expect(changed).toEqual([`* 5 FETCH (UID ${uids[4]} FLAGS (\\Flagged))\r\n`]);
  });

  it(`reads a sparse set (span over ${SPARSE_SET_FACTOR} times its size) UID by UID, not the folder between its ends`, async () => {
    const read: number[] = [];
    const real = f.store.messages.flagRows.bind(f.store.messages);
    f.store.messages.flagRows = (folderId, from, to, limit) => {
      const rows = real(folderId, from, to, limit);
      read.push(rows.length);
      return rows;
    };
    try {
      const pages = await run(targetsOf([uids[0]!, uids.at(-1)!]));
      expect(pages.join('').split('\r\n').length - 1).toBe(2);
      expect(read).toEqual([1, 1]);
    } finally {
      f.store.messages.flagRows = real;
    }
  });
});
