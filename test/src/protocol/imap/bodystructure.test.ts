import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawTree } from '../../../../src/mime/raw-tree.ts';
import { buildBodyStructure, writeBodyStructure } from '../../../../src/protocol/imap/bodystructure.ts';
import { buildEnvelope, writeEnvelope } from '../../../../src/protocol/imap/envelope.ts';
import { parseEnvelopeAddresses } from '../../../../src/protocol/imap/envelope-address.ts';
import { WireWriter } from '../../../../src/protocol/imap/wire.ts';
import { bytes, text } from './helpers.ts';

const RAW = new Uint8Array(readFileSync(join(import.meta.dir, '../../../fixtures/imap/messages/mixed-with-rfc822.eml')));

function bodystructure(raw: Uint8Array, extensible: boolean): string {
  const w = new WireWriter({ utf8: false });
  writeBodyStructure(w, buildBodyStructure(raw, parseRawTree(raw)), extensible);
  return text(w.finish());
}

function envelope(raw: Uint8Array): string {
  const w = new WireWriter({ utf8: false });
  writeEnvelope(w, buildEnvelope(parseRawTree(raw).headers));
  return text(w.finish());
}

const INNER_ENVELOPE = '(NIL "inner" ((NIL NIL "a" "b.it")) ((NIL NIL "a" "b.it")) ((NIL NIL "a" "b.it")) NIL NIL NIL NIL NIL)';

describe('BODYSTRUCTURE of multipart/mixed with an attached message/rfc822', () => {
  it('prints the extensible form with lines, nested envelope and dispositions', () => {
    expect(bodystructure(RAW, true)).toBe(
      '(' +
        '("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 12 2 NIL NIL NIL NIL)' +
        `("message" "rfc822" NIL NIL NIL "7bit" 247 ${INNER_ENVELOPE} ` +
        '(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 1 NIL NIL NIL NIL)' +
        '("text" "html" ("charset" "iso-8859-1") NIL NIL "quoted-printable" 11 1 NIL NIL NIL NIL)' +
        ' "alternative" ("boundary" "B2") NIL NIL NIL)' +
        ' 14 NIL ("inline" ("filename" "postacert.eml")) NIL NIL)' +
        '("application" "pdf" ("name" "doc.pdf") "<pdf1>" "A document" "base64" 8 NIL ("attachment" ("filename" "doc.pdf")) NIL NIL)' +
        ' "mixed" ("boundary" "B1") NIL NIL NIL)',
    );
  });

  it('prints the non-extensible BODY form', () => {
    expect(bodystructure(RAW, false)).toBe(
      '(' +
        '("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 12 2)' +
        `("message" "rfc822" NIL NIL NIL "7bit" 247 ${INNER_ENVELOPE} ` +
        '(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 1)("text" "html" ("charset" "iso-8859-1") NIL NIL "quoted-printable" 11 1) "alternative")' +
        ' 14)' +
        '("application" "pdf" ("name" "doc.pdf") "<pdf1>" "A document" "base64" 8)' +
        ' "mixed")',
    );
  });

  it('describes a single-part message without Content-Type as text/plain us-ascii', () => {
    expect(bodystructure(bytes('Subject: x\r\n\r\nhi\r\n'), true)).toBe('("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 4 1 NIL NIL NIL NIL)');
  });

  it('gives an empty multipart one empty text part (body-type-mpart needs 1*body)', () => {
    const raw = bytes('Content-Type: multipart/mixed; boundary=z\r\n\r\nno parts here\r\n');
    expect(bodystructure(raw, false)).toBe('(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed")');
  });

  it('describes a base64-encoded message/rfc822 from its decoded copy', () => {
    const inner = btoa('Subject: enc\r\n\r\nbody\r\n');
    const raw = bytes(`Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${inner}\r\n`);
    expect(bodystructure(raw, false)).toBe(
      `("message" "rfc822" NIL NIL NIL "base64" ${inner.length + 2} (NIL "enc" NIL NIL NIL NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 6 1) 1)`,
    );
  });
});

describe('ENVELOPE', () => {
  it('keeps raw header text, groups, and defaults Sender/Reply-To to From', () => {
    expect(envelope(RAW)).toBe(
      '("Tue, 14 May 2024 10:15:00 +0200" "=?UTF-8?Q?Ricevuta_di_accettazione?=" ' +
        '(("Mario Rossi" NIL "mario.rossi" "pec.example.it")) (("Mario Rossi" NIL "mario.rossi" "pec.example.it")) ' +
        '(("Mario Rossi" NIL "mario.rossi" "pec.example.it")) ' +
        '(("Luigi" NIL "luigi" "example.com")(NIL NIL "undisclosed" NIL)(NIL NIL NIL NIL)) ' +
        '((NIL NIL "a" "b.it")("Q, R" NIL "q" "r.it")) NIL NIL "<opec.1@pec.example.it>")',
    );
  });

  const addresses: Array<[string, ReturnType<typeof parseEnvelopeAddresses>]> = [
    ['<>', null],
    ['plain@example.it', [{ name: null, adl: null, mailbox: 'plain', host: 'example.it' }]],
    ['"Doe, John" <john.doe@x.it>', [{ name: 'Doe, John', adl: null, mailbox: 'john.doe', host: 'x.it' }]],
    ['<@relay.it,@hop.it:user@dest.it>', [{ name: null, adl: '@relay.it,@hop.it', mailbox: 'user', host: 'dest.it' }]],
    ['"john smith"@x.it', [{ name: null, adl: null, mailbox: '"john smith"', host: 'x.it' }]],
    ['nodomain', [{ name: null, adl: null, mailbox: 'nodomain', host: 'MISSING_DOMAIN' }]],
    [
      'team: a@x.it, B <b@y.it>;, c@z.it',
      [
        { name: null, adl: null, mailbox: 'team', host: null },
        { name: null, adl: null, mailbox: 'a', host: 'x.it' },
        { name: 'B', adl: null, mailbox: 'b', host: 'y.it' },
        { name: null, adl: null, mailbox: null, host: null },
        { name: null, adl: null, mailbox: 'c', host: 'z.it' },
      ],
    ],
    ['=?UTF-8?B?w6g=?= <e@x.it>', [{ name: '=?UTF-8?B?w6g=?=', adl: null, mailbox: 'e', host: 'x.it' }]],
  ];
  for (const [value, want] of addresses) {
    it(`parses ${value}`, () => expect(parseEnvelopeAddresses(value)).toEqual(want));
  }
});
