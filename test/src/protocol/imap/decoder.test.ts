import { describe, expect, it } from 'bun:test';
import { ImapDecoder } from '../../../../src/protocol/imap/decoder.ts';
import { encodeResponse } from '../../../../src/protocol/imap/encoder.ts';
import {
  MAX_LINE_BYTES,
  MAX_LITERALS_PER_COMMAND,
  MAX_NESTING,
  MAX_NONSYNC_LITERAL_MINUS_BYTES,
} from '../../../../src/protocol/imap/limits.ts';
import { bytes, cmd, decodeAll, drain, text } from './helpers.ts';

const wire = (r: Parameters<typeof encodeResponse>[0]) => text(encodeResponse(r));

describe('ImapDecoder framing', () => {
  it('decodes pipelined commands one at a time', () => {
    const rs = decodeAll('a1 NOOP\r\na2 CAPABILITY\r\na3 LOGOUT\r\n');
    expect(rs.map((r) => (r.kind === 'command' ? `${r.command.tag} ${r.command.name}` : r.kind))).toEqual([
      'a1 NOOP',
      'a2 CAPABILITY',
      'a3 LOGOUT',
    ]);
  });

  it('tolerates bare LF line ends and stray empty lines', () => {
    const rs = decodeAll('\r\n\na1 NOOP\na2 NOOP\r\n');
    expect(rs.map((r) => r.kind)).toEqual(['command', 'command']);
  });

  it('returns need-more until the line is complete', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 NO'));
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(bytes('OP\r'));
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(bytes('\n'));
    expect(d.next().kind).toBe('command');
  });

  it('asks for a continuation once per synchronising literal, then waits for its bytes', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 LOGIN {4}\r\n'));
    expect(d.next()).toEqual({ kind: 'continuation-needed', size: 4, tag: 'a1', verb: 'LOGIN' });
    expect(d.next()).toEqual({ kind: 'need-more' });
    d.push(bytes('user {6}\r\n'));
    expect(d.next()).toEqual({ kind: 'continuation-needed', size: 6, tag: 'a1', verb: 'LOGIN' });
    d.push(bytes('p"a ss\r\n'));
    const r = d.next();
    expect(r.kind === 'command' && r.command).toEqual({ tag: 'a1', name: 'LOGIN', username: 'user', password: 'p"a ss' });
  });

  it('names UID commands in the continuation request', () => {
    expect(decodeAll('a1 uid search TEXT {3}\r\n')).toEqual([{ kind: 'continuation-needed', size: 3, tag: 'a1', verb: 'UID SEARCH' }]);
  });

  it('does not ask for a continuation for non-synchronising literals (LITERAL+)', () => {
    const rs = decodeAll('a1 LOGIN {4+}\r\nuser {4+}\r\npass\r\n');
    expect(rs).toHaveLength(1);
    expect(rs[0]?.kind === 'command' && rs[0].command).toEqual({ tag: 'a1', name: 'LOGIN', username: 'user', password: 'pass' });
  });

  it('decodes the same APPEND whatever the split point of the input, at every byte boundary', () => {
    const input = bytes('A003 APPEND saved-messages (\\Seen) "07-Feb-1994 21:52:25 -0800" {22}\r\nFrom: a@b\r\n\r\nbody{3}\r\n\r\na4 NOOP\r\n');
    const whole = decodeAll(input).filter((r) => r.kind !== 'continuation-needed');
    expect(whole.map((r) => r.kind)).toEqual(['command', 'command']);
    for (let cut = 1; cut < input.length; cut++) {
      for (const cut2 of [cut, Math.min(input.length - 1, cut + 7)]) {
        const d = new ImapDecoder();
        d.push(input.subarray(0, cut));
        const got = drain(d);
        d.push(input.subarray(cut, cut2));
        got.push(...drain(d));
        d.push(input.subarray(cut2));
        got.push(...drain(d));
        expect(got.filter((r) => r.kind !== 'continuation-needed')).toEqual(whole);
      }
    }
  });

  it('feeds one byte at a time with literal8 and non-synchronising literals', () => {
    const input = bytes('b1 APPEND INBOX ~{5+}\r\na\0b\r\n\r\n');
    const d = new ImapDecoder();
    const got = [];
    for (const b of input) {
      d.push(Uint8Array.of(b));
      got.push(...drain(d));
    }
    expect(got).toHaveLength(1);
    const c = got[0]?.kind === 'command' ? got[0].command : undefined;
    expect(c?.name === 'APPEND' && c.messages[0]).toEqual({ flags: [], data: bytes('a\0b\r\n'), binary: true, utf8: false });
  });

  it('ignores "{n}" inside a quoted string', () => {
    expect(cmd('a1 SELECT "box{3}"')).toMatchObject({ name: 'SELECT', mailbox: 'box{3}' });
  });

  it('drops plaintext pipelined after STARTTLS', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 STARTTLS\r\na2 LOGIN user pass\r\n'));
    expect(d.next().kind).toBe('command');
    expect(d.discardBuffered()).toBe('a2 LOGIN user pass\r\n'.length);
    expect(d.next()).toEqual({ kind: 'need-more' });
  });
});

