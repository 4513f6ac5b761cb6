import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { ConflictError, InvalidValueError, LimitExceededError, SpecialFolderError } from '../../../src/store/errors.ts';
import { STANDARD_FOLDERS } from '../../../src/store/folder-repo.ts';
import { MAX_FOLDER_NAME_LENGTH } from '../../../src/store/limits.ts';
import { fixture, msg, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('FolderRepo', () => {
  it('creates the four standard folders with their special use for a new mailbox', () => {
    const list = f.store.folders.list(f.mailboxId);
    expect(list.map((x) => [x.name, x.specialUse])).toEqual(STANDARD_FOLDERS.map((s) => [s.name, s.specialUse]));
    expect(new Set(list.map((x) => x.uidvalidity)).size).toBe(4);
  });

  it('creates nested folders, unique per parent, and builds their path', () => {
    const fr = f.store.folders;
    const clienti = fr.create(f.mailboxId, 'Clienti', null, T0);
    const rossi = fr.create(f.mailboxId, 'Rossi', clienti.id, T0);
    fr.create(f.mailboxId, 'Rossi', null, T0); // same name, other parent: allowed
    expect(() => fr.create(f.mailboxId, 'Rossi', clienti.id, T0)).toThrow(ConflictError);
    expect(() => fr.create(f.mailboxId, 'Clienti', null, T0)).toThrow(ConflictError);
    expect(fr.path(rossi.id)).toBe('Clienti/Rossi');
    expect(fr.children(clienti.id).map((c) => c.id)).toEqual([rossi.id]);
  });

  it('gives a re-created folder a new UIDVALIDITY even within the same second', () => {
    const fr = f.store.folders;
    const a = fr.create(f.mailboxId, 'Temp', null, T0);
    fr.delete(a.id);
    const b = fr.create(f.mailboxId, 'Temp', null, T0);
    expect(b.uidvalidity).toBeGreaterThan(a.uidvalidity);
  });

  it('rejects the delimiter, control characters, blank names and names over MAX_FOLDER_NAME_LENGTH', () => {
    const fr = f.store.folders;
    expect(() => fr.create(f.mailboxId, 'a/b', null, T0)).toThrow(InvalidValueError);
    expect(() => fr.create(f.mailboxId, 'a\u0000b', null, T0)).toThrow(InvalidValueError);
    expect(() => fr.create(f.mailboxId, '   ', null, T0)).toThrow(InvalidValueError);
    expect(() => fr.create(f.mailboxId, 'x'.repeat(10_240), null, T0)).toThrow(LimitExceededError);
    expect(fr.create(f.mailboxId, 'x'.repeat(MAX_FOLDER_NAME_LENGTH), null, T0).name).toHaveLength(MAX_FOLDER_NAME_LENGTH);
  });

  it('stores hostile but legal names verbatim', () => {
    const name = `Robert'); DROP TABLE folders;-- 100% _x_ "q"`;
    const id = f.store.folders.create(f.mailboxId, name, null, T0).id;
    expect(f.store.folders.byName(f.mailboxId, null, name)?.id).toBe(id);
    expect(f.store.folders.list(f.mailboxId)).toHaveLength(5);
  });

  it('renames and moves a user folder but refuses a loop, a clash and special-use folders', () => {
    const fr = f.store.folders;
    const a = fr.create(f.mailboxId, 'A', null, T0);
    const b = fr.create(f.mailboxId, 'B', a.id, T0);
    fr.create(f.mailboxId, 'C', null, T0);
    expect(fr.rename(a.id, 'A2').name).toBe('A2');
    expect(() => fr.rename(a.id, 'A3', b.id)).toThrow(InvalidValueError);
    expect(() => fr.rename(a.id, 'C')).toThrow(ConflictError);
    expect(fr.rename(b.id, 'B', null).parentId).toBeNull();
    expect(() => fr.rename(f.inbox, 'Altro')).toThrow(SpecialFolderError);
  });

  it('deletes a folder with its subtree and messages, releasing quota and blobs', () => {
    const fr = f.store.folders;
    const a = fr.create(f.mailboxId, 'A', null, T0);
    const b = fr.create(f.mailboxId, 'B', a.id, T0);
    f.store.messages.insertMessage(a.id, msg({ size: 10 }));
    const inB = f.store.messages.insertMessage(b.id, msg({ size: 20 }));
    const r = fr.delete(a.id);
    expect(r.folderIds).toEqual([a.id, b.id]);
    expect(r.messagesRemoved).toBe(2);
    expect(r.releasedBlobs).toHaveLength(2);
    expect(fr.byId(b.id)).toBeUndefined();
    expect(f.store.messages.getById(inB.id)).toBeUndefined();
    expect(f.store.mailboxes.require(f.mailboxId).usedBytes).toBe(0);
  });

  it('refuses to delete a special-use folder', () => {
    expect(() => f.store.folders.delete(f.trash)).toThrow(SpecialFolderError);
  });

  it('keeps the subscription flag', () => {
    f.store.folders.setSubscribed(f.sent, false);
    f.reopen();
    expect(f.store.folders.require(f.sent).subscribed).toBe(false);
  });
});
