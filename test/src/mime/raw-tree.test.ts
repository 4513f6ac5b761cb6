import { describe, expect, it } from 'bun:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MimeError } from '../../../src/mime/errors.ts';
import {
  MAX_HEADER_BYTES,
  MAX_MIME_DEPTH,
  MAX_PARTS,
  findHeader,
  parseRawTree,
  parseTopEntity,
  parseTopHeaders,
  rawBody,
  rawEntity,
  walkParts,
} from '../../../src/mime/raw-tree.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const NESTED = [
  'From: a@example.test',
  'Subject: nested',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: text/plain',
  '',
  'hello',
  '--outer',
  'Content-Type: message/rfc822',
  '',
  'Subject: inner',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  '',
  'no headers part',
  '--inner--',
  '',
  '--outer--',
  'epilogue',
].join('\n');

describe('parseRawTree', () => {
  const cases: Array<{ name: string; eol: string }> = [
    { name: 'CRLF', eol: '\r\n' },
    { name: 'LF-only', eol: '\n' },
  ];
  for (const { name, eol } of cases) {
    it(`finds byte offsets of nested multipart and message/rfc822 parts (${name})`, () => {
      const bytes = enc(NESTED.replace(/\n/g, eol));
      const root = parseRawTree(bytes);
      expect(root.headerStart).toBe(0);
      expect(findHeader(root.headers, 'SUBJECT')).toBe('nested');
      expect(root.boundary).toBe('outer');
      expect(root.children).toHaveLength(2);
      const [text, msg] = root.children;
      expect(dec(rawBody(bytes, text!))).toBe('hello');
      expect(dec(rawEntity(bytes, text!))).toBe(`Content-Type: text/plain${eol}${eol}hello`);
      expect(msg!.contentType.subtype).toBe('rfc822');
      const inner = msg!.children[0]!;
      expect(findHeader(inner.headers, 'subject')).toBe('inner');
      expect(inner.headerStart).toBe(msg!.bodyStart);
      expect(inner.children).toHaveLength(1);
      const leaf = inner.children[0]!;
      expect(leaf.headers).toEqual([]);
      expect(leaf.contentType.type).toBe('text');
      expect(dec(rawBody(bytes, leaf))).toBe('no headers part');
      // message/rfc822 body ends before the line break preceding "--outer--"
      expect(dec(bytes.subarray(msg!.bodyEnd, msg!.bodyEnd + eol.length + 9))).toBe(`${eol}--outer--`);
    });
  }

  it('unfolds headers and lowercases parameter names', () => {
    const bytes = enc('Content-Type: multipart/mixed;\r\n\tBOUNDARY="a b"\r\nX-Long: one\r\n two\r\n\r\n--a b\r\n\r\nx\r\n--a b--\r\n');
    const root = parseRawTree(bytes);
    expect(root.contentType.params.boundary).toBe('a b');
    expect(findHeader(root.headers, 'x-long')).toBe('one two');
    expect(root.children).toHaveLength(1);
  });

  it('ignores boundary look-alikes that are longer than the boundary', () => {
    const bytes = enc('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n--bx not a delimiter\r\n--b--\r\n');
    const root = parseRawTree(bytes);
    expect(root.children).toHaveLength(1);
    expect(dec(rawBody(bytes, root.children[0]!))).toBe('--bx not a delimiter');
  });

  it('ends the last part at the end of a truncated multipart', () => {
    const bytes = enc('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\npart one\r\n--b\r\n\r\ncut');
    const root = parseRawTree(bytes);
    expect(root.children.map((c) => dec(rawBody(bytes, c)))).toEqual(['part one', 'cut']);
  });

  it('treats a message without a blank line as all headers', () => {
    const root = parseRawTree(enc('Subject: x\r\n'));
    expect(root.bodyStart).toBe(root.bodyEnd);
    expect(findHeader(root.headers, 'subject')).toBe('x');
  });

  it(`refuses nesting deeper than MAX_MIME_DEPTH (${MAX_MIME_DEPTH}) with a typed error`, () => {
    let body = 'leaf';
    for (let i = MAX_MIME_DEPTH + 1; i >= 0; i--) {
      body = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    }
    try {
      parseRawTree(enc(body));
      throw new Error('expected MimeError');
    } catch (e) {
      expect(e).toBeInstanceOf(MimeError);
      expect((e as MimeError).code).toBe('depth');
      expect((e as MimeError).smtpReply).toStartWith('554 5.6.0');
    }
  });

  it(`refuses more than MAX_PARTS (${MAX_PARTS}) parts`, () => {
    const parts = Array.from({ length: MAX_PARTS + 1 }, () => '--b\r\n\r\nx\r\n').join('');
    const bytes = enc(`Content-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`);
    expect(() => parseRawTree(bytes)).toThrow(MimeError);
  });

  it(`refuses a header block above MAX_HEADER_BYTES (${MAX_HEADER_BYTES})`, () => {
    const line = 'X-Pad: ' + 'a'.repeat(990) + '\r\n';
    const bytes = enc(line.repeat(Math.ceil(MAX_HEADER_BYTES / line.length) + 1) + '\r\nbody');
    try {
      parseRawTree(bytes);
      throw new Error('expected MimeError');
    } catch (e) {
      expect((e as MimeError).code).toBe('header-size');
    }
  });

  it('does not descend into a base64-encoded message/rfc822 (offsets would not be in the source)', () => {
    const bytes = enc('Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogeA0KDQp4\r\n');
    expect(parseRawTree(bytes).children).toEqual([]);
  });

  it('parses every PEC sample and keeps all offsets inside the file', () => {
    const root = join(import.meta.dir, '../../../../shared/pec/samples');
    for (const dir of ['real', 'synthetic']) {
      for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.eml'))) {
        const bytes = new Uint8Array(readFileSync(join(root, dir, f)));
        const tree = parseRawTree(bytes);
        for (const p of walkParts(tree)) {
          expect(p.headerStart).toBeLessThanOrEqual(p.headerEnd);
          expect(p.bodyStart).toBe(p.headerEnd);
          expect(p.bodyEnd).toBeGreaterThanOrEqual(p.bodyStart);
          expect(p.bodyEnd).toBeLessThanOrEqual(bytes.length);
        }
      }
    }
  });
});

