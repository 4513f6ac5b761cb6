import { describe, expect, it } from 'bun:test';
import { READ_OVERHEAD_BYTES, RECENT_BLOB_BYTES, RECENT_BLOB_MAX_ENTRY, RECENT_READ_BYTES, RecentBlobs, RecentReads, WeightedLru } from '../../../actors/pec/recent.ts';
import type { PecMessage } from '../../../src/pec/classify.ts';
import { MemoryBlobStore } from '../../../src/store/memory-blob-store.ts';
import type { BlobStore } from '../../../src/store/blob-store.ts';

/** Counts what reaches the real store. */
class CountingStore implements BlobStore {
  gets = 0;
  constructor(private readonly inner: BlobStore = new MemoryBlobStore()) {}
  put(b: Uint8Array) { return this.inner.put(b); }
  get(h: string) { this.gets++; return this.inner.get(h); }
  has(h: string) { return this.inner.has(h); }
  delete(h: string) { return this.inner.delete(h); }
}

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('WeightedLru', () => {
  it('evicts the least recently used entries once the total weight passes the bound', () => {
    const lru = new WeightedLru<string>(10, 10);
    lru.set('a', 'A', 4);
    lru.set('b', 'B', 4);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('c', 'C', 4); // 12 > 10: b goes
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('A');
    expect(lru.get('c')).toBe('C');
    expect(lru.weight).toBe(8);
  });

  it('never keeps an entry heavier than the per-entry bound, and forgets the old value of its key', () => {
    const lru = new WeightedLru<string>(100, 5);
    lru.set('k', 'small', 1);
    lru.set('k', 'big', 6);
    expect(lru.get('k')).toBeUndefined();
    expect(lru.weight).toBe(0);
  });

  it('keeps its weight exact across replace and delete', () => {
    const lru = new WeightedLru<number>(100, 100);
    lru.set('x', 1, 30);
    lru.set('x', 2, 20);
    lru.set('y', 3, 10);
    lru.delete('x');
    lru.delete('missing');
    expect(lru.weight).toBe(10);
    expect(lru.size).toBe(1);
  });
});

describe('RecentBlobs', () => {
  it('answers a get right after a put from memory, with the same bytes and hash', async () => {
    const inner = new CountingStore();
    const blobs = new RecentBlobs(inner);
    const b = bytes(1000, 7);
    const hash = await blobs.put(b);
    expect(await blobs.get(hash)).toEqual(b);
    expect(inner.gets).toBe(0);
    expect(await inner.get(hash)).toEqual(b); // it is in the real store too
  });

  it('reads through on a miss and keeps what it read', async () => {
    const inner = new CountingStore();
    const hash = await inner.put(bytes(10, 3));
    const blobs = new RecentBlobs(inner);
    await blobs.get(hash);
    await blobs.get(hash);
    expect(inner.gets).toBe(1);
  });

  it(`does not keep a blob larger than RECENT_BLOB_MAX_ENTRY (${RECENT_BLOB_MAX_ENTRY} bytes)`, async () => {
    const inner = new CountingStore();
    const blobs = new RecentBlobs(inner);
    const hash = await blobs.put(bytes(RECENT_BLOB_MAX_ENTRY + 1));
    await blobs.get(hash);
    expect(inner.gets).toBe(1);
  });

  it(`stays within RECENT_BLOB_BYTES (${RECENT_BLOB_BYTES} bytes) under a flood of puts`, async () => {
    const inner = new CountingStore();
    const blobs = new RecentBlobs(inner);
    const hashes: string[] = [];
    const n = Math.ceil(RECENT_BLOB_BYTES / RECENT_BLOB_MAX_ENTRY) + 4;
    for (let i = 0; i < n; i++) hashes.push(await blobs.put(bytes(RECENT_BLOB_MAX_ENTRY, i)));
    await blobs.get(hashes[0]!); // the oldest was evicted: read from the store
    expect(inner.gets).toBe(1);
    await blobs.get(hashes.at(-1)!);
    expect(inner.gets).toBe(1);
  });

  it('forgets a deleted blob, so a later get reports it missing', async () => {
    const blobs = new RecentBlobs(new MemoryBlobStore());
    const hash = await blobs.put(bytes(5));
    expect(await blobs.delete(hash)).toBe(true);
    expect(blobs.get(hash)).rejects.toThrow();
  });
});

describe('RecentReads', () => {
  it(`stays within RECENT_READ_BYTES (${RECENT_READ_BYTES}) counting READ_OVERHEAD_BYTES per structure`, () => {
    const reads = new RecentReads();
    const pec = { kind: 'ordinary' } as PecMessage;
    const fit = RECENT_READ_BYTES / READ_OVERHEAD_BYTES;
    for (let i = 0; i <= fit; i++) reads.set(`h${i}`, pec);
    expect(reads.get('h0')).toBeUndefined();
    expect(reads.get('h1')).toBe(pec);
    expect(reads.get(`h${fit}`)).toBe(pec);
  });

  it(`never keeps a structure whose original is above RECENT_BLOB_MAX_ENTRY (${RECENT_BLOB_MAX_ENTRY} bytes)`, () => {
    const reads = new RecentReads();
    reads.set('big', { kind: 'posta-certificata', original: new Uint8Array(RECENT_BLOB_MAX_ENTRY) } as PecMessage);
    expect(reads.get('big')).toBeUndefined();
  });
});
