import { describe, expect, it } from 'bun:test';
import { findFolder, folderTree, listMatches, normalizeName, splitName } from '../../../../actors/protocol/imap/mailbox-names.ts';
import type { Folder } from '../../../../src/store/index.ts';

const folder = (id: number, name: string, parentId: number | null, specialUse: Folder['specialUse'] = null): Folder => ({
  id, mailboxId: 1, name, parentId, specialUse, uidvalidity: 1, uidnext: 1, highestModseq: 0, subscribed: true, createdAt: 0,
});

const TREE = folderTree([
  folder(1, 'Posta in arrivo', null, '\\Inbox'),
  folder(2, 'Posta inviata', null, '\\Sent'),
  folder(3, 'Fatture', 1),
  folder(4, 'Progetti', null),
  folder(5, '2026', 4),
]);

describe('folderTree', () => {
  it('names Posta in arrivo INBOX, nests with "/" and marks parents', () => {
    expect(TREE.map((f) => [f.name, f.hasChildren])).toEqual([
      ['INBOX', true],
      ['Posta inviata', false],
      ['INBOX/Fatture', false],
      ['Progetti', true],
      ['Progetti/2026', false],
    ]);
  });

  it('finds INBOX case-insensitively, also as the first level of a path', () => {
    expect(findFolder(TREE, 'inbox')?.folder.id).toBe(1);
    expect(findFolder(TREE, 'Inbox/Fatture')?.folder.id).toBe(3);
    expect(findFolder(TREE, 'progetti')).toBeUndefined(); // other names are case-sensitive
  });
});

describe('names and patterns', () => {
  const names: Array<[string, string]> = [
    ['inbox', 'INBOX'],
    ['INBOX/x/', 'INBOX/x'],
    ['Inboxes', 'Inboxes'],
  ];
  for (const [input, out] of names) it(`normalizes ${input} to ${out}`, () => expect(normalizeName(input)).toBe(out));

  it('splits a path into parent and leaf', () => {
    expect(splitName('a/b/c')).toEqual({ parent: 'a/b', leaf: 'c' });
    expect(splitName('a')).toEqual({ parent: null, leaf: 'a' });
  });

  const patterns: Array<[string, string, string, boolean]> = [
    ['', '*', 'Progetti/2026', true],
    ['', '%', 'Progetti/2026', false],
    ['', '%', 'Progetti', true],
    ['', 'Progetti/%', 'Progetti/2026', true],
    ['Progetti/', '%', 'Progetti/2026', true],
    ['', 'inbox/*', 'INBOX/Fatture', true],
    ['', 'P*6', 'Progetti/2026', true],
    ['', 'P%6', 'Progetti/2026', false],
    ['', '*'.repeat(200) + 'z', 'a'.repeat(200), false],
  ];
  for (const [ref, pat, name, want] of patterns) {
    it(`matches "${ref}" "${pat.slice(0, 20)}" against ${name.slice(0, 20)}: ${want}`, () => expect(listMatches(ref, pat, name)).toBe(want));
  }
});
