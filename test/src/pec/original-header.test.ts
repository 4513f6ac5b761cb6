import { describe, expect, it } from 'bun:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readOriginal, readOriginalHeader } from '../../../src/pec/original.ts';
import { ORIGINAL_BYTES } from '../../fixtures/pec/pec-fixtures.ts';

describe('readOriginalHeader', () => {
  it('reads the same facts as readOriginal from the client original and every PEC sample', () => {
    const root = join(import.meta.dir, '../../../../shared/pec/samples');
    const samples = ['real', 'synthetic'].flatMap((dir) =>
      readdirSync(join(root, dir)).filter((x) => x.endsWith('.eml')).map((f) => new Uint8Array(readFileSync(join(root, dir, f)))),
    );
    expect(samples.length).toBeGreaterThan(5);
    for (const bytes of [ORIGINAL_BYTES, ...samples]) expect(readOriginalHeader(bytes)).toEqual(readOriginal(bytes));
  });
});
