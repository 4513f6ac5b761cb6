// Golden transcripts: client lines decoded (P:) and server replies encoded (E: -> S:), RFC 1939 §10 style.
import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pop3Decoder, type DecodeEvent } from '../../../../src/protocol/pop3/decoder.ts';
import {
  encodeCapa,
  encodeMessage,
  encodeSaslChallenge,
  encodeScanLine,
  encodeScanList,
  encodeStat,
  encodeStatus,
  encodeTop,
  encodeUidList,
} from '../../../../src/protocol/pop3/encoder.ts';

const FIXTURES = join(import.meta.dir, 'fixtures');
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Deterministic chunk sizes so every line is also decoded split at odd places. */
function* chunkSizes(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield 1 + (x % 5);
  }
}

function eventJson(e: DecodeEvent): unknown {
  switch (e.kind) {
    case 'command':
      return e.command;
    case 'sasl':
      return { sasl: e.line };
    case 'error':
      return { error: e.error.kind, wire: dec(e.error.toWire()) };
    case 'need-more':
      return { needMore: true };
  }
}

function encodeCall(call: Record<string, unknown>): Uint8Array {
  const eml = (name: unknown) => new Uint8Array(readFileSync(join(FIXTURES, String(name))));
  if ('status' in call) return encodeStatus(call.status as Parameters<typeof encodeStatus>[0]);
  if ('capa' in call) return encodeCapa(call.capa as Parameters<typeof encodeCapa>[0]);
  if ('challenge' in call) return encodeSaslChallenge(String(call.challenge));
  if ('stat' in call) return encodeStat(...(call.stat as [number, number]));
  if ('scan' in call) return encodeScanLine(call.scan as { msg: number; octets: number });
  if ('scanList' in call) return encodeScanList(call.scanList as { msg: number; octets: number }[], Number(call.total));
  if ('uidList' in call) return encodeUidList(call.uidList as { msg: number; uid: string }[]);
  if ('retr' in call) return encodeMessage(eml(call.retr));
  if ('top' in call) return encodeTop(eml(call.top), Number(call.lines));
  throw new Error(`unknown encoder call ${JSON.stringify(call)}`);
}

function runTranscript(text: string): void {
  const d = new Pop3Decoder();
  const sizes = chunkSizes(text.length);
  const lines = text.split('\n');
  let pending: DecodeEvent[] = [];
  let expectedWire: string | null = null;
  let actualWire = '';
  const flushWire = () => {
    if (expectedWire !== null) expect(actualWire).toBe(expectedWire);
    expectedWire = null;
    actualWire = '';
  };
  for (const [i, line] of lines.entries()) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const tag = line.slice(0, 2);
    const body = line.slice(3);
    if (tag !== 'S:') flushWire();
    if (tag === 'C:') {
      expect(pending).toEqual([]);
      const bytes = enc(body.replaceAll('\\0', '\u0000') + '\r\n');
      for (let at = 0; at < bytes.length; ) {
        const n = sizes.next().value as number;
        d.push(bytes.subarray(at, at + n));
        at += n;
        for (let e = d.next(); e.kind !== 'need-more'; e = d.next()) pending.push(e);
      }
    } else if (tag === 'P:') {
      const next = pending.shift();
      expect(next ? eventJson(next) : 'nothing decoded', `line ${i + 1}`).toEqual(JSON.parse(body));
    } else if (tag === '!s') {
      d.expectSaslResponse();
    } else if (tag === 'E:') {
      actualWire = dec(encodeCall(JSON.parse(body)));
      expectedWire = '';
    } else if (tag === 'S:') {
      expectedWire = (expectedWire ?? '') + body + '\r\n';
    } else {
      throw new Error(`line ${i + 1}: unknown tag ${tag}`);
    }
  }
  flushWire();
  expect(pending).toEqual([]);
}

describe('POP3 golden transcripts', () => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).sort()) {
    it(`replays ${file}`, () => {
      runTranscript(readFileSync(join(FIXTURES, file), 'utf8'));
    });
  }
});