describe('ImapDecoder errors and resynchronisation', () => {
  it('answers a syntax error with a tagged BAD and continues with the next command', () => {
    const rs = decodeAll('a1 FETCH\r\na2 NOOP\r\n');
    expect(rs[0]?.kind).toBe('error');
    expect(rs[0]?.kind === 'error' && wire(rs[0].response)).toMatch(/^a1 BAD /);
    expect(rs[1]?.kind).toBe('command');
  });

  it('answers an unreadable tag with an untagged BAD', () => {
    const rs = decodeAll('+ NOOP\r\n');
    expect(rs[0]?.kind === 'error' && wire(rs[0].response)).toBe('* BAD Invalid or missing tag\r\n');
  });

  it('answers an unknown command with tagged BAD', () => {
    const [r] = decodeAll('x9 FROBNICATE now\r\n');
    expect(r?.kind === 'error' && r.error.kind).toBe('unknown-command');
    expect(r?.kind === 'error' && wire(r.response)).toBe('x9 BAD Unknown command FROBNICATE\r\n');
  });

  it(`closes with BYE [LIMIT] when a line exceeds MAX_LINE_BYTES (${MAX_LINE_BYTES}) before its end arrives`, () => {
    const d = new ImapDecoder();
    d.push(bytes(`a1 SELECT ${'x'.repeat(MAX_LINE_BYTES)}`));
    const r = d.next();
    expect(r.kind === 'error' && r.fatal).toBe(true);
    expect(r.kind === 'error' && r.error.kind).toBe('line-too-long');
    expect(r.kind === 'error' && wire(r.response)).toBe('* BYE [LIMIT] Command line too long\r\n');
    d.push(bytes('a2 NOOP\r\n'));
    expect(d.next()).toEqual({ kind: 'need-more' });
  });

  it('counts the text of every line of a command against MAX_LINE_BYTES, but not literal bytes', () => {
    const half = 'x'.repeat(MAX_LINE_BYTES / 2);
    const ok = decodeAll(`a1 LOGIN {${MAX_LINE_BYTES * 2}+}\r\n${'p'.repeat(MAX_LINE_BYTES * 2)} pw\r\n`);
    expect(ok[0]?.kind).toBe('command');
    const bad = decodeAll(`a1 LOGIN ${half} {1+}\r\nx ${half}\r\n`);
    expect(bad[0]?.kind === 'error' && bad[0].error.kind).toBe('line-too-long');
  });

  it('refuses a synchronising literal above the limit with tagged BAD [TOOBIG] and keeps the connection', () => {
    const d = new ImapDecoder({ maxLiteralBytes: 100 });
    d.push(bytes('a1 APPEND INBOX {101}\r\na2 NOOP\r\n'));
    const r = d.next();
    expect(r.kind === 'error' && wire(r.response)).toBe('a1 BAD [TOOBIG] Literal too large\r\n');
    expect(r.kind === 'error' && r.fatal).toBe(false);
    const n = d.next();
    expect(n.kind === 'command' && n.command.tag).toBe('a2');
  });

  it('closes with BYE [TOOBIG] on a non-synchronising literal above the limit (it cannot be refused)', () => {
    const d = new ImapDecoder();
    d.setMaxLiteralBytes(10);
    d.push(bytes('a1 APPEND INBOX {4294967295+}\r\n'));
    const r = d.next();
    expect(r.kind === 'error' && r.fatal && wire(r.response)).toBe('* BYE [TOOBIG] Literal too large\r\n');
  });

  it(`with LITERAL- refuses non-synchronising literals above ${MAX_NONSYNC_LITERAL_MINUS_BYTES} bytes and skips them`, () => {
    const size = MAX_NONSYNC_LITERAL_MINUS_BYTES + 1;
    const rs = decodeAll(`a1 APPEND INBOX {${size}+}\r\n${'m'.repeat(size)}\r\na2 NOOP\r\n`, { literalMinus: true });
    expect(rs[0]?.kind === 'error' && wire(rs[0].response)).toBe('a1 BAD [TOOBIG] Non-synchronizing literal too large\r\n');
    expect(rs[1]?.kind === 'command' && rs[1].command.tag).toBe('a2');
    expect(rs).toHaveLength(2);
  });

  it('lets the session refuse a synchronising literal (e.g. over quota)', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 APPEND INBOX {5000}\r\n'));
    expect(d.next()).toEqual({ kind: 'continuation-needed', size: 5000, tag: 'a1', verb: 'APPEND' });
    d.rejectLiteral();
    d.push(bytes('a2 NOOP\r\n'));
    const r = d.next();
    expect(r.kind === 'command' && r.command.tag).toBe('a2');
  });

  it(`rejects nesting deeper than MAX_NESTING (${MAX_NESTING}) with tagged BAD`, () => {
    const deep = `a1 SEARCH ${'('.repeat(MAX_NESTING + 1)}ALL${')'.repeat(MAX_NESTING + 1)}\r\na2 NOOP\r\n`;
    const rs = decodeAll(deep);
    expect(rs[0]?.kind === 'error' && rs[0].error.kind).toBe('nesting-too-deep');
    expect(rs[0]?.kind === 'error' && wire(rs[0].response)).toBe('a1 BAD Too deeply nested\r\n');
    expect(rs[1]?.kind).toBe('command');
    const ok = `${'('.repeat(MAX_NESTING)}ALL${')'.repeat(MAX_NESTING)}`;
    expect(cmd(`a1 SEARCH ${ok}`).name).toBe('SEARCH');
  });

  it('skips the non-synchronising literals of a command it already rejected', () => {
    const deep = '('.repeat(MAX_NESTING + 1);
    const rs = decodeAll(`a1 SEARCH ${deep} TEXT {3+}\r\nabc)))\r\na2 NOOP\r\n`);
    expect(rs.map((r) => r.kind)).toEqual(['error', 'command']);
  });

  it(`rejects more than MAX_LITERALS_PER_COMMAND (${MAX_LITERALS_PER_COMMAND}) literals`, () => {
    const many = Array.from({ length: MAX_LITERALS_PER_COMMAND + 1 }, () => ' {1+}\r\nx').join('');
    const rs = decodeAll(`a1 APPEND INBOX${many}\r\na2 NOOP\r\n`, { maxLineBytes: 100_000 });
    expect(rs[0]?.kind === 'error' && rs[0].error.kind).toBe('too-many-literals');
    expect(rs[rs.length - 1]?.kind === 'command').toBe(true);
  });
});

