import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchItems } from '../../../../actors/protocol/imap/fetch-items.ts';
import { buildFetchItems, type FetchAttribute } from '../../../../src/protocol/imap/index.ts';

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
