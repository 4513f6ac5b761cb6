// What the PEC points just wrote or read, kept in memory for the next point of the same flow: the bytes of recent
// blobs and the structure readPecMessage found in them. Both are keyed by the content's SHA-256, so an entry can
// never be stale; a miss (a restart, an evicted entry) falls back to the store and the parser.
import type { PecMessage } from '../../src/pec/classify.ts';
import type { BlobStore } from '../../src/store/blob-store.ts';

/** Bytes of blobs kept in memory in all (the flow reads a blob back within milliseconds of writing it). */
export const RECENT_BLOB_BYTES = 32 * 1024 * 1024;
/** A blob larger than this is never kept: one big message must not push out a hundred small receipts. */
export const RECENT_BLOB_MAX_ENTRY = 1024 * 1024;
/** Bytes of read structures kept: each is weighed by the postacert.eml copy it holds plus READ_OVERHEAD_BYTES. */
export const RECENT_READ_BYTES = 16 * 1024 * 1024;
/** What a structure without an original is counted as (daticert, references, header strings). */
export const READ_OVERHEAD_BYTES = 4 * 1024;

/** A map bounded by the total weight of its values, evicting the least recently used first. */
export class WeightedLru<V> {
  private readonly map = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly maxEntry: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get weight(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key); // re-inserted last: most recently used
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V, weight: number): void {
    this.delete(key);
    if (weight > this.maxEntry || weight > this.maxWeight) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.map) {
      if (this.total <= this.maxWeight) break;
      this.map.delete(k);
      this.total -= e.weight;
    }
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.total -= e.weight;
  }
}

/**
 * The BlobStore port with the recently written or read blobs in memory: a get right after a put costs neither a
 * file read nor a re-hash (the hash was computed from these very bytes). Callers must not modify returned bytes.
 */
export class RecentBlobs implements BlobStore {
  private readonly lru = new WeightedLru<Uint8Array>(RECENT_BLOB_BYTES, RECENT_BLOB_MAX_ENTRY);

  constructor(private readonly inner: BlobStore) {}

  async put(bytes: Uint8Array): Promise<string> {
    const hash = await this.inner.put(bytes);
    this.lru.set(hash, bytes, bytes.byteLength);
    return hash;
  }

  async get(hash: string): Promise<Uint8Array> {
    const hit = this.lru.get(hash);
    if (hit) return hit;
    const bytes = await this.inner.get(hash);
    this.lru.set(hash, bytes, bytes.byteLength);
    return bytes;
  }

  has(hash: string): Promise<boolean> {
    return this.inner.has(hash);
  }

  async delete(hash: string): Promise<boolean> {
    this.lru.delete(hash);
    return this.inner.delete(hash);
  }
}

/**
 * readPecMessage results by blob hash. Only the structure is shared (kind, daticert, original, references): the
 * signature verdict belongs to whoever judged the bytes, and each reader supplies its own.
 */
export class RecentReads {
  private readonly lru = new WeightedLru<PecMessage>(RECENT_READ_BYTES, RECENT_BLOB_MAX_ENTRY);

  get(hash: string): PecMessage | undefined {
    return this.lru.get(hash);
  }

  /** A structure whose original is larger than RECENT_BLOB_MAX_ENTRY is not kept (it is read again if needed). */
  set(hash: string, pec: PecMessage): void {
    this.lru.set(hash, pec, READ_OVERHEAD_BYTES + (pec.original?.byteLength ?? 0));
  }
}
