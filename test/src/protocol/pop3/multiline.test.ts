import { describe, expect, it } from 'bun:test';
import { bodyOffset, dotStuff, extractTop, MAX_TOP_LINES, pop3Size } from '../../../../src/protocol/pop3/multiline.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('dotStuff', () => {
  const cases: [string, string, string][] = [
    ['empty body', '', '.\r\n'],
    ['CRLF body', 'a\r\nb\r\n', 'a\r\nb\r\n.\r\n'],
    ['missing final line end', 'a\r\nb', 'a\r\nb\r\n.\r\n'],
    ['leading dot on first line', '.hidden\r\n', '..hidden\r\n.\r\n'],
    ['a lone dot line that would end the reply early', 'a\r\n.\r\nb\r\n', 'a\r\n..\r\nb\r\n.\r\n'],
    ['bare LF normalised to CRLF', 'a\n.b\nc', 'a\r\n..b\r\nc\r\n.\r\n'],
    ['leading LF', '\n.x', '\r\n..x\r\n.\r\n'],
    ['dot not at line start is untouched', 'a.b\r\n', 'a.b\r\n.\r\n'],
    ['bare CR is not a line start', 'a\r.b\r\n', 'a\r.b\r\n.\r\n'],
  ];
  for (const [name, input, expected] of cases) {
    it(`stuffs ${name}`, () => {
      expect(dec(dotStuff(enc(input)))).toBe(expected);
    });
  }

  it('never lets a body contain the terminator before its end', () => {
    const hostile = enc('x\r\n.\r\n\n.\n.\r\n..\r\n.');
    const out = dec(dotStuff(hostile));
    expect(out.indexOf('\r\n.\r\n')).toBe(out.length - 5);
  });
});

describe('pop3Size', () => {
  it('counts octets as sent with CRLF line ends', () => {
    expect(pop3Size(enc('a\r\nb\r\n'))).toBe(6);
    expect(pop3Size(enc('a\nb\n'))).toBe(6);
    expect(pop3Size(enc(''))).toBe(0);
  });

  it('agrees with what RETR sends minus the terminator when no line needs stuffing', () => {
    for (const s of ['Subject: x\n\nline\n', 'Subject: x\r\n\r\nno final line end', 'a\rb']) {
      const raw = enc(s);
      expect(pop3Size(raw)).toBe(dotStuff(raw).length - 3);
    }
  });
});

describe('extractTop', () => {
  const msg = 'From: a@b.it\r\nSubject: test\r\n\r\nline 1\r\n.line 2\r\nline 3\r\n';
  const cases: [string, string, number, string][] = [
    ['headers and blank line only for n=0', msg, 0, 'From: a@b.it\r\nSubject: test\r\n\r\n'],
    ['the first two body lines', msg, 2, 'From: a@b.it\r\nSubject: test\r\n\r\nline 1\r\n.line 2\r\n'],
    ['the whole message when n exceeds the body', msg, 50, msg],
    ['a message without body separator whole', 'From: a@b.it\r\nSubject: x\r\n', 3, 'From: a@b.it\r\nSubject: x\r\n'],
    ['LF-only messages', 'A: 1\n\nx\ny\n', 1, 'A: 1\n\nx\n'],
    ['a last line without line end', 'A: 1\r\n\r\nonly', 5, 'A: 1\r\n\r\nonly'],
    ['a message starting with the blank line', '\r\nbody\r\n', 0, '\r\n'],
  ];
  for (const [name, input, n, expected] of cases) {
    it(`returns ${name}`, () => {
      expect(dec(extractTop(enc(input), n))).toBe(expected);
    });
  }

  it('accepts MAX_TOP_LINES and refuses out-of-range counts', () => {
    expect(dec(extractTop(enc(msg), MAX_TOP_LINES))).toBe(msg);
    expect(() => extractTop(enc(msg), -1)).toThrow(RangeError);
    expect(() => extractTop(enc(msg), 1.5)).toThrow(RangeError);
    expect(() => extractTop(enc(msg), MAX_TOP_LINES + 1)).toThrow(RangeError);
  });

  it('finds the body offset after CRLF CRLF and LF LF', () => {
    expect(bodyOffset(enc('A: 1\r\n\r\nx'))).toBe(8);
    expect(bodyOffset(enc('A: 1\n\nx'))).toBe(6);
    expect(bodyOffset(enc('A: 1\r\n'))).toBe(-1);
  });
});
