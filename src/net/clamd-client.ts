// An optional real antivirus behind the VirusScanner port: ClamAV's clamd over TCP with the INSTREAM command
// (clamd(8): "zINSTREAM\0", then chunks each prefixed by a 4-byte big-endian length, then a zero length). Enabled with
// PEC_CLAMD=host:port; the built-in EICAR detector runs first either way.
import { connect } from 'node:net';
import type { VirusScanner, VirusVerdict } from '../pec/virus-scan.ts';

/** clamd's StreamMaxLength default is 25 MB; chunks stay well below its per-chunk limit. */
export const CLAMD_CHUNK_BYTES = 64 * 1024;
export const CLAMD_TIMEOUT_MS = 30_000;
/** A reply longer than this is not clamd's. */
export const MAX_CLAMD_REPLY_BYTES = 4_096;

/** The scanner could not give a verdict: the message is not accepted now (temporary failure), never let through. */
export class ScannerUnavailableError extends Error {
  constructor(reason: string) {
    super(`antivirus unavailable: ${reason}`);
    this.name = 'ScannerUnavailableError';
  }
}

/** `stream: OK` / `stream: Eicar-Signature FOUND` / `... ERROR` (clamd replies end with NUL in z-mode). */
export function parseClamdReply(reply: string): VirusVerdict {
  const line = reply.replace(/\0+$/, '').trim();
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { infected: true, virus: found[1]! };
  if (line === 'stream: OK') return { infected: false };
  throw new ScannerUnavailableError(line || 'empty reply');
}

export class ClamdScanner implements VirusScanner {
  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = CLAMD_TIMEOUT_MS,
  ) {}

  scan(raw: Uint8Array): Promise<VirusVerdict> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.host, port: this.port });
      const chunks: Buffer[] = [];
      let size = 0;
      const fail = (why: string) => {
        socket.destroy();
        reject(new ScannerUnavailableError(why));
      };
      socket.setTimeout(this.timeoutMs, () => fail('timeout'));
      socket.on('error', (e) => fail(e.message));
      socket.on('data', (d: Buffer) => {
        size += d.length;
        if (size > MAX_CLAMD_REPLY_BYTES) return fail('reply too long');
        chunks.push(d);
      });
      socket.on('end', () => {
        try {
          resolve(parseClamdReply(Buffer.concat(chunks).toString('latin1')));
        } catch (e) {
          reject(e);
        }
      });
      socket.on('connect', () => {
        socket.write('zINSTREAM\0');
        for (let off = 0; off < raw.length; off += CLAMD_CHUNK_BYTES) {
          const chunk = raw.subarray(off, off + CLAMD_CHUNK_BYTES);
          const len = Buffer.alloc(4);
          len.writeUInt32BE(chunk.length);
          socket.write(len);
          socket.write(chunk);
        }
        socket.end(Buffer.alloc(4)); // zero length: end of stream
      });
    });
  }
}

/** Runs the scanners in order; the first that finds something decides. */
export class ScannerChain implements VirusScanner {
  constructor(private readonly scanners: readonly VirusScanner[]) {}
  async scan(raw: Uint8Array): Promise<VirusVerdict> {
    for (const s of this.scanners) {
      const v = await s.scan(raw);
      if (v.infected) return v;
    }
    return { infected: false };
  }
}
