import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchItems, formatMetadataFetch, metadataOnly } from '../../../../actors/protocol/imap/fetch-items.ts';
import { buildFetchItems, encodeResponse, type FetchAttribute } from '../../../../src/protocol/imap/index.ts';

const META: Array<FetchAttribute[]> = [
  [{ kind: 'UID' }, { kind: 'FLAGS' }],
  [{ kind: 'FLAGS' }, { kind: 'MODSEQ' }, { kind: 'RFC822.SIZE' }],
  [{ kind: 'UID' }],
];

describe('formatMetadataFetch', () => {
  for (const atts of META) {
    it(`writes the codec's bytes for ${atts.map((a) => a.kind).join(' ')}`, () => {
      const m = { uid: 42, flags: ['\\Seen', '$Etichetta'], modseq: 7, size: 1234 };
      expect(metadataOnly(atts)).toBe(true);
      const built = buildFetchItems(atts, { ...m, modseq: 7n, internalDate: { ms: 0, tzOffsetMinutes: 0 }, raw: () => new Uint8Array() });
      if (built.kind !== 'ok') throw new Error('unexpected');
      expect(formatMetadataFetch(3, atts, m)).toBe(new TextDecoder().decode(encodeResponse({ kind: 'fetch', seq: 3, items: built.items })));
    });
  }
});

describe('fetchItems', () => {
  const dir = join(import.meta.dir, '../../../fixtures/imap/messages');
  const cases: Array<FetchAttribute[]> = [
    [{ kind: 'UID' }, { kind: 'BODY', peek: true, section: { part: [] } }],
    [{ kind: 'BODY', peek: false, section: { part: [] }, partial: { offset: 10, length: 30 } }, { kind: 'FLAGS' }, { kind: 'INTERNALDATE' }],
    [{ kind: 'BODY', peek: true, section: { part: [1] } }],
  ];
  for (const file of readdirSync(dir)) {
    for (const atts of cases) {
      it(`gives the codec's answer for ${file} ${atts.map((a) => a.kind).join(' ')}`, () => {
        const raw = new Uint8Array(readFileSync(join(dir, file)));
        const src = { uid: 1, flags: [], internalDate: { ms: 0, tzOffsetMinutes: 60 }, size: raw.length, modseq: 1n, raw: () => raw };
        expect(fetchItems(atts, src)).toEqual(buildFetchItems(atts, src));
      });
    }
  }
});
