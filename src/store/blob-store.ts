// Content-addressed storage of raw messages: the BlobStore port and its filesystem implementation
// (<dir>/ab/cd/<sha256>, written to a temp file, fsynced, renamed: atomic and deduplicated).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CorruptBlobError, InvalidValueError, LimitExceededError, NotFoundError } from './errors.ts';

/** Largest blob accepted: a 50 MB message (seed 001 §1.4) wrapped in a busta with headers and signature, with room. */
export const MAX_BLOB_BYTES = 128 * 1024 * 1024;

/** The port: an S3-compatible store implements the same four calls (ARCHITECTURE "Storage", scale-out). */
export interface BlobStore {
  /** Stores bytes and returns their SHA-256 (lowercase hex); storing the same bytes twice keeps one copy. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes, re-hashed: throws CorruptBlobError on mismatch, NotFoundError when absent. */
  get(hash: string): Promise<Uint8Array>;
  has(hash: string): Promise<boolean>;
  /** False when it was already gone. */
  delete(hash: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Rejects anything but a digest: a hash is also a path, so "../x" must never reach the filesystem. */
export function checkBlobHash(hash: string): void {
  if (!SHA256_HEX.test(hash)) throw new InvalidValueError('blob hash', 'not a lowercase SHA-256 hex digest');
}

export class FsBlobStore implements BlobStore {
  private ready: Promise<void> | undefined;

  constructor(
    readonly dir: string,
    private readonly maxBytes: number = MAX_BLOB_BYTES,
  ) {}

  /** Where a blob lives: two levels of fan-out keep directories small. */
  pathOf(hash: string): string {
    checkBlobHash(hash);
    return join(this.dir, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > this.maxBytes) throw new LimitExceededError('MAX_BLOB_BYTES', this.maxBytes, bytes.byteLength);
    const hash = sha256Hex(bytes);
    const final = this.pathOf(hash);
    if (await exists(final)) return hash;
    await (this.ready ??= mkdir(join(this.dir, 'tmp'), { recursive: true }).then(() => undefined));
    const shard = join(this.dir, hash.slice(0, 2), hash.slice(2, 4));
    await mkdir(shard, { recursive: true });
    const tmp = join(this.dir, 'tmp', `${hash}.${randomUUID()}`);
    const fh = await open(tmp, 'wx', 0o640);
    try {
      await fh.writeFile(bytes);
      await fh.sync(); // the data is on disk before the name points at it
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, final); // atomic: readers see nothing or the whole blob
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
    await syncDir(shard); // the rename itself survives a power loss
    return hash;
  }

  async get(hash: string): Promise<Uint8Array> {
    const path = this.pathOf(hash);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('blob', hash);
      throw e;
    }
    const actual = sha256Hex(bytes);
    if (actual !== hash) throw new CorruptBlobError(hash, actual);
    return bytes;
  }

  async has(hash: string): Promise<boolean> {
    return exists(this.pathOf(hash));
  }

  async delete(hash: string): Promise<boolean> {
    const path = this.pathOf(hash);
    if (!(await exists(path))) return false;
    await rm(path, { force: true });
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