describe('parseTopEntity / parseTopHeaders', () => {
  const root = join(import.meta.dir, '../../../../shared/pec/samples');
  const samples = ['real', 'synthetic'].flatMap((dir) =>
    readdirSync(join(root, dir)).filter((x) => x.endsWith('.eml')).map((f) => new Uint8Array(readFileSync(join(root, dir, f)))),
  );

  it('gives the same top-level header and header end as parseRawTree for every PEC sample and the nested fixture', () => {
    for (const bytes of [...samples, enc(NESTED), enc('Subject: only a header'), enc('From: a@x.test\n\nLF body\n')]) {
      const tree = parseRawTree(bytes);
      expect(parseTopEntity(bytes)).toEqual({ headers: tree.headers, headerEnd: tree.headerEnd });
      expect(parseTopHeaders(bytes)).toEqual(tree.headers);
    }
  });

  it('does not walk the body: a body past MAX_MIME_DEPTH or MAX_PARTS does not matter to it', () => {
    let deep = 'x';
    for (let i = 0; i <= MAX_MIME_DEPTH; i++) deep = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${deep}\r\n--b${i}--`;
    const bytes = enc(`Subject: deep\r\n${deep}\r\n`);
    expect(() => parseRawTree(bytes)).toThrow(MimeError);
    expect(findHeader(parseTopHeaders(bytes), 'subject')).toBe('deep');
  });

  it(`still refuses a header block above MAX_HEADER_BYTES (${MAX_HEADER_BYTES})`, () => {
    const line = 'X-Pad: ' + 'a'.repeat(990) + '\r\n';
    const bytes = enc(line.repeat(Math.ceil(MAX_HEADER_BYTES / line.length) + 1) + '\r\nbody');
    expect(() => parseTopHeaders(bytes)).toThrow(MimeError);
  });
});
