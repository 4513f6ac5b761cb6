import { describe, expect, it } from 'bun:test';
import { MAX_SCANNED_HEADER_BYTES, tipoRicevutaOf, topHeader } from '../../../../src/protocol/smtp/tipo-ricevuta.ts';

const msg = (headers: string, body = 'corpo\r\n') => new TextEncoder().encode(`${headers}\r\n\r\n${body}`);

describe('tipoRicevutaOf', () => {
  it.each([
    ['no header', 'Subject: x', 'completa'],
    ['completa', 'X-TipoRicevuta: completa', 'completa'],
    ['breve', 'X-TipoRicevuta: breve', 'breve'],
    ['sintetica', 'X-TipoRicevuta: sintetica', 'sintetica'],
    ['lowercase name, uppercase value', 'x-tiporicevuta: BREVE', 'breve'],
    ['Aruba casing', 'X-Tiporicevuta: Sintetica', 'sintetica'],
    ['spaces around', 'X-TipoRicevuta:    breve   ', 'breve'],
    ['folded value', 'X-TipoRicevuta:\r\n breve', 'breve'],
    ['unknown value', 'X-TipoRicevuta: totale', 'completa'],
    ['empty value', 'X-TipoRicevuta:', 'completa'],
    ['first occurrence wins', 'X-TipoRicevuta: sintetica\r\nX-TipoRicevuta: breve', 'sintetica'],
    ['LF-only line ends', 'Subject: a\nX-TipoRicevuta: breve', 'breve'],
  ])('%s', (_name, headers, expected) => {
    expect(tipoRicevutaOf(msg(headers))).toBe(expected as ReturnType<typeof tipoRicevutaOf>);
  });

  it('ignores the field when it appears only in the body or in an attached message', () => {
    expect(tipoRicevutaOf(msg('Subject: x', 'X-TipoRicevuta: breve\r\n'))).toBe('completa');
  });

  it('reads no further than MAX_SCANNED_HEADER_BYTES of a hostile header block', () => {
    const filler = 'X-Pad: ' + 'a'.repeat(MAX_SCANNED_HEADER_BYTES);
    expect(tipoRicevutaOf(msg(`${filler}\r\nX-TipoRicevuta: breve`))).toBe('completa');
  });

  it('topHeader returns the unfolded value of the first match', () => {
    expect(topHeader(msg('Subject: a\r\n  b'), 'subject')).toBe(' a  b');
  });
});
