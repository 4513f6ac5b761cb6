import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawTree } from '../../../../src/mime/raw-tree.ts';
import type { SectionSpec } from '../../../../src/protocol/imap/command-types.ts';
import { sectionToString } from '../../../../src/protocol/imap/fetch-parser.ts';
import { applyPartial, extractBinary, extractSection } from '../../../../src/protocol/imap/section.ts';
import { bytes, cmd, text } from './helpers.ts';

const RAW = new Uint8Array(readFileSync(join(import.meta.dir, '../../../fixtures/imap/messages/mixed-with-rfc822.eml')));
const TREE = parseRawTree(RAW);
const full = text(RAW);

/** Parses the section through the real FETCH grammar, so the table reads like the wire. */
function spec(section: string): SectionSpec {
  const c = cmd(`a FETCH 1 BODY.PEEK[${section}]`);
  if (c.name !== 'FETCH' || c.items[0]?.kind !== 'BODY') throw new Error('not a BODY fetch');
  return c.items[0].section;
}
const get = (section: string) => {
  const data = extractSection(RAW, TREE, spec(section));
  return data === null ? null : text(data);
};

const INNER_HEADER = 'From: a@b.it\r\nSubject: inner\r\nContent-Type: multipart/alternative; boundary=B2\r\n\r\n';

describe('BODY[section] extraction (RFC 9051 §6.4.5)', () => {
  const table: Array<[string, string | null]> = [
    ['', full],
    ['HEADER', full.slice(0, full.indexOf('\r\n\r\n') + 4)],
    ['TEXT', full.slice(full.indexOf('\r\n\r\n') + 4)],
    ['1', 'Hello\r\nWorld'],
    ['1.MIME', 'Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n'],
    ['2.MIME', 'Content-Type: message/rfc822\r\nContent-Disposition: inline; filename="postacert.eml"\r\n\r\n'],
    ['2.HEADER', INNER_HEADER],
    ['2.HEADER.FIELDS (subject)', 'Subject: inner\r\n\r\n'],
    ['2.1', 'inner text'],
    ['2.2', '<p>ciao</p>'],
    ['2.2.MIME', 'Content-Type: text/html; charset="iso-8859-1"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'],
    ['3', 'JVBERi0='],
    ['HEADER.FIELDS (SUBJECT Date)', 'Subject: =?UTF-8?Q?Ricevuta_di_accettazione?=\r\nDate: Tue, 14 May 2024 10:15:00 +0200\r\n\r\n'],
    ['HEADER.FIELDS (X-Folded)', 'X-Folded: first\r\n second\r\n\r\n'],
    ['HEADER.FIELDS (X-Absent)', '\r\n'],
    ['4', null],
    ['1.1', null],
    ['1.HEADER', null],
    ['3.TEXT', null],
    ['2.3', null],
  ];
  for (const [section, want] of table) {
    it(`extracts BODY[${section}]`, () => expect(get(section)).toBe(want));
  }

  it('extracts HEADER.FIELDS.NOT keeping the other fields in order', () => {
    const got = get('HEADER.FIELDS.NOT (From To Cc Subject Date Message-ID X-Folded)');
    expect(got).toBe('MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B1"\r\n\r\n');
  });

  it('gets the body of a single-part message as part 1', () => {
    const raw = bytes('Subject: s\r\nContent-Type: text/plain\r\n\r\nonly body\r\n');
    const tree = parseRawTree(raw);
    expect(text(extractSection(raw, tree, { part: [1] })!)).toBe('only body\r\n');
    expect(text(extractSection(raw, tree, { part: [1], text: 'MIME' })!)).toBe('Subject: s\r\nContent-Type: text/plain\r\n\r\n');
    expect(extractSection(raw, tree, { part: [2] })).toBeNull();
  });

  it('applies partials, with an origin past the end giving the empty string', () => {
    const body = bytes('Hello\r\nWorld');
    expect(text(applyPartial(body, { offset: 0, length: 5 }))).toBe('Hello');
    expect(text(applyPartial(body, { offset: 7, length: 100 }))).toBe('World');
    expect(applyPartial(body, { offset: 100, length: 5 }).length).toBe(0);
    expect(applyPartial(body, undefined)).toBe(body);
  });

  it('prints canonical section names for the FETCH answer', () => {
    expect(sectionToString(spec('1.2.mime'))).toBe('1.2.MIME');
    expect(sectionToString(spec('header.fields (From "X Y")'))).toBe('HEADER.FIELDS (From "X Y")');
    expect(sectionToString(spec(''))).toBe('');
    expect(sectionToString(spec('3'))).toBe('3');
  });
});

describe('BINARY[part] extraction (RFC 3516)', () => {
  it('decodes base64 parts', () => {
    const r = extractBinary(RAW, TREE, [3]);
    expect(r.kind === 'ok' && text(r.data)).toBe('%PDF-');
  });
  it('decodes quoted-printable and passes 7bit through', () => {
    const r = extractBinary(RAW, TREE, [1]);
    expect(r.kind === 'ok' && text(r.data)).toBe('Hello\r\nWorld');
  });
  it('reports a missing part and an unknown transfer encoding (NO [UNKNOWN-CTE])', () => {
    expect(extractBinary(RAW, TREE, [9])).toEqual({ kind: 'missing' });
    const raw = bytes('Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n');
    expect(extractBinary(raw, parseRawTree(raw), [1])).toEqual({ kind: 'unknown-cte', encoding: 'x-uuencode' });
  });
});