describe('ImapDecoder modes', () => {
  it('returns idle-done on DONE and then decodes commands again (RFC 2177)', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 IDLE\r\ndone\r\na2 NOOP\r\n'));
    const idle = d.next();
    expect(idle.kind === 'command' && idle.command.name).toBe('IDLE');
    d.enterIdle('a1');
    expect(d.next()).toEqual({ kind: 'idle-done' });
    expect(d.next().kind).toBe('command');
  });

  it('answers anything but DONE during IDLE with BAD for the IDLE tag', () => {
    const d = new ImapDecoder();
    d.enterIdle('a1');
    d.push(bytes('a2 NOOP\r\n'));
    const r = d.next();
    expect(r.kind === 'error' && wire(r.response)).toBe('a1 BAD Expected DONE\r\n');
  });

  it('decodes AUTHENTICATE responses, and treats "*" and bad base64 as tagged BAD (RFC 9051 §6.2.2)', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 AUTHENTICATE PLAIN\r\nAHVzZXIAcGFzcw==\r\n*\r\n!!\r\n'));
    const c = d.next();
    expect(c.kind === 'command' && c.command).toEqual({ tag: 'a1', name: 'AUTHENTICATE', mechanism: 'PLAIN' });
    d.expectAuthResponse('a1');
    expect(d.next()).toEqual({ kind: 'auth-response', data: bytes('\0user\0pass') });
    d.expectAuthResponse('a1');
    const cancel = d.next();
    expect(cancel.kind === 'error' && cancel.error.kind).toBe('auth-cancelled');
    expect(cancel.kind === 'error' && wire(cancel.response)).toBe('a1 BAD AUTHENTICATE cancelled\r\n');
    d.expectAuthResponse('a1');
    const bad = d.next();
    expect(bad.kind === 'error' && bad.error.kind).toBe('bad-base64');
  });

  it('switches mailbox names to UTF-8 after ENABLE UTF8=ACCEPT', () => {
    const d = new ImapDecoder();
    d.push(bytes('a1 SELECT "Entw&APw-rfe"\r\n'));
    const a = d.next();
    expect(a.kind === 'command' && a.command).toMatchObject({ mailbox: 'Entwürfe' });
    d.setUtf8Names(true);
    d.push(bytes('a2 SELECT "Entwürfe & Co"\r\n'));
    const b = d.next();
    expect(b.kind === 'command' && b.command).toMatchObject({ mailbox: 'Entwürfe & Co' });
  });
});
