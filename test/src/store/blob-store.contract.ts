// Contract suite of the BlobStore port: every implementation (filesystem, memory, a future S3 one) must pass it.
import { describe, expect, it } from 'bun:test';
import type { BlobStore } from '../../../src/store/blob-store.ts';
import { CorruptBlobError, InvalidValueError, LimitExceededError, NotFoundError } from '../../../src/store/errors.ts';

export interface BlobHarness {
  store: BlobStore;
  /** Damages the stored bytes of a blob the way a failing disk or an intruder would. */
  corrupt(hash: string): Promise<void>;
  /** The size limit the store was built with. */
  maxBytes: number;
  cleanup(): void;
}

const bytes = (s: string) => new TextEncoder().encode(s);

export function blobStoreContract(name: string, make: () => BlobHarness): void {
  describe(`BlobStore contract: ${name}`, () => {
    const run = (fn: (h: BlobHarness) => Promise<void>) => async () => {
      const h = make();
      try {
        await fn(h);
      } finally {
        h.cleanup();
      }
    };

    it('returns the SHA-256 of the bytes and gives them back', run(async (h) => {
      const hash = await h.store.put(bytes('Return-Path: <a@b>\r\n\r\nciao\r\n'));
      expect(hash).toBe(new Bun.CryptoHasher('sha256').update('Return-Path: <a@b>\r\n\r\nciao\r\n').digest('hex'));
      expect(new TextDecoder().decode(await h.store.get(hash))).toBe('Return-Path: <a@b>\r\n\r\nciao\r\n');
      expect(await h.store.has(hash)).toBe(true);
    }));

    it('stores identical bytes once (same hash, second put is a no-op)', run(async (h) => {
      const a = await h.store.put(bytes('same'));
      const b = await h.store.put(bytes('same'));
      expect(a).toBe(b);
      expect(await h.store.delete(a)).toBe(true);
      expect(await h.store.has(a)).toBe(false);
    }));

    it('stores the empty blob and binary bytes including NUL', run(async (h) => {
      const empty = await h.store.put(new Uint8Array(0));
      expect(empty).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
      expect((await h.store.get(empty)).byteLength).toBe(0);
      const bin = new Uint8Array([0, 255, 0, 13, 10]);
      expect(Array.from(await h.store.get(await h.store.put(bin)))).toEqual([0, 255, 0, 13, 10]);
    }));

    it('detects corrupted bytes on read with CorruptBlobError', run(async (h) => {
      const hash = await h.store.put(bytes('busta di trasporto firmata'));
      await h.corrupt(hash);
      await expect(h.store.get(hash)).rejects.toBeInstanceOf(CorruptBlobError);
    }));

    it('reports an absent blob as NotFoundError and delete as false', run(async (h) => {
      const hash = 'a'.repeat(64);
      await expect(h.store.get(hash)).rejects.toBeInstanceOf(NotFoundError);
      expect(await h.store.has(hash)).toBe(false);
      expect(await h.store.delete(hash)).toBe(false);
    }));

    it('rejects hashes that are not lowercase SHA-256 hex (path traversal included)', run(async (h) => {
      for (const bad of ['../../../etc/passwd', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/x`, '']) {
        await expect(h.store.get(bad)).rejects.toBeInstanceOf(InvalidValueError);
        await expect(h.store.has(bad)).rejects.toBeInstanceOf(InvalidValueError);
      }
    }));

    it('refuses blobs larger than MAX_BLOB_BYTES', run(async (h) => {
      await expect(h.store.put(new Uint8Array(h.maxBytes + 1))).rejects.toBeInstanceOf(LimitExceededError);
      expect(await h.store.put(new Uint8Array(h.maxBytes))).toMatch(/^[0-9a-f]{64}$/);
    }));
  });
}
