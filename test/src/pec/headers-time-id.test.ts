import { describe, expect, it } from 'bun:test';
import { decodeWords } from '../../../src/mime/encoded-words.ts';
import { PREFISSI_OGGETTO, oggettoConPrefisso, perContoDi, stripPrefisso } from '../../../src/pec/headers.ts';
import { IDENTIFICATIVO_RANDOM_BYTES, allocateIdentificativo, isIdentificativo } from '../../../src/pec/identificativo.ts';
import { dataCertificazione, instantOf, italianOffsetMinutes, parseZona, rfc5322Date } from '../../../src/pec/pec-time.ts';
import { fasePreavviso } from '../../../src/pec/preavviso-errore-consegna.ts';
import { escapeHtml, renderHtml, renderPlain } from '../../../src/pec/human-text.ts';
import type { Daticert } from '../../../src/pec/types.ts';
import { seededRandom } from '../../fixtures/pec/test-signer.ts';

describe('Subject (D14)', () => {
  it.each([
    ['plain ASCII', 'Contratto', 'ACCETTAZIONE: Contratto'],
    ['absent subject', undefined, 'ACCETTAZIONE: '],
    ['already prefixed', 'ACCETTAZIONE: x', 'ACCETTAZIONE: ACCETTAZIONE: x'],
  ])('%s', (_n, oggetto, expected) => {
    expect(oggettoConPrefisso(PREFISSI_OGGETTO.accettazione, oggetto)).toBe(expected);
  });

  it('re-encodes the whole subject when the original is not ASCII, in words of at most 75 chars', () => {
    const oggetto = 'Fattura n° 12 — €1.000 ' + 'è'.repeat(60);
    const v = oggettoConPrefisso(PREFISSI_OGGETTO.consegna, oggetto);
    expect(v).toMatch(/^=\?utf-8\?B\?/);
    for (const w of v.split(' ')) expect(w.length).toBeLessThanOrEqual(75);
    expect(decodeWords(v)).toBe(`CONSEGNA: ${oggetto}`);
  });

  it('turns CR/LF into spaces and drops NUL so nothing reaches the header', () => {
    const v = oggettoConPrefisso(PREFISSI_OGGETTO.consegna, 'a\r\nBcc: x@y\0');
    expect(v).toBe('CONSEGNA: a Bcc: x@y');
  });

  it('strips prefixes whitespace-insensitively, longest first (SUP.  TEMPO double space)', () => {
    expect(stripPrefisso('AVVISO DI MANCATA CONSEGNA PER SUP.  TEMPO MASSIMO: x')).toEqual({ prefisso: PREFISSI_OGGETTO.preavviso, oggetto: 'x' });
    expect(stripPrefisso('AVVISO DI MANCATA CONSEGNA PER VIRUS: y')?.prefisso).toBe(PREFISSI_OGGETTO.erroreConsegnaVirus);
    expect(stripPrefisso('=?utf-8?Q?CONSEGNA:_=C3=A8?=')).toEqual({ prefisso: 'CONSEGNA', oggetto: 'è' });
    expect(stripPrefisso('Re: hello')).toBeNull();
  });

  it('writes the "Per conto di" From as a quoted phrase', () => {
    expect(perContoDi('a"b@x.test', 'pc@g.test')).toBe('"Per conto di: a\\"b@x.test" <pc@g.test>');
  });
});

