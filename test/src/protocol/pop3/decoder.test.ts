import { describe, expect, it } from 'bun:test';
import {
  MAX_BUFFERED_BYTES,
  MAX_LINE_BYTES,
  MAX_SASL_LINE_BYTES,
  Pop3Decoder,
  TOLERATED_LINE_BYTES,
  type DecodeEvent,
} from '../../../../src/protocol/pop3/decoder.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Pulls events until need-more. */
function drain(d: Pop3Decoder): DecodeEvent[] {
  const out: DecodeEvent[] = [];
  for (;;) {
    const e = d.next();
    if (e.kind === 'need-more') return out;
    out.push(e);
    if (e.kind === 'error' && e.error.fatal) return out;
  }
}

function summary(events: DecodeEvent[]): string[] {
  return events.map((e) =>
    e.kind === 'command' ? `cmd:${e.command.verb}` : e.kind === 'sasl' ? `sasl:${e.line.kind}` : e.kind === 'error' ? `err:${e.error.kind}` : e.kind,
  );
}

describe('Pop3Decoder', () => {
  it('returns need-more until a line ends', () => {
    const d = new Pop3Decoder();
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(enc('NO'));
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(enc('OP\r'));
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(enc('\n'));
    expect(d.next()).toEqual({ kind: 'command', command: { verb: 'NOOP' } });
    expect(d.next()).toEqual({ kind: 'need-more' });
    expect(d.bufferedBytes).toBe(0);
  });

  it('decodes pipelined commands in order from one chunk (RFC 2449 §6.6)', () => {
    const d = new Pop3Decoder();
    d.push(enc('STAT\r\nLIST\r\nRETR 1\r\nQUIT\r\n'));
    expect(summary(drain(d))).toEqual(['cmd:STAT', 'cmd:LIST', 'cmd:RETR', 'cmd:QUIT']);
  });

  it('decodes the same commands fed one byte at a time', () => {
    const d = new Pop3Decoder();
    const events: DecodeEvent[] = [];
    for (const b of enc('USER a@b.it\r\nPASS x y\r\nQUIT\r\n')) {
      d.push(new Uint8Array([b]));
      events.push(...drain(d));
    }
    expect(events.map((e) => (e.kind === 'command' ? e.command : e))).toEqual([
      { verb: 'USER', name: 'a@b.it' },
      { verb: 'PASS', password: 'x y' },
      { verb: 'QUIT' },
    ]);
  });

  it('tolerates a bare LF line end', () => {
    const d = new Pop3Decoder();
    d.push(enc('NOOP\nQUIT\n'));
    expect(summary(drain(d))).toEqual(['cmd:NOOP', 'cmd:QUIT']);
  });

  it(`accepts lines longer than MAX_LINE_BYTES (${MAX_LINE_BYTES}) up to TOLERATED_LINE_BYTES`, () => {
    const d = new Pop3Decoder();
    const pass = 'x'.repeat(TOLERATED_LINE_BYTES - 'PASS \r\n'.length);
    d.push(enc(`PASS ${pass}\r\n`));
    const [e] = drain(d);
    expect(e).toEqual({ kind: 'command', command: { verb: 'PASS', password: pass } });
  });

  it('refuses a complete line one octet over TOLERATED_LINE_BYTES and decodes the next', () => {
    const d = new Pop3Decoder();
    d.push(enc(`PASS ${'x'.repeat(TOLERATED_LINE_BYTES - 'PASS \r\n'.length + 1)}\r\nNOOP\r\n`));
    expect(summary(drain(d))).toEqual(['err:line-too-long', 'cmd:NOOP']);
  });

  it('reports an endless line once, discards its tail, and resynchronises at the next line end', () => {
    const d = new Pop3Decoder();
    d.push(enc('X'.repeat(TOLERATED_LINE_BYTES)));
    expect(summary(drain(d))).toEqual(['err:line-too-long']);
    // The tail must never be executed, even when it looks like a command.
    d.push(enc('DELE 1'.repeat(5000)));
    expect(drain(d)).toEqual([]);
    d.push(enc('\r\nDELE 1\r\nQUIT\r\n'));
    expect(summary(drain(d))).toEqual(['cmd:DELE', 'cmd:QUIT']);
    expect(d.bufferedBytes).toBe(0);
  });

  it('reads an AUTH continuation line as a SASL response, then commands again (RFC 5034 §4)', () => {
    const d = new Pop3Decoder();
    d.push(enc('AUTH PLAIN\r\n'));
    expect(summary(drain(d))).toEqual(['cmd:AUTH']);
    d.expectSaslResponse();
    d.push(enc('AHRlc3QAdGVzdA==\r\nSTAT\r\n'));
    const events = drain(d);
    expect(events[0]).toEqual({ kind: 'sasl', line: { kind: 'response', base64: 'AHRlc3QAdGVzdA==' } });
    expect(summary(events.slice(1))).toEqual(['cmd:STAT']);
  });

  it('reads `*` as a SASL cancel and an empty line as an empty response', () => {
    const d = new Pop3Decoder();
    d.expectSaslResponse();
    d.push(enc('*\r\n'));
    expect(d.next()).toEqual({ kind: 'sasl', line: { kind: 'cancel' } });
    d.expectSaslResponse();
    d.push(enc('\r\n'));
    expect(d.next()).toEqual({ kind: 'sasl', line: { kind: 'response', base64: '' } });
  });

  it('refuses a SASL line that is not base64', () => {
    const d = new Pop3Decoder();
    d.expectSaslResponse();
    d.push(enc('USER admin\r\n'));
    expect(summary(drain(d))).toEqual(['err:bad-base64']);
  });

  it(`accepts SASL lines past the command limit but refuses past MAX_SASL_LINE_BYTES (${MAX_SASL_LINE_BYTES})`, () => {
    const d = new Pop3Decoder();
    d.expectSaslResponse();
    const ok = 'A'.repeat(4000);
    d.push(enc(`${ok}\r\n`));
    expect(d.next()).toEqual({ kind: 'sasl', line: { kind: 'response', base64: ok } });
    d.expectSaslResponse();
    d.push(enc('A'.repeat(MAX_SASL_LINE_BYTES + 4)));
    expect(summary(drain(d))).toEqual(['err:sasl-too-long']);
    d.push(enc('AAAA\r\nNOOP\r\n'));
    expect(summary(drain(d))).toEqual(['cmd:NOOP']);
  });

  it('discards plaintext pipelined after STLS (RFC 2595 §4, CVE-2011-0411 class)', () => {
    const d = new Pop3Decoder();
    d.push(enc('STLS\r\nUSER victim@pec.it\r\nPASS stolen\r\n'));
    expect(d.next()).toEqual({ kind: 'command', command: { verb: 'STLS' } });
    expect(d.discardBuffered()).toBe('USER victim@pec.it\r\nPASS stolen\r\n'.length);
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(enc('CAPA\r\n'));
    expect(summary(drain(d))).toEqual(['cmd:CAPA']);
  });

  it(`reports a fatal overflow past MAX_BUFFERED_BYTES (${MAX_BUFFERED_BYTES}) of unread input`, () => {
    const d = new Pop3Decoder();
    const chunk = enc('NOOP\r\n'.repeat(1000));
    for (let i = 0; i * chunk.length <= MAX_BUFFERED_BYTES; i++) d.push(chunk);
    const e = d.next();
    expect(e.kind).toBe('error');
    if (e.kind === 'error') {
      expect(e.error.kind).toBe('buffer-overflow');
      expect(e.error.fatal).toBe(true);
      expect(new TextDecoder().decode(e.error.toWire())).toBe('-ERR [SYS/TEMP] Too much pipelined input\r\n');
    }
  });

  it('decodes hostile bytes as errors without losing the stream', () => {
    const d = new Pop3Decoder();
    d.push(new Uint8Array([0x00, 0x0d, 0x0a, 0xff, 0x0a, ...enc('QUIT\r\n')]));
    expect(summary(drain(d))).toEqual(['err:bad-bytes', 'err:bad-bytes', 'cmd:QUIT']);
  });

  it('keeps a long pipelined session linear: 20,000 commands in 7-byte pushes all decode', () => {
    const d = new Pop3Decoder();
    const bytes = enc('NOOP\r\n'.repeat(20_000));
    let count = 0;
    for (let i = 0; i < bytes.length; i += 7) {
      d.push(bytes.subarray(i, i + 7));
      count += drain(d).length;
    }
    expect(count).toBe(20_000);
  });
});
