import { describe, expect, it } from 'bun:test';
import { en } from '../../../templates/i18n/en.ts';
import { catalogueKeys, parseLang, t, translator } from '../../../templates/i18n/index.ts';
import { it as itCat } from '../../../templates/i18n/it.ts';
import { formatBytes, formatDateTime } from '../../../templates/i18n/format.ts';
import { PEC_KINDS } from '../../../templates/webmail/props.ts';
import type { MessageKey } from '../../../templates/i18n/index.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('has the same keys in Italian and English', () => {
    expect(catalogueKeys('en').sort()).toEqual(catalogueKeys('it').sort());
  });

  it('has no empty translation', () => {
    for (const lang of ['it', 'en'] as const) for (const k of catalogueKeys(lang)) expect(t(lang, k).trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages for every key', () => {
    for (const k of catalogueKeys('it')) expect([k, placeholders(en[k])]).toEqual([k, placeholders(itCat[k])]);
  });

  it.each([
    ['folder.inbox', 'Posta in arrivo'],
    ['folder.sent', 'Posta inviata'],
    ['folder.drafts', 'Bozze'],
    ['folder.trash', 'Cestino'],
    ['toolbar.eml', 'Download in formato eml'],
    ['toolbar.duplicate', 'Crea un nuovo messaggio duplicando'],
    ['settings.inoltro', 'PEC - Inoltro Messaggi non Certificati'],
    ['notifica.current', 'Attuale Regola impostata'],
    ['inoltro.current', 'Indirizzo Attuale di Inoltro'],
    ['reset.next', 'AVANTI >>'],
  ] as const)('keeps the seed manual label %s = %s', (key, label) => {
    expect(t('it', key)).toBe(label);
  });

  it('has a label for every PEC message kind', () => {
    for (const k of PEC_KINDS) for (const lang of ['it', 'en'] as const) expect(catalogueKeys(lang)).toContain(`pec.${k}` as MessageKey);
  });

  it('interpolates named placeholders and leaves unknown ones visible', () => {
    expect(t('it', 'folder.unread', { n: 3 })).toBe('3 da leggere');
    expect(translator('en')('folder.unread')).toBe('{n} unread');
  });

  it.each([
    ['en', 'en'],
    ['it', 'it'],
    ['fr', 'it'],
    ['', 'it'],
    [null, 'it'],
    ['EN<script>', 'it'],
  ] as const)('narrows the language %p to %p', (input, lang) => {
    expect(parseLang(input)).toBe(lang);
  });
});

describe('display formatting', () => {
  it('shows PEC times in Italian civil time whatever the process zone', () => {
    // 2026-03-12T08:41:07Z is 09:41:07 in Rome (CET, +01:00).
    expect(formatDateTime(Date.UTC(2026, 2, 12, 8, 41, 7), 'it')).toBe('12/03/2026, 09:41:07');
    // Summer time: 2026-07-01T10:00:00Z is 12:00 in Rome (CEST, +02:00).
    expect(formatDateTime(Date.UTC(2026, 6, 1, 10, 0, 0), 'it')).toBe('01/07/2026, 12:00:00');
  });

  it.each([
    [0, 'it', '0 B'],
    [1023, 'it', '1023 B'],
    [1536, 'it', '1,5 KB'],
    [1536, 'en', '1.5 KB'],
    [50 * 1024 * 1024, 'it', '50 MB'],
    [3 * 1024 ** 3, 'it', '3 GB'],
    [-5, 'it', '0 B'],
  ] as const)('formats %p bytes in %p as %p', (bytes, lang, out) => {
    expect(formatBytes(bytes, lang)).toBe(out);
  });
});
