// Test helpers for the IMAP codec: byte conversion, draining a decoder, JSON with bigint and bytes.
import { ImapDecoder, type DecodeResult, type DecoderOptions } from '../../../../src/protocol/imap/decoder.ts';

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** All results until the decoder needs more input. */
export function drain(d: ImapDecoder): DecodeResult[] {
  const out: DecodeResult[] = [];
  for (let i = 0; i < 10_000; i++) {
    const r = d.next();
    if (r.kind === 'need-more') return out;
    out.push(r);
    if (r.kind === 'error' && r.fatal) return out;
  }
  throw new Error('decoder did not settle');
}

export function decodeAll(input: string | Uint8Array, options?: DecoderOptions): DecodeResult[] {
  const d = new ImapDecoder(options);
  d.push(typeof input === 'string' ? bytes(input) : input);
  return drain(d);
}

/** Decodes exactly one command or throws with what came out instead. */
export function cmd(line: string, options?: DecoderOptions) {
  const rs = decodeAll(line.endsWith('\n') ? line : `${line}\r\n`, options).filter((r) => r.kind !== 'continuation-needed');
  const r = rs[0];
  if (rs.length !== 1 || !r || r.kind !== 'command') throw new Error(`expected one command, got ${toJson(rs)}`);
  return r.command;
}

/** JSON for golden files: bigint as "123n", bytes as {"$text": "..."}; error objects reduced to their response. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (k, v) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Uint8Array) return { $text: text(v) };
    if (k === 'error') return undefined;
    return v;
  });
}
