import { describe, expect, it } from 'bun:test';
import { MAX_MESSAGE_NUMBER, parseCommandLine, parseNumber, VERB_STATES, type Pop3Command } from '../../../../src/protocol/pop3/commands.ts';
import type { Pop3ErrorKind } from '../../../../src/protocol/pop3/errors.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function parse(line: string | Uint8Array) {
  return parseCommandLine(typeof line === 'string' ? enc(line) : line);
}

describe('parseCommandLine', () => {
  const accepted: [string, Pop3Command][] = [
    ['USER mario@postacert.toscana.it', { verb: 'USER', name: 'mario@postacert.toscana.it' }],
    ['user mario/test@postacert.toscana.it', { verb: 'USER', name: 'mario/test@postacert.toscana.it' }],
    ['PASS Segreto#1', { verb: 'PASS', password: 'Segreto#1' }],
    ['PASS with  two spaces ', { verb: 'PASS', password: 'with  two spaces ' }],
    ['pass Pässwörd1!', { verb: 'PASS', password: 'Pässwörd1!' }],
    ['APOP mrose c4c9334bac560ecc979e58001b3e22fb', { verb: 'APOP', name: 'mrose', digest: 'c4c9334bac560ecc979e58001b3e22fb' }],
    ['AUTH', { verb: 'AUTH', mechanism: null, initialResponse: null }],
    ['AUTH plain', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: null }],
    ['AUTH PLAIN =', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: '' }],
    ['AUTH PLAIN AHRlc3QAdGVzdA==', { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: 'AHRlc3QAdGVzdA==' }],
    ['CAPA', { verb: 'CAPA' }],
    ['stls', { verb: 'STLS' }],
    ['STAT', { verb: 'STAT' }],
    ['STAT ', { verb: 'STAT' }],
    ['LIST', { verb: 'LIST', msg: null }],
    ['LIST 2', { verb: 'LIST', msg: 2 }],
    ['UIDL', { verb: 'UIDL', msg: null }],
    ['UIDL 007', { verb: 'UIDL', msg: 7 }],
    ['TOP 1 0', { verb: 'TOP', msg: 1, lines: 0 }],
    ['TOP 3  10', { verb: 'TOP', msg: 3, lines: 10 }],
    ['RETR 1', { verb: 'RETR', msg: 1 }],
    ['DELE 42', { verb: 'DELE', msg: 42 }],
    ['RSET', { verb: 'RSET' }],
    ['NOOP', { verb: 'NOOP' }],
    ['QUIT', { verb: 'QUIT' }],
    [`RETR ${MAX_MESSAGE_NUMBER}`, { verb: 'RETR', msg: MAX_MESSAGE_NUMBER }],
  ];
  for (const [line, command] of accepted) {
    it(`parses ${JSON.stringify(line)}`, () => {
      expect(parse(line)).toEqual({ ok: true, command });
    });
  }

  const refused: [string | Uint8Array, Pop3ErrorKind][] = [
    ['', 'empty-command'],
    ['   ', 'empty-command'],
    ['XYZZY', 'unknown-command'],
    ['RETRIEVE 1', 'unknown-command'],
    ['../../etc/passwd', 'unknown-command'],
    ['USER', 'bad-arguments'],
    ['USER a b', 'bad-arguments'],
    ['PASS', 'bad-arguments'],
    ['PASS ', 'bad-arguments'],
    ['STAT 1', 'bad-arguments'],
    ['QUIT now', 'bad-arguments'],
    ['LIST 1 2', 'bad-arguments'],
    ['RETR', 'bad-arguments'],
    ['TOP 1', 'bad-arguments'],
    ['APOP mrose nothex', 'bad-arguments'],
    ['AUTH PLAIN a b', 'bad-arguments'],
    ['AUTH PL@IN', 'bad-arguments'],
    ['AUTH ABCDEFGHIJKLMNOPQRSTU', 'bad-arguments'],
    ['AUTH PLAIN not*base64', 'bad-base64'],
    ['AUTH PLAIN abc', 'bad-base64'],
    ['RETR 0', 'bad-number'],
    ['RETR -1', 'bad-number'],
    ['RETR +1', 'bad-number'],
    ['RETR 1e3', 'bad-number'],
    ['RETR 0x10', 'bad-number'],
    ['RETR ١', 'bad-number'],
    [`RETR ${MAX_MESSAGE_NUMBER + 1}`, 'bad-number'],
    ['RETR 99999999999999999999', 'bad-number'],
    ['DELE 1.5', 'bad-number'],
    ['TOP 1 -1', 'bad-number'],
    ['TOP 0 1', 'bad-number'],
    ['LIST x', 'bad-number'],
    ['USER a\u0000b', 'bad-bytes'],
    ['PASS secret\u0000', 'bad-bytes'],
    ['USER a\tb', 'bad-bytes'],
    ['NOOP\u007f', 'bad-bytes'],
    [new Uint8Array([0x50, 0x41, 0x53, 0x53, 0x20, 0xff, 0xfe]), 'bad-bytes'],
  ];
  for (const [line, kind] of refused) {
    it(`refuses ${JSON.stringify(typeof line === 'string' ? line : Array.from(line))} as ${kind}`, () => {
      const r = parse(line);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe(kind);
        expect(r.error.reply.ok).toBe(false);
        expect(new TextDecoder().decode(r.error.toWire())).toMatch(/^-ERR .+\r\n$/);
      }
    });
  }
});

describe('parseNumber', () => {
  it('accepts plain decimals within bounds and nothing else', () => {
    expect(parseNumber('10', 1, 10)).toBe(10);
    expect(parseNumber('11', 1, 10)).toBeNull();
    expect(parseNumber(' 1', 1, 10)).toBeNull();
    expect(parseNumber('', 0, 10)).toBeNull();
    expect(parseNumber('9'.repeat(10_000), 0, 10)).toBeNull();
  });
});

describe('VERB_STATES', () => {
  it('allows login verbs only before authentication and mail verbs only after', () => {
    expect(VERB_STATES.PASS).toEqual(['authorization']);
    expect(VERB_STATES.STLS).toEqual(['authorization']);
    expect(VERB_STATES.RETR).toEqual(['transaction']);
    expect(VERB_STATES.QUIT).toContain('authorization');
    expect(VERB_STATES.QUIT).toContain('transaction');
  });
});
