import { describe, expect, it } from 'bun:test';
import { decodeMutf7, encodeMutf7 } from '../../../../src/protocol/imap/mutf7.ts';

describe('modified UTF-7 (RFC 3501 §5.1.3)', () => {
  const pairs: Array<[string, string]> = [
    ['INBOX', 'INBOX'],
    ['Posta inviata', 'Posta inviata'],
    ['Tom & Jerry', 'Tom &- Jerry'],
    ['Entwürfe', 'Entw&APw-rfe'],
    ['~peter/mail/台北/日本語', '~peter/mail/&U,BTFw-/&ZeVnLIqe-'],
    ['Città', 'Citt&AOA-'],
    ['😀 emoji', '&2D3eAA- emoji'],
    ['à&è', '&AOA-&-&AOg-'],
    ['tab\there', 'tab&AAk-here'],
  ];
  for (const [unicode, wire] of pairs) {
    it(`encodes ${JSON.stringify(unicode)} as ${wire}`, () => expect(encodeMutf7(unicode)).toBe(wire));
    it(`decodes ${wire} back`, () => expect(decodeMutf7(wire)).toBe(unicode));
  }

  it('round-trips every BMP block sample and astral characters', () => {
    const samples = ['ÿĀ', 'ΩЖא', 'ع中', 'ｶ', '𝄞x𝄞', '€uro', 'a-b&c-d'];
    for (const s of samples) expect(decodeMutf7(encodeMutf7(s))).toBe(s);
  });

  const invalid: Array<[string, string]> = [
    ['&Jjo', 'unterminated shift'],
    ['&Jjo!-', 'non-base64 character'],
    ['&AGE-', 'printable ASCII encoded in base64'],
    ['&AO-', 'odd byte count'],
    ['&AOF-', 'non-zero padding bits'],
    ['&2D0-', 'lone surrogate'],
  ];
  for (const [wire, why] of invalid) it(`rejects ${wire} (${why})`, () => expect(decodeMutf7(wire)).toBeNull());
});