describe('Italian legal time (D13)', () => {
  it.each([
    ['winter', Date.UTC(2025, 0, 15, 12), 60],
    ['just before summer time (30 Mar 2025 00:59:59Z)', Date.UTC(2025, 2, 30, 0, 59, 59), 60],
    ['summer time start (30 Mar 2025 01:00Z)', Date.UTC(2025, 2, 30, 1), 120],
    ['summer', Date.UTC(2026, 8, 19, 13, 41, 19), 120],
    ['just before winter time (26 Oct 2025 00:59:59Z)', Date.UTC(2025, 9, 26, 0, 59, 59), 120],
    ['winter time start (26 Oct 2025 01:00Z)', Date.UTC(2025, 9, 26, 1), 60],
  ])('%s', (_n, ms, off) => {
    expect(italianOffsetMinutes(ms)).toBe(off);
  });

  it('renders one instant identically in daticert and Date:', () => {
    const ms = Date.UTC(2026, 8, 19, 13, 41, 19, 869);
    expect(dataCertificazione(ms)).toEqual({ zona: '+0200', giorno: '19/09/2026', ora: '15:41:19' });
    expect(rfc5322Date(ms)).toBe('Sat, 19 Sep 2026 15:41:19 +0200');
    expect(instantOf(dataCertificazione(ms))).toBe(Date.UTC(2026, 8, 19, 13, 41, 19));
  });

  it.each([
    ['+0100', 60], ['+01:00', 60], ['-0530', -330], ['0200', 120], ['+2500', null], ['+01:75', null], ['CET', null],
  ] as const)('parses zona %s', (z, v) => {
    expect(parseZona(z)).toBe(v);
  });
});

describe('identificativo (D11)', () => {
  it('allocates [A-Za-z0-9.-] local parts in the provider domain, unique per random draw', () => {
    const random = seededRandom('id');
    const a = allocateIdentificativo({ now: Date.UTC(2025, 2, 10, 9, 15, 4), random, dominio: 'PEC.Example.test' });
    const b = allocateIdentificativo({ now: Date.UTC(2025, 2, 10, 9, 15, 4), random, dominio: 'pec.example.test' });
    expect(a).toMatch(new RegExp(`^opec\\.20250310091504\\.[0-9a-f]{${IDENTIFICATIVO_RANDOM_BYTES * 2}}@pec\\.example\\.test$`));
    expect(a).not.toBe(b);
    expect(isIdentificativo(a)).toBe(true);
  });

  it.each(['', 'a..b', 'evil.test>\r\nBcc: x', '-x.test', 'x'.repeat(64) + '.test'])('refuses the domain %j', (dominio) => {
    expect(() => allocateIdentificativo({ now: 0, random: seededRandom(), dominio })).toThrow();
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => allocateIdentificativo({ now: 0, random: () => new Uint8Array(2), dominio: 'x.test' })).toThrow();
  });
});

describe('preavviso phase (D2)', () => {
  const d = (erroreEsteso: string | undefined, ora = '10:00:00'): Daticert => ({
    tipo: 'preavviso-errore-consegna', errore: 'nessuno', ricezione: [], identificativo: 'i@x', gestoreEmittente: 'G',
    intestazione: { mittente: 'a@x', destinatari: [{ address: 'b@y', tipo: 'certificato' }], risposte: '' },
    data: { zona: '+0100', giorno: '11/03/2025', ora }, ...(erroreEsteso ? { erroreEsteso } : {}),
  });
  const accepted = Date.UTC(2025, 2, 10, 10, 0, 0); // 11:00 +0100 on the 10th
  it.each([
    ['4.4.1 code', d('4.4.1 - G - x'), undefined, '12h'],
    ['5.4.1 code', d('5.4.1 - G - x'), undefined, '24h'],
    ['no code, 23 h after acceptance', d(undefined), accepted, '24h'],
    ['no code, 12 h after acceptance', d(undefined, '00:00:00'), accepted, '12h'],
    ['no code, no acceptance time', d(undefined), undefined, null],
  ] as const)('%s', (_n, daticert, at, fase) => {
    expect(fasePreavviso(daticert, at)).toBe(fase);
  });
});

describe('human text', () => {
  const testo = { titolo: 'Ricevuta <b>', righe: ['oggetto "<script>alert(1)</script>"\0', { elenco: ['a@x.test ("posta certificata")'] }] };
  it('escapes every value in the HTML and references nothing external (RFC 6109 §4.3.1)', () => {
    const html = renderHtml(testo);
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml('<script>'));
    expect(html).not.toMatch(/<(img|link|style|script|iframe)|src=|href=|url\(/i);
    expect(html).not.toContain('\0');
  });
  it('carries the same information in the plain text', () => {
    const plain = renderPlain(testo);
    expect(plain).toContain('oggetto "<script>alert(1)</script>"');
    expect(plain).toContain('a@x.test ("posta certificata")');
  });
});
