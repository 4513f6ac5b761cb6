// An in-memory BlobStore for tests of other modules; passes the same contract suite as FsBlobStore.
import { checkBlobHash, MAX_BLOB_BYTES, sha256Hex, type BlobStore } from './blob-store.ts';
import { CorruptBlobError, LimitExceededError, NotFoundError } from './errors.ts';

export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Uint8Array>();

  constructor(private readonly maxBytes: number = MAX_BLOB_BYTES) {}

  async put(bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > this.maxBytes) throw new LimitExceededError('MAX_BLOB_BYTES', this.maxBytes, bytes.byteLength);
    const hash = sha256Hex(bytes);
    if (!this.blobs.has(hash)) this.blobs.set(hash, bytes.slice());
    return hash;
  }

  async get(hash: string): Promise<Uint8Array> {
    checkBlobHash(hash);
    const b = this.blobs.get(hash);
    if (!b) throw new NotFoundError('blob', hash);
    const actual = sha256Hex(b);
    if (actual !== hash) throw new CorruptBlobError(hash, actual);
    return b.slice();
  }

  async has(hash: string): Promise<boolean> {
    checkBlobHash(hash);
    return this.blobs.has(hash);
  }

  async delete(hash: string): Promise<boolean> {
    checkBlobHash(hash);
    return this.blobs.delete(hash);
  }

  /** Test hook: flips one byte of a stored blob, as a failing disk would. */
  corrupt(hash: string): void {
    const b = this.blobs.get(hash);
    if (b && b.length > 0) b[0] = b[0]! ^ 0xff;
  }
}
