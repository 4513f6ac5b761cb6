import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { MAX_CONTACT_FIELD_LENGTH, MAX_GROUP_NAME_LENGTH } from '../../../src/store/addressbook-repo.ts';
import { LimitExceededError } from '../../../src/store/errors.ts';
import { matchFilters, MAX_FILTER_TERM_LENGTH, type MailFilter } from '../../../src/store/filter-repo.ts';
import { DEFAULT_PREFERENCES } from '../../../src/store/preferences-repo.ts';
import { webmailRepos, type WebmailRepos } from '../../../src/store/webmail-repos.ts';
import { fixture, hashOf, T0, type Fixture } from './helpers.ts';

let f: Fixture;
let r: WebmailRepos;
beforeEach(() => {
  f = fixture();
  r = webmailRepos(f.store);
});
afterEach(() => f.cleanup());

describe('AddressBookRepo', () => {
  it('stores contacts and groups per mailbox and expands membership', () => {
    const a = r.addressBook.createContact(f.mailboxId, { firstName: 'Anna', lastName: 'Bianchi', email: 'anna@pec.demo.test' }, T0);
    const g = r.addressBook.saveGroup(f.mailboxId, { name: 'Uffici', memberIds: [a.id, 9999] }, T0);
    expect(g.memberCount).toBe(1);
    expect(r.addressBook.groupByName(f.mailboxId, 'UFFICI')?.id).toBe(g.id);
    expect(r.addressBook.contacts(f.mailboxId, g.id).map((c) => c.email)).toEqual(['anna@pec.demo.test']);
    expect(r.addressBook.contact(f.mailboxId, a.id)!.groupIds).toEqual([g.id]);
    expect(r.addressBook.contact(f.mailboxId + 1, a.id)).toBeUndefined();
    expect(r.addressBook.suggest(f.mailboxId, 'bian', 5).contacts).toHaveLength(1);
  });

  it('refuses over-long fields and group names (named limits)', () => {
    expect(() => r.addressBook.createContact(f.mailboxId, { firstName: 'x'.repeat(MAX_CONTACT_FIELD_LENGTH + 1), lastName: '', email: 'a@b.it' }, T0)).toThrow(LimitExceededError);
    expect(() => r.addressBook.saveGroup(f.mailboxId, { name: 'g'.repeat(MAX_GROUP_NAME_LENGTH + 1) }, T0)).toThrow(LimitExceededError);
    expect(() => r.addressBook.createContact(f.mailboxId, { firstName: '', lastName: '', email: 'a@b.it, c@d.it' }, T0)).toThrow();
  });
});

describe('PreferencesRepo', () => {
  it('defaults to Italian and 2 columns, remembers each principal\'s choice, and refuses bad values', () => {
    expect(r.preferences.get(f.mailboxId, 'holder')).toEqual(DEFAULT_PREFERENCES);
    r.preferences.set(f.mailboxId, 'collab:ufficio', { layout: 3, lang: 'en' });
    expect(r.preferences.get(f.mailboxId, 'collab:ufficio')).toEqual({ lang: 'en', layout: 3 });
    expect(r.preferences.get(f.mailboxId, 'holder').layout).toBe(2);
    expect(() => r.preferences.set(f.mailboxId, 'holder', { layout: 4 as 3 })).toThrow();
    expect(() => r.preferences.get(f.mailboxId, "x' OR 1=1")).toThrow();
  });
});

describe('filters', () => {
  const base: MailFilter = { id: 1, mailboxId: 1, name: 'f', senderContains: null, subjectContains: null, pecKind: null, moveToFolderId: null, markRead: false };
  it.each([
    [{ senderContains: 'ENTE' }, { from: 'x@ente.it', subject: null, pecKind: null }, true],
    [{ subjectContains: 'gara' }, { from: null, subject: 'Avviso', pecKind: null }, false],
    [{ pecKind: 'accettazione', subjectContains: 'det' }, { from: null, subject: 'Determina', pecKind: 'accettazione' }, true],
    [{ pecKind: 'accettazione' }, { from: null, subject: 'x', pecKind: 'avvenuta-consegna' }, false],
  ] as const)('matches %o against %o: %p', (cond, msg, hit) => {
    expect(matchFilters([{ ...base, ...cond, moveToFolderId: 7 }], msg).moveToFolderId).toBe(hit ? 7 : null);
  });

  it('lets the first matching folder win and any match mark as read', () => {
    const out = matchFilters([{ ...base, senderContains: 'a', moveToFolderId: 3 }, { ...base, senderContains: 'a', moveToFolderId: 4, markRead: true }], { from: 'a@b.it', subject: null, pecKind: null });
    expect(out).toEqual({ moveToFolderId: 3, markRead: true });
  });

  it('requires a condition and an action, a folder of this mailbox, and bounded terms', () => {
    expect(() => r.filters.create(f.mailboxId, { name: 'x', markRead: true }, T0)).toThrow();
    expect(() => r.filters.create(f.mailboxId, { name: 'x', senderContains: 'a', markRead: false }, T0)).toThrow();
    expect(() => r.filters.create(f.mailboxId, { name: 'x', senderContains: 'a', moveToFolderId: 99_999, markRead: false }, T0)).toThrow();
    expect(() => r.filters.create(f.mailboxId, { name: 'x', senderContains: 'a'.repeat(MAX_FILTER_TERM_LENGTH + 1), markRead: true }, T0)).toThrow(LimitExceededError);
    const ok = r.filters.create(f.mailboxId, { name: 'x', senderContains: 'a', moveToFolderId: f.trash, markRead: false }, T0);
    expect(r.filters.list(f.mailboxId)).toEqual([ok]);
  });
});

describe('WebmailQueries', () => {
  it('counts totals and unread per folder and pages a phrase search newest first', () => {
    for (let i = 0; i < 5; i++) {
      f.store.messages.insertMessage(f.inbox, { internalDate: T0 + i, size: 10, blobHash: hashOf(`m${i}`), subject: `Gara ${i}`, flags: i < 2 ? ['\\Seen'] : [], bodyText: 'testo' });
    }
    expect(r.queries.folderCounts([f.inbox]).get(f.inbox)).toEqual({ total: 5, unread: 3 });
    const page = r.queries.search({ mailboxId: f.mailboxId, phrase: 'gara', column: 'subject' }, 0, 2);
    expect(page.total).toBe(5);
    expect(page.rows.map((m) => m.subject)).toEqual(['Gara 4', 'Gara 3']);
    expect(r.queries.search({ mailboxId: f.mailboxId, phrase: 'ga', column: 'all', since: T0 + 3 }, 0, 10).total).toBe(2);
    expect(r.queries.searchIds({ mailboxId: f.mailboxId, phrase: '"gara', column: 'subject' })).toHaveLength(0);
    expect(() => r.queries.search({ mailboxId: f.mailboxId, phrase: 'x'.repeat(2000), column: 'all' }, 0, 1)).toThrow(LimitExceededError);
  });
});
