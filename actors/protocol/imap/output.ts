// The session's response buffer: responses are encoded as they are produced and handed to the socket in batches
// (one write per pipelined burst, back-pressure through Connection.send for large FETCH answers).
import type { Connection } from '../../../src/net/connection.ts';
import { encodeResponse, type ImapResponse } from '../../../src/protocol/imap/index.ts';
import { OUTPUT_FLUSH_BYTES } from './limits.ts';

const UTF8 = new TextEncoder();

export class ResponseBuffer {
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(
    private readonly conn: Connection,
    /** UTF-8 strings and mailbox names (IMAP4rev2 / UTF8=ACCEPT enabled) for the encoder. */
    private readonly utf8: () => boolean,
  ) {}

  push(r: ImapResponse): void {
    this.add(encodeResponse(r, { utf8: this.utf8() }));
  }

  pushText(text: string): void {
    this.add(UTF8.encode(text));
  }

  /** Bytes already encoded (held until the flush, not copied: the caller does not reuse them). */
  pushBytes(bytes: Uint8Array): void {
    this.add(bytes);
  }

  get size(): number {
    return this.bytes;
  }

  async flush(): Promise<void> {
    if (this.bytes === 0) return;
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.bytes = 0;
    if (this.conn.closed) return;
    try {
      await this.conn.send(buf);
    } catch {
      // The client went away; the connection's 'closed' message ends the session.
    }
  }

  async flushIfLarge(): Promise<void> {
    if (this.bytes >= OUTPUT_FLUSH_BYTES) await this.flush();
  }

  private add(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.bytes += bytes.length;
  }
}
