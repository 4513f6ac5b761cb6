import { describe, expect, it } from 'bun:test';
import { parseAddressList } from '../../../src/mime/addresses.ts';
import { decodeWords, encodePhrase, encodeWords } from '../../../src/mime/encoded-words.ts';
import { formatParam, parseContentType, parseDisposition } from '../../../src/mime/header-params.ts';
import {
  canonicalCrlf,
  decodeBase64,
  decodeQuotedPrintable,
  encodeBase64Lines,
  encodeQuotedPrintable,
  isSevenBitClean,
} from '../../../src/mime/transfer-encoding.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const latin = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('RFC 2047 encoded-words', () => {
  it.each([
    ['Q, UTF-8', '=?UTF-8?Q?Norah_Colly?=', 'Norah Colly'],
    ['B, ISO-8859-1', '=?iso-8859-1?B?6A==?=', 'è'],
    ['adjacent words joined, whitespace between them dropped', '=?utf-8?Q?a?= =?utf-8?Q?b?=', 'ab'],
    ['multi-byte char split across words', '=?utf-8?B?4oI=?= =?utf-8?B?rA==?=', '€'],
    ['text around words kept', 'Re: =?utf-8?Q?caf=C3=A9?= ok', 'Re: café ok'],
    ['RFC 2231 language suffix', '=?utf-8*it?Q?s=C3=AC?=', 'sì'],
    ['unknown charset falls back', '=?x-unknown?Q?abc?=', 'abc'],
    ['malformed left as is', '=?utf-8?Q?broken', '=?utf-8?Q?broken'],
  ])('decodes %s', (_n, input, out) => {
    expect(decodeWords(input)).toBe(out);
  });

  it('round-trips arbitrary text through encodeWords', () => {
    for (const s of ['plain', 'città € 😀', 'x'.repeat(200) + 'è', '=?utf-8?Q?literal?=', 'tab\there']) {
      expect(decodeWords(encodeWords(s))).toBe(s);
      for (const w of encodeWords(s).split(' ')) if (w.startsWith('=?')) expect(w.length).toBeLessThanOrEqual(75);
    }
  });

  it('formats phrases as atoms, quoted strings or encoded-words', () => {
    expect(encodePhrase('Mario Rossi')).toBe('Mario Rossi');
    expect(encodePhrase('Rossi, Mario')).toBe('"Rossi, Mario"');
    expect(decodeWords(encodePhrase('Nicolò'))).toBe('Nicolò');
  });
});

describe('Content-Type parameters (RFC 2045, RFC 2231)', () => {
  it('parses quoted values, comments and case-insensitive names', () => {
    const ct = parseContentType('Multipart/Signed; Protocol="application/x-pkcs7-signature"; micalg=sha1 (comment); boundary="a;b"');
    expect(ct).toEqual({ type: 'multipart', subtype: 'signed', params: { protocol: 'application/x-pkcs7-signature', micalg: 'sha1', boundary: 'a;b' } });
  });

  it('joins RFC 2231 continuations and decodes charset-tagged values', () => {
    const d = parseDisposition('attachment; filename*0*=utf-8\'\'fattura%20n%C2%B0; filename*1=" 12.pdf"');
    expect(d).toEqual({ type: 'attachment', params: { filename: 'fattura n° 12.pdf' } });
    expect(parseDisposition("inline; filename*=iso-8859-1'it'citt%E0.pdf").params.filename).toBe('città.pdf');
  });

  it('falls back to text/plain for a missing or broken Content-Type (RFC 2045 §5.2)', () => {
    expect(parseContentType(undefined)).toMatchObject({ type: 'text', subtype: 'plain' });
    expect(parseContentType('garbage')).toMatchObject({ type: 'text', subtype: 'plain' });
  });

  it('formats tokens, quoted strings and RFC 2231 values', () => {
    expect(formatParam('name', 'smime.p7s')).toBe('name=smime.p7s');
    expect(formatParam('name', 'a b"c')).toBe('name="a b\\"c"');
    const f = formatParam('filename', 'città.pdf');
    expect(f).toBe("filename*=utf-8''citt%C3%A0.pdf");
    expect(parseDisposition(`attachment; ${f}`).params.filename).toBe('città.pdf');
  });
});

describe('transfer encodings', () => {
  it('decodes quoted-printable with soft breaks, LF-only breaks and bad escapes', () => {
    expect(latin(decodeQuotedPrintable(enc('caff=E8 =\r\nlungo=\nx =ZZ')))).toBe('caffè lungox =ZZ');
  });

  it('encodes quoted-printable within 76 columns and round-trips', () => {
    const text = enc('riga con spazio finale \nè'.repeat(20) + 'x'.repeat(300));
    const qp = encodeQuotedPrintable(text);
    for (const line of qp.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(qp).toContain('finale=20');
    expect(dec(decodeQuotedPrintable(enc(qp)))).toBe(dec(text).replace(/\n/g, '\r\n'));
  });

  it('base64 round-trips with 76-column lines and ignores junk', () => {
    const bytes = new Uint8Array(300).map((_, i) => i % 256);
    const b64 = encodeBase64Lines(bytes);
    expect(b64.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(decodeBase64(b64 + '\r\n!!')).toEqual(bytes);
  });

  it.each([
    ['LF', 'a\nb\n', 'a\r\nb\r\n'],
    ['CRLF unchanged', 'a\r\nb', 'a\r\nb'],
    ['bare CR', 'a\rb', 'a\r\nb'],
    ['mixed', '\na\r\n\rb', '\r\na\r\n\r\nb'],
  ])('canonicalCrlf: %s', (_n, input, out) => {
    expect(dec(canonicalCrlf(enc(input)))).toBe(out);
  });

  it('tells 7-bit clean data from 8-bit, NUL and over-long lines (RFC 5322 §2.1.1)', () => {
    expect(isSevenBitClean(enc('ok\r\n'))).toBe(true);
    expect(isSevenBitClean(enc('è'))).toBe(false);
    expect(isSevenBitClean(enc('a\0b'))).toBe(false);
    expect(isSevenBitClean(enc('x'.repeat(1001)))).toBe(false);
  });
});

describe('address lists', () => {
  it('parses display names, quoted commas, comments, groups and encoded names', () => {
    const list = parseAddressList('"Rossi, Mario" <m@x.test>, a@y.test (comment), team: b@z.test, c@z.test;, =?utf-8?Q?Nicol=C3=B2?= <n@x.test>');
    expect(list).toEqual([
      { name: 'Rossi, Mario', address: 'm@x.test' },
      { name: '', address: 'a@y.test' },
      { name: '', address: 'b@z.test' },
      { name: '', address: 'c@z.test' },
      { name: 'Nicolò', address: 'n@x.test' },
    ]);
  });
});
