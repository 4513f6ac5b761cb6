import { describe, expect, it } from 'bun:test';
import {
  capabilityLines,
  encodeCapa,
  encodeMessage,
  encodeSaslChallenge,
  encodeScanLine,
  encodeScanList,
  encodeStat,
  encodeStatus,
  encodeTop,
  encodeUidLine,
  encodeUidList,
  err,
  MAX_RESPONSE_LINE_BYTES,
  ok,
  type Pop3Capabilities,
  type Pop3Status,
} from '../../../../src/protocol/pop3/encoder.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('status lines', () => {
  const cases: [Pop3Status, string][] = [
    [{ ok: true, text: 'POP3 server ready' }, '+OK POP3 server ready\r\n'],
    [{ ok: false, text: 'no such message' }, '-ERR no such message\r\n'],
    [{ ok: false, text: 'Authentication failed', code: 'AUTH' }, '-ERR [AUTH] Authentication failed\r\n'],
    [{ ok: false, text: 'Try later', code: 'SYS/TEMP' }, '-ERR [SYS/TEMP] Try later\r\n'],
    [{ ok: false, text: 'Broken', code: 'SYS/PERM' }, '-ERR [SYS/PERM] Broken\r\n'],
    [{ ok: false, text: 'Locked', code: 'IN-USE' }, '-ERR [IN-USE] Locked\r\n'],
    [{ ok: false, text: 'Wait', code: 'LOGIN-DELAY' }, '-ERR [LOGIN-DELAY] Wait\r\n'],
    [{ ok: true, text: '' }, '+OK\r\n'],
  ];
  for (const [status, wire] of cases) {
    it(`encodes ${JSON.stringify(wire)}`, () => {
      expect(dec(encodeStatus(status))).toBe(wire);
    });
  }

  it('turns CR, LF and NUL in the text into spaces so no second reply can be injected', () => {
    expect(dec(err('bad\r\n+OK fake\u0000'))).toBe('-ERR bad  +OK fake \r\n');
  });

  it(`cuts text so the line fits in MAX_RESPONSE_LINE_BYTES (${MAX_RESPONSE_LINE_BYTES}) at a character boundary`, () => {
    const line = dec(ok('è'.repeat(1000)));
    expect(enc(line).length).toBeLessThanOrEqual(MAX_RESPONSE_LINE_BYTES);
    expect(line.endsWith('è\r\n')).toBe(true);
    const emoji = dec(err('😀'.repeat(5_000_000)));
    expect(enc(emoji).length).toBeLessThanOrEqual(MAX_RESPONSE_LINE_BYTES);
    expect(emoji).not.toContain('\uFFFD');
    const coded = encodeStatus({ ok: false, text: 'x'.repeat(5000), code: 'LOGIN-DELAY' });
    expect(coded.length).toBe(MAX_RESPONSE_LINE_BYTES);
  });
});

describe('SASL challenge', () => {
  it('encodes the empty challenge of PLAIN and a base64 one', () => {
    expect(dec(encodeSaslChallenge(''))).toBe('+ \r\n');
    expect(dec(encodeSaslChallenge('PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+'))).toBe(
      '+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n',
    );
  });
  it('refuses a challenge that is not base64', () => {
    expect(() => encodeSaslChallenge('a\r\n+OK')).toThrow(TypeError);
  });
});

describe('CAPA', () => {
  const full: Pop3Capabilities = {
    top: true,
    user: true,
    sasl: ['PLAIN'],
    respCodes: true,
    loginDelaySeconds: 0,
    pipelining: true,
    expire: 'NEVER',
    uidl: true,
    stls: true,
    implementation: 'pec-provider',
  };

  it('lists capabilities in RFC 2449 §6 form', () => {
    expect(dec(encodeCapa(full))).toBe(
      '+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN\r\nRESP-CODES\r\nLOGIN-DELAY 0\r\nPIPELINING\r\nEXPIRE NEVER\r\nUIDL\r\nSTLS\r\nIMPLEMENTATION pec-provider\r\n.\r\n',
    );
  });

  it('hides USER and SASL before TLS when plaintext login is refused (RFC 2595 §2.2)', () => {
    const lines = capabilityLines({ ...full, user: false, sasl: [], expire: 30, implementation: null });
    expect(lines).toEqual(['TOP', 'RESP-CODES', 'LOGIN-DELAY 0', 'PIPELINING', 'EXPIRE 30', 'UIDL', 'STLS']);
  });

  it('drops malformed mechanism names and sanitises the implementation string', () => {
    const lines = capabilityLines({ ...full, sasl: ['PLAIN', 'BAD MECH\r\nX'], implementation: 'x\r\n.' });
    expect(lines).toContain('SASL PLAIN');
    expect(lines).toContain('IMPLEMENTATION x  .');
  });
});

describe('listings', () => {
  it('encodes STAT, LIST and UIDL as RFC 1939 §5 and §7 show', () => {
    expect(dec(encodeStat(2, 320))).toBe('+OK 2 320\r\n');
    expect(dec(encodeScanLine({ msg: 2, octets: 200 }))).toBe('+OK 2 200\r\n');
    expect(dec(encodeScanList([{ msg: 1, octets: 120 }, { msg: 2, octets: 200 }], 320))).toBe(
      '+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n',
    );
    expect(dec(encodeUidLine({ msg: 2, uid: 'QhdPYR:00WBw1Ph7x7' }))).toBe('+OK 2 QhdPYR:00WBw1Ph7x7\r\n');
    expect(dec(encodeUidList([{ msg: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' }]))).toBe(
      '+OK Unique-ID listing follows\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n.\r\n',
    );
    expect(dec(encodeScanList([], 0))).toBe('+OK 0 messages (0 octets)\r\n.\r\n');
  });

  it('refuses unique-ids outside RFC 1939 §7 (1-70 chars of 0x21-0x7E)', () => {
    for (const uid of ['', 'a b', 'x'.repeat(71), 'é', 'a\r\n.']) {
      expect(() => encodeUidLine({ msg: 1, uid })).toThrow(TypeError);
    }
  });

  it('refuses message numbers and sizes that are not integers in range', () => {
    expect(() => encodeScanLine({ msg: 0, octets: 1 })).toThrow(RangeError);
    expect(() => encodeScanLine({ msg: 1, octets: -1 })).toThrow(RangeError);
    expect(() => encodeStat(Number.NaN, 0)).toThrow(RangeError);
    expect(() => encodeStat(1, 1.5)).toThrow(RangeError);
  });
});

describe('RETR and TOP', () => {
  const raw = enc('Subject: x\r\n\r\n.dot\r\nline 2\r\n');
  it('sends RETR with the size as transmitted, the stuffed body and the terminator', () => {
    expect(dec(encodeMessage(raw))).toBe('+OK 28 octets\r\nSubject: x\r\n\r\n..dot\r\nline 2\r\n.\r\n');
  });
  it('sends TOP with headers and the requested body lines, stuffed', () => {
    expect(dec(encodeTop(raw, 1))).toBe('+OK Top of message follows\r\nSubject: x\r\n\r\n..dot\r\n.\r\n');
  });
});
