import { describe, expect, it } from 'bun:test';
import { parseLoginName } from '../../../src/auth/login-name.ts';
import { Pop3Decoder } from '../../../src/protocol/pop3/decoder.ts';
import { decodeSaslPlain, encodeSaslPlain, MAX_SASL_PLAIN_FIELD_BYTES, type SaslPlainFailure } from '../../../src/auth/sasl-plain.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('decodeSaslPlain (RFC 4616)', () => {
  it('decodes authcid and password without authzid', () => {
    expect(decodeSaslPlain(b64('\u0000mario/test@postacert.toscana.it\u0000Segreta#2026'))).toEqual({
      ok: true,
      credentials: { authzid: '', authcid: 'mario/test@postacert.toscana.it', password: 'Segreta#2026' },
    });
  });

  it('accepts an authzid equal to the authcid, in any case', () => {
    const r = decodeSaslPlain(b64('Test@pec.it\u0000test@pec.it\u0000pw'));
    expect(r.ok && r.credentials.authzid).toBe('Test@pec.it');
  });

  it('round-trips encodeSaslPlain, including UTF-8', () => {
    const r = decodeSaslPlain(encodeSaslPlain('a@pec.it', 'pässwörd'));
    expect(r).toEqual({ ok: true, credentials: { authzid: '', authcid: 'a@pec.it', password: 'pässwörd' } });
  });

  const refused: [string, string, SaslPlainFailure][] = [
    ['not base64', 'not base64!', 'not-base64'],
    ['unpadded base64', 'AGEAYg', 'not-base64'],
    ['the empty response', '', 'malformed'],
    ['one NUL only', b64('a\u0000b'), 'malformed'],
    ['three NULs', b64('\u0000a\u0000b\u0000c'), 'malformed'],
    ['an empty authcid', b64('\u0000\u0000pw'), 'empty-field'],
    ['an empty password', b64('\u0000a@pec.it\u0000'), 'empty-field'],
    ['invalid UTF-8', Buffer.from([0, 0x61, 0, 0xff, 0xfe]).toString('base64'), 'bad-utf8'],
    ['a proxy authzid', b64('admin@pec.it\u0000a@pec.it\u0000pw'), 'authzid-mismatch'],
    ['a field over 255 octets', b64(`\u0000${'a'.repeat(MAX_SASL_PLAIN_FIELD_BYTES + 1)}\u0000pw`), 'too-long'],
    ['a 10 MB response', 'A'.repeat(10_000_000), 'too-long'],
  ];
  for (const [name, input, reason] of refused) {
    it(`refuses ${name} as ${reason}`, () => {
      expect(decodeSaslPlain(input)).toEqual({ ok: false, reason });
    });
  }
});

describe('POP3 AUTH PLAIN end to end through the codec', () => {
  it('turns the continuation line of a collaborator into a parsed login and password', () => {
    const d = new Pop3Decoder();
    d.push(new TextEncoder().encode('AUTH PLAIN\r\n'));
    expect(d.next()).toEqual({ kind: 'command', command: { verb: 'AUTH', mechanism: 'PLAIN', initialResponse: null } });
    d.expectSaslResponse();
    d.push(new TextEncoder().encode(`${encodeSaslPlain('Mario/Test@PostaCert.Toscana.it', 'Segreta#2026')}\r\n`));
    const e = d.next();
    if (e.kind !== 'sasl' || e.line.kind !== 'response') throw new Error(`unexpected ${JSON.stringify(e)}`);
    const plain = decodeSaslPlain(e.line.base64);
    if (!plain.ok) throw new Error(plain.reason);
    expect(plain.credentials.password).toBe('Segreta#2026');
    expect(parseLoginName(plain.credentials.authcid)).toEqual({
      ok: true,
      login: { kind: 'collaboratore', username: 'mario', address: 'test@postacert.toscana.it', localPart: 'test', domain: 'postacert.toscana.it' },
    });
  });
});
