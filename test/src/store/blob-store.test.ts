import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { FsBlobStore } from '../../../src/store/blob-store.ts';
import { MemoryBlobStore } from '../../../src/store/memory-blob-store.ts';
import { blobStoreContract } from './blob-store.contract.ts';
import { tempDir } from './helpers.ts';

const SMALL_MAX = 64 * 1024;

blobStoreContract('FsBlobStore', () => {
  const { dir, cleanup } = tempDir();
  const store = new FsBlobStore(`${dir}/blobs`, SMALL_MAX);
  return {
    store,
    maxBytes: SMALL_MAX,
    cleanup,
    async corrupt(hash) {
      const p = store.pathOf(hash);
      const b = readFileSync(p);
      b[0] = b[0]! ^ 0xff;
      writeFileSync(p, b);
    },
  };
});

blobStoreContract('MemoryBlobStore', () => {
  const store = new MemoryBlobStore(SMALL_MAX);
  return { store, maxBytes: SMALL_MAX, cleanup: () => {}, corrupt: async (h) => store.corrupt(h) };
});

describe('FsBlobStore layout', () => {
  it('writes <dir>/ab/cd/<sha256> and leaves no temp file behind', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = new FsBlobStore(dir);
      const hash = await store.put(new TextEncoder().encode('x'));
      expect(statSync(`${dir}/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`).isFile()).toBe(true);
      expect(readdirSync(`${dir}/tmp`)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('survives concurrent puts of the same bytes', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = new FsBlobStore(dir);
      const data = new Uint8Array(100_000).fill(7);
      const hashes = await Promise.all(Array.from({ length: 8 }, () => store.put(data)));
      expect(new Set(hashes).size).toBe(1);
      expect((await store.get(hashes[0]!)).byteLength).toBe(100_000);
      expect(readdirSync(`${dir}/tmp`)).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
