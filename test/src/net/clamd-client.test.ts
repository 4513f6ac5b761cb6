import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { createServer, type Server } from 'node:net';
import { ClamdScanner, parseClamdReply, ScannerChain, ScannerUnavailableError } from '../../../src/net/clamd-client.ts';
import { EICAR_SIGNATURE, EicarScanner } from '../../../src/pec/virus-scan.ts';

/** A stand-in clamd speaking INSTREAM: reassembles the chunks and answers FOUND for the word "VIRUS-TEST". */
let server: Server;
let port = 0;
let received: Buffer[] = [];
beforeAll(async () => {
  server = createServer((s) => {
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const cmd = 'zINSTREAM\0';
      if (buf.length < cmd.length || buf.subarray(0, cmd.length).toString() !== cmd) return;
      let off = cmd.length;
      const parts: Buffer[] = [];
      for (;;) {
        if (buf.length < off + 4) return;
        const n = buf.readUInt32BE(off);
        if (n === 0) break;
        if (buf.length < off + 4 + n) return;
        parts.push(buf.subarray(off + 4, off + 4 + n));
        off += 4 + n;
      }
      const body = Buffer.concat(parts);
      received.push(body);
      s.end(body.includes('VIRUS-TEST') ? 'stream: Test.Virus FOUND\0' : 'stream: OK\0');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

describe('clamd client (INSTREAM)', () => {
  it('streams the whole message in chunks and reads the verdict', async () => {
    received = [];
    const clamd = new ClamdScanner('127.0.0.1', port);
    const big = new Uint8Array(200_000).fill(65);
    expect(await clamd.scan(big)).toEqual({ infected: false });
    expect(received[0]!.length).toBe(200_000);
    expect(await clamd.scan(new TextEncoder().encode('Subject: x\r\n\r\nVIRUS-TEST\r\n'))).toEqual({ infected: true, virus: 'Test.Virus' });
  });

  it('fails closed with ScannerUnavailableError when clamd is down or answers nonsense', async () => {
    const down = new ClamdScanner('127.0.0.1', 1, 2_000);
    await expect(down.scan(new Uint8Array(10))).rejects.toBeInstanceOf(ScannerUnavailableError);
    expect(() => parseClamdReply('INSTREAM size limit exceeded. ERROR\0')).toThrow(ScannerUnavailableError);
    expect(() => parseClamdReply('')).toThrow(ScannerUnavailableError);
  });

  it('chains the built-in EICAR detector before clamd', async () => {
    received = [];
    const chain = new ScannerChain([new EicarScanner(), new ClamdScanner('127.0.0.1', port)]);
    expect((await chain.scan(new TextEncoder().encode(`Subject: x\r\n\r\n${EICAR_SIGNATURE}\r\n`))).virus).toBe('EICAR-Test-File');
    expect(received.length).toBe(0); // decided before clamd was asked
  });
});
