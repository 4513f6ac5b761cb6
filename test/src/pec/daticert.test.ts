import { describe, expect, it } from 'bun:test';
import { buildDaticert, parseDaticert } from '../../../src/pec/daticert.ts';
import { PecError } from '../../../src/pec/errors.ts';
import { ERRORI, TIPI_DATICERT, TIPI_RICEVUTA, type Daticert } from '../../../src/pec/types.ts';
import { MAX_DATICERT_BYTES } from '../../../src/pec/xml.ts';
import { validateDaticert } from '../../fixtures/pec/pec-fixtures.ts';

const BASE: Daticert = {
  tipo: 'avvenuta-consegna',
  errore: 'nessuno',
  intestazione: {
    mittente: 'mario.rossi@pec.example.test',
    destinatari: [
      { address: 'anna.bianchi@pec2.example.test', tipo: 'certificato' },
      { address: 'giulia@example.com', tipo: 'esterno' },
    ],
    risposte: 'mario.rossi@pec.example.test',
    oggetto: 'Contratto',
  },
  gestoreEmittente: 'Gestore Esempio S.p.A.',
  data: { zona: '+0100', giorno: '10/03/2025', ora: '10:15:02' },
  identificativo: 'opec.1@pec.example.test',
  msgid: '<20250310101455.4f2a@client.example.test>',
  ricevuta: 'completa',
  consegna: 'anna.bianchi@pec2.example.test',
  ricezione: [],
};

const HOSTILE = 'a <script>alert(1)</script> ]]> & "q" \'s\' \0NUL\x07 =?utf-8?B?w6g=?= è €';

describe('buildDaticert / parseDaticert', () => {
  const variants: Array<[string, Daticert]> = [
    ...TIPI_DATICERT.map((tipo): [string, Daticert] => [`tipo ${tipo}`, { ...BASE, tipo }]),
    ...ERRORI.map((errore): [string, Daticert] => [`errore ${errore}`, { ...BASE, errore, erroreEsteso: '5.1.1 - G - x' }]),
    ...TIPI_RICEVUTA.map((ricevuta): [string, Daticert] => [`ricevuta ${ricevuta}`, { ...BASE, ricevuta }]),
    ['presa in carico with two ricezione, no consegna/ricevuta/msgid/oggetto', (() => {
      const { consegna: _c, ricevuta: _r, msgid: _m, ...rest } = BASE;
      return { ...rest, tipo: 'presa-in-carico', ricezione: ['a@x.test', 'b@x.test'], intestazione: { ...BASE.intestazione, oggetto: undefined } } as Daticert;
    })()],
    ['negative zona', { ...BASE, data: { ...BASE.data, zona: '-0530' } }],
    ['empty risposte', { ...BASE, intestazione: { ...BASE.intestazione, risposte: '' } }],
  ];
  for (const [name, d] of variants) {
    it(`round-trips and validates against the DTD: ${name}`, async () => {
      const clean = JSON.parse(JSON.stringify(d)) as Daticert;
      const xml = buildDaticert(clean);
      expect(parseDaticert(xml)).toEqual(clean);
      const v = await validateDaticert(xml);
      expect(v.stderr).toBe('');
    });
  }

  it('escapes hostile text (<script>, ]]>, quotes), drops NUL and controls, keeps 2047 words literal', async () => {
    const d: Daticert = { ...BASE, intestazione: { ...BASE.intestazione, oggetto: HOSTILE }, erroreEsteso: HOSTILE };
    const xml = buildDaticert(d);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toContain('\0');
    expect(xml).toContain('&lt;script&gt;');
    const back = parseDaticert(xml);
    const expected = HOSTILE.replace(/[\0\x07]/g, '');
    expect(back.intestazione.oggetto).toBe(expected);
    expect(back.erroreEsteso).toBe(expected);
    expect((await validateDaticert(xml)).ok).toBe(true);
  });

  it('parses leniently: CRLF, <risposte/>, self-closed ricevuta with space, unknown elements, comments, CDATA', () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- provider comment -->',
      '<postacert tipo="errore-consegna" errore="altro">',
      '<intestazione><mittente> a@x.test </mittente><destinatari>b@y.test</destinatari><risposte/>extra</intestazione>',
      '<dati><gestore-emittente>G</gestore-emittente><data zona="+01:00"><giorno>1/2/2025</giorno><ora>09:05:01</ora></data>',
      '<identificativo>id@x.test</identificativo><ricevuta tipo="breve" /><consegna>b@y.test</consegna>',
      '<x-vendor>ignored</x-vendor><errore-esteso><![CDATA[5.1.1 - G - <no>]]></errore-esteso></dati></postacert>',
    ].join('\r\n');
    const d = parseDaticert(xml);
    expect(d.intestazione).toEqual({ mittente: 'a@x.test', destinatari: [{ address: 'b@y.test', tipo: 'certificato' }], risposte: '' });
    expect(d.data.zona).toBe('+01:00');
    expect(d.ricevuta).toBe('breve');
    expect(d.erroreEsteso).toBe('5.1.1 - G - <no>');
  });

  it('reads the recipient of an old-style rilevazione virus from <ricezione> (SPEC §10 #8)', () => {
    const xml = buildDaticert({ ...BASE, tipo: 'rilevazione-virus', errore: 'virus', consegna: undefined, ricevuta: undefined, ricezione: ['r@x.test'] } as Daticert);
    expect(parseDaticert(xml).consegna).toBe('r@x.test');
  });

  it('does not expand DTD entities (no XXE / billion laughs)', () => {
    const xml = '<!DOCTYPE postacert [<!ENTITY e SYSTEM "file:///etc/passwd">]><postacert tipo="accettazione"><intestazione><mittente>&e;</mittente></intestazione><dati><data zona="+0100"><giorno>1/1/2025</giorno><ora>00:00:00</ora></data><identificativo>i@x</identificativo></dati></postacert>';
    expect(parseDaticert(xml).intestazione.mittente).toBe('&e;');
  });

  it.each([
    ['wrong root', '<daticert tipo="accettazione"/>'],
    ['unknown tipo', '<postacert tipo="mancata-consegna"><dati><identificativo>i</identificativo><data zona="+0100"/></dati></postacert>'],
    ['no identificativo', '<postacert tipo="accettazione"><dati><data zona="+0100"/></dati></postacert>'],
    ['broken nesting', '<postacert tipo="accettazione"><dati></postacert>'],
    ['not XML', 'hello'],
  ])('refuses %s with a typed PecError', (_n, xml) => {
    expect(() => parseDaticert(xml)).toThrow(PecError);
  });

  it(`refuses a daticert above MAX_DATICERT_BYTES (${MAX_DATICERT_BYTES})`, () => {
    const xml = '<postacert tipo="accettazione">' + ' '.repeat(MAX_DATICERT_BYTES) + '</postacert>';
    try {
      parseDaticert(xml);
      throw new Error('expected PecError');
    } catch (e) {
      expect((e as PecError).code).toBe('daticert-too-large');
    }
  });

  it('refuses to build a daticert without destinatari (DTD destinatari+)', () => {
    expect(() => buildDaticert({ ...BASE, intestazione: { ...BASE.intestazione, destinatari: [] } })).toThrow(PecError);
  });
});
