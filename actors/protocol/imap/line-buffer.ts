// A growable byte buffer for responses built in bulk (the flag sync of fetch-flags.ts): bytes and decimal numbers
// are written in place, so a page of a thousand FETCH lines costs one allocation instead of thousands of strings.

const DIGIT_0 = 0x30;
/** Below this length a byte loop copies faster than TypedArray.set (whose call costs more than the copy). */
const SMALL_COPY_BYTES = 32;

export class LineBuffer {
  private buf: Uint8Array;
  private at = 0;

  constructor(capacity: number) {
    // Not zero-filled: only bytes[0, length) are ever read.
    this.buf = Buffer.allocUnsafe(Math.max(16, capacity));
  }

  get length(): number {
    return this.at;
  }

  /** Makes room for `n` more bytes (doubling), so that the writes that follow need no check of their own. */
  reserve(n: number): this {
    if (this.at + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
      next.set(this.buf.subarray(0, this.at));
      this.buf = next;
    }
    return this;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.at++] = b;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    if (b.length < SMALL_COPY_BYTES) {
      for (let i = 0; i < b.length; i++) this.buf[this.at + i] = b[i]!;
    } else {
      this.buf.set(b, this.at);
    }
    this.at += b.length;
    return this;
  }

  /** A non-negative integer in decimal, as String(n) writes it (UIDs, sequence numbers, MODSEQ < 2^53). */
  number(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) return this.bytes(new TextEncoder().encode(String(n)));
    let len = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
    this.reserve(len);
    let p = this.at + len;
    let x = n;
    do {
      this.buf[--p] = DIGIT_0 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    this.at += len;
    return this;
  }

  /** The bytes written so far (a view, not a copy: the buffer is not written again after take). */
  take(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}
