import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { MAX_SEARCH_QUERY_LENGTH } from '../../../src/store/limits.ts';
import { fixture, msg, T0, type Fixture } from './helpers.ts';

let f: Fixture;
let ids: Record<string, number>;
beforeEach(() => {
  f = fixture();
  const m = f.store.messages;
  ids = {
    fattura: m.insertMessage(f.inbox, msg({ subject: 'Fattura n. 42 di gennaio', bodyText: 'Importo dovuto: 100% entro il 31' })).id,
    ricevuta: m.insertMessage(f.inbox, msg({ subject: 'ACCETTAZIONE: Fattura n. 42', fromAddr: 'posta-certificata@pec.demo.test', pecKind: 'accettazione' })).id,
    citta: m.insertMessage(f.sent, msg({ subject: 'Città di Perugia', toAddrs: ['ufficio_protocollo@comune.test'], ccAddrs: ['capo@comune.test'] })).id,
    quote: m.insertMessage(f.sent, msg({ subject: `L'ufficio "tecnico"`, bodyText: 'ok' })).id,
  };
});
afterEach(() => f.cleanup());

const found = (q: Parameters<Fixture['store']['messages']['search']>[1], folders?: number[]) =>
  f.store.messages.search(f.mailboxId, q, folders).map((h) => h.id).sort((a, b) => a - b);

describe('search', () => {
  it('finds words anywhere, case-insensitively, all words required', () => {
    expect(found('fattura')).toEqual([ids.fattura!, ids.ricevuta!].sort((a, b) => a - b));
    expect(found('FATTURA gennaio')).toEqual([ids.fattura!]);
    expect(found('importo')).toEqual([ids.fattura!]);
  });

  it('restricts to one field and to given folders', () => {
    expect(found({ from: 'posta-certificata' })).toEqual([ids.ricevuta!]);
    expect(found({ cc: 'capo@' })).toEqual([ids.citta!]);
    expect(found({ to: 'protocollo' })).toEqual([ids.citta!]);
    expect(found('fattura', [f.sent])).toEqual([]);
  });

  it('folds diacritics (citta finds Città)', () => {
    expect(found('citta')).toEqual([ids.citta!]);
  });

  it('matches terms shorter than three characters by substring', () => {
    expect(found({ subject: '42' })).toEqual([ids.fattura!, ids.ricevuta!].sort((a, b) => a - b));
    expect(found({ body: 'ok' })).toEqual([ids.quote!]);
  });

  it('treats %, _, quotes and FTS operators as literal text', () => {
    expect(found('100%')).toEqual([ids.fattura!]);
    expect(found('%')).toEqual([ids.fattura!]);
    expect(found('_')).toEqual([ids.citta!]);
    expect(found(`"tecnico"`)).toEqual([ids.quote!]);
    expect(found(`L'ufficio`)).toEqual([ids.quote!]);
    expect(found('fattura OR citta')).toEqual([]);
    expect(found('NEAR(fattura')).toEqual([]);
    expect(found('sub* ject:')).toEqual([]);
    expect(found('\u0000\u0000\u0000')).toEqual([]);
  });

  it('never returns another mailbox messages', () => {
    const other = f.store.mailboxes.create({ localPart: 'altro', domainId: 1, type: 'A' }, T0);
    const otherInbox = f.store.folders.bySpecialUse(other.id, '\\Inbox')!.id;
    f.store.messages.insertMessage(otherInbox, msg({ subject: 'Fattura segreta' }));
    expect(found('segreta')).toEqual([]);
  });

  it('forgets expunged messages and indexes copies', () => {
    f.store.messages.copyMessages([ids.citta!], f.inbox);
    expect(f.store.messages.search(f.mailboxId, 'perugia').map((h) => h.folderId).sort()).toEqual([f.inbox, f.sent].sort());
    f.store.messages.expunge(f.sent, [ids.citta!]);
    expect(f.store.messages.search(f.mailboxId, 'perugia').map((h) => h.folderId)).toEqual([f.inbox]);
  });

  it('rejects an empty query and one longer than MAX_SEARCH_QUERY_LENGTH', () => {
    expect(() => found('   ')).toThrow(InvalidValueError);
    expect(() => found('x'.repeat(MAX_SEARCH_QUERY_LENGTH + 1))).toThrow(LimitExceededError);
    expect(() => found({ subject: 'a', ...({ bogus: 'b' } as object) })).toThrow(InvalidValueError);
  });
});
