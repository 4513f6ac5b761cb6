// FIFO of received byte chunks for the IMAP decoder: linear-time append, search and take (no re-concatenation).

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // offset into chunks[0]
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.total += bytes.length;
  }

  /** Index (relative to the queue start) of the first `byte` within the first `limit` bytes, or -1. */
  indexOf(byte: number, limit: number): number {
    let seen = 0;
    for (let ci = 0; ci < this.chunks.length && seen < limit; ci++) {
      const c = this.chunks[ci] as Uint8Array;
      const from = ci === 0 ? this.head : 0;
      const to = Math.min(c.length, from + (limit - seen));
      const i = c.subarray(from, to).indexOf(byte);
      if (i >= 0) return seen + i;
      seen += to - from;
    }
    return -1;
  }

  /** Removes and returns the first `n` bytes (copied into one array). */
  take(n: number): Uint8Array {
    if (n > this.total) throw new RangeError('ByteQueue.take beyond available bytes');
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0] as Uint8Array;
      const avail = c.length - this.head;
      const k = Math.min(avail, n - filled);
      out.set(c.subarray(this.head, this.head + k), filled);
      filled += k;
      this.head += k;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.total -= n;
    return out;
  }

  /** Drops the first `n` bytes without copying them. */
  skip(n: number): void {
    let left = Math.min(n, this.total);
    this.total -= left;
    while (left > 0) {
      const c = this.chunks[0] as Uint8Array;
      const k = Math.min(c.length - this.head, left);
      this.head += k;
      left -= k;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
  }

  /** Drops everything buffered; returns how many bytes were dropped. */
  clear(): number {
    const n = this.total;
    this.chunks = [];
    this.head = 0;
    this.total = 0;
    return n;
  }
}
