// Wire tests of folders (CREATE/RENAME/DELETE/LIST/STATUS/QUOTA), CONDSTORE/QRESYNC and change notification (IDLE).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import type { Folder } from '../../../src/store/index.ts';
import { DEMO_PASS, DEMO_USER, deliver, folderWith, loginRaw, sampleMessage, startHarness, HARNESS_TIMEOUT_MS, type Harness } from './harness.ts';
import { RawClient } from './raw-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, HARNESS_TIMEOUT_MS);
afterAll(async () => {
  await h.stop();
}, HARNESS_TIMEOUT_MS);

describe('folders', () => {
  it('lists the casella folders with SPECIAL-USE attributes and INBOX for Posta in arrivo', async () => {
    const c = await loginRaw(h);
    const r = await c.cmd('a', 'LIST "" "%"');
    expect(r).toContain('* LIST (\\HasNoChildren) "/" "INBOX"\r\n');
    expect(r).toContain('* LIST (\\HasNoChildren \\Sent) "/" "Posta inviata"\r\n');
    expect(r).toContain('* LIST (\\HasNoChildren \\Drafts) "/" "Bozze"\r\n');
    expect(r).toContain('* LIST (\\HasNoChildren \\Trash) "/" "Cestino"\r\n');
    const special = await c.cmd('b', 'LIST (SPECIAL-USE) "" "*"');
    expect(special.match(/^\* LIST/gm)?.length).toBe(3);
    expect(await c.cmd('d', 'LIST "" ""')).toContain('* LIST (\\Noselect) "/" ""\r\n');
    c.close();
  });

  it('creates nested folders, renames and deletes them, refusing the standard ones', async () => {
    const c = await loginRaw(h);
    expect(await c.cmd('a', 'CREATE Progetti/2026/Gennaio')).toContain('a OK');
    expect(await c.cmd('b', 'LIST "" Progetti/*')).toBe(
      '* LIST (\\HasChildren) "/" "Progetti/2026"\r\n* LIST (\\HasNoChildren) "/" "Progetti/2026/Gennaio"\r\nb OK LIST completed\r\n',
    );
    expect(await c.cmd('c', 'CREATE Progetti')).toContain('c NO [ALREADYEXISTS]');
    expect(await c.cmd('d', 'RENAME Progetti/2026 Archivio')).toContain('d OK');
    expect(await c.cmd('e', 'LIST "" "Archivio*"')).toContain('"/" "Archivio/Gennaio"');
    expect(await c.cmd('f', 'DELETE Archivio')).toContain('f NO [HASCHILDREN]');
    expect(await c.cmd('g', 'DELETE Archivio/Gennaio')).toContain('g OK');
    expect(await c.cmd('h', 'DELETE Cestino')).toContain('h NO [CANNOT]');
    expect(await c.cmd('i', 'RENAME INBOX Altro')).toContain('i NO [CANNOT]');
    expect(await c.cmd('j', 'CREATE INBOX/Fatture')).toContain('j OK');
    expect(await c.cmd('k', 'LIST "" "inbox/*"')).toContain('"/" "INBOX/Fatture"');
    expect(await c.cmd('m', 'CREATE Spam (USE (\\Junk))')).toContain('m NO [USEATTR]');
    // RFC 3501 §5.1.3 modified UTF-7 on the wire, Unicode in the casella (the webmail shows "Città").
    expect(await c.cmd('n', 'CREATE Citt&AOA-')).toContain('n OK');
    expect(h.provider.store.folders.list(1).some((f) => f.name === 'Città')).toBe(true);
    expect(await c.cmd('o', 'LIST "" Citt*')).toContain('"/" "Citt&AOA-"');
    await c.cmd('p', 'ENABLE UTF8=ACCEPT');
    const utf8 = (t: string) => Buffer.from(t).toString('latin1'); // RawClient reads bytes as latin1
    expect(await c.cmd('q', 'LIST "" Citt*')).toContain(utf8('"/" "Città"'));
    c.write(Buffer.from('r CREATE "Perché"\r\n'));
    expect(await c.until('r ')).toContain('r OK');
    expect(h.provider.store.folders.list(1).some((f) => f.name === 'Perché')).toBe(true);
    c.close();
  });

  it('answers STATUS, LIST-STATUS and the casella quota in KB', async () => {
    const f = await folderWith(h, 2, 'Sync');
    const c = await loginRaw(h);
    const st = await c.cmd('a', `STATUS ${f.name} (MESSAGES UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE HIGHESTMODSEQ)`);
    const size = h.provider.store.messages.folderStatus(f.id).size;
    expect(st).toContain(`* STATUS "${f.name}" (MESSAGES 2 UIDNEXT 3 UIDVALIDITY ${f.uidvalidity} UNSEEN 2 DELETED 0 SIZE ${size} HIGHESTMODSEQ `);
    expect(await c.cmd('b', `LIST "" ${f.name} RETURN (STATUS (MESSAGES))`)).toContain(`* STATUS "${f.name}" (MESSAGES 2)`);
    const box = h.provider.store.mailboxes.byAddress(DEMO_USER)!;
    const q = await c.cmd('c', 'GETQUOTAROOT INBOX');
    expect(q).toContain('* QUOTAROOT "INBOX" ""\r\n');
    expect(q).toContain(`* QUOTA "" (STORAGE ${Math.ceil(box.usedBytes / 1024)} ${Math.floor(box.quotaBytes / 1024)})\r\n`);
    expect(await c.cmd('d', 'GETQUOTA "altro"')).toContain('d NO');
    c.close();
  });
});

describe('subscriptions and leaving a folder', () => {
  it('unsubscribes and subscribes, as LSUB and LIST (SUBSCRIBED) show', async () => {
    const f = await folderWith(h, 0, 'Sync');
    const c = await loginRaw(h);
    expect(await c.cmd('a', `UNSUBSCRIBE ${f.name}`)).toContain('a OK');
    expect(await c.cmd('b', `LSUB "" ${f.name}`)).toBe('b OK LSUB completed\r\n');
    expect(await c.cmd('c', `SUBSCRIBE ${f.name}`)).toContain('c OK');
    expect(await c.cmd('d', `LSUB "" ${f.name}`)).toContain(`* LSUB (\\HasNoChildren) "/" "${f.name}"`);
    expect(await c.cmd('e', `LIST (SUBSCRIBED) "" ${f.name}`)).toContain('(\\HasNoChildren \\Subscribed)');
    expect(await c.cmd('g', 'SUBSCRIBE Nessuna')).toContain('g NO [NONEXISTENT]');
    c.close();
  });

  it('CLOSE expunges silently, UNSELECT does not', async () => {
    const f = await folderWith(h, 2, 'Sync');
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    await c.cmd('d', 'STORE 1:2 +FLAGS.SILENT (\\Deleted)');
    expect(await c.cmd('u', 'UNSELECT')).toBe('u OK UNSELECT completed\r\n');
    expect(h.provider.store.messages.uids(f.id)).toEqual([1, 2]);
    await c.cmd('s2', `SELECT ${f.name}`);
    expect(await c.cmd('x', 'CLOSE')).toBe('x OK CLOSE completed\r\n');
    expect(h.provider.store.messages.uids(f.id)).toEqual([]);
    expect(await c.cmd('y', 'FETCH 1 FLAGS')).toContain('y BAD');
    c.close();
  });
});

describe('CONDSTORE and QRESYNC', () => {
  it('fetches CHANGEDSINCE and refuses a stale UNCHANGEDSINCE with MODIFIED', async () => {
    const f = await folderWith(h, 3, 'Sync');
    const c = await loginRaw(h);
    const sel = await c.cmd('s', `SELECT ${f.name} (CONDSTORE)`);
    const highest = Number(/HIGHESTMODSEQ (\d+)/.exec(sel)![1]);
    const st = await c.cmd('a', 'STORE 2 +FLAGS (\\Flagged)');
    const m2 = Number(/MODSEQ \((\d+)\)/.exec(st)![1]);
    expect(m2).toBeGreaterThan(highest);
    expect(await c.cmd('b', `FETCH 1:* (FLAGS) (CHANGEDSINCE ${highest})`)).toBe(`* 2 FETCH (FLAGS (\\Flagged) MODSEQ (${m2}))\r\nb OK FETCH completed\r\n`);
    const cond = await c.cmd('c', `STORE 1:2 (UNCHANGEDSINCE ${highest}) +FLAGS (\\Seen)`);
    expect(cond).toContain('c OK [MODIFIED 2]');
    expect(cond).toMatch(/\* 1 FETCH \(FLAGS \(\\Seen\) MODSEQ \(\d+\)\)/);
    expect(await c.cmd('d', `SEARCH MODSEQ ${m2}`)).toMatch(/\* SEARCH 1 2 \(MODSEQ \d+\)\r\n/);
    c.close();
  });

  it('resynchronises with SELECT (QRESYNC): VANISHED (EARLIER) and changed flags', async () => {
    const f = await folderWith(h, 3, 'Sync');
    const a = await loginRaw(h);
    const sel = await a.cmd('s', `SELECT ${f.name}`);
    const highest = /HIGHESTMODSEQ (\d+)/.exec(sel)![1];
    await a.cmd('d', 'STORE 1 +FLAGS.SILENT (\\Deleted)');
    await a.cmd('x', 'EXPUNGE');
    await a.cmd('f', 'UID STORE 2 +FLAGS.SILENT (\\Answered)');
    a.close();
    const b = await loginRaw(h);
    expect(await b.cmd('e', 'ENABLE QRESYNC')).toContain('* ENABLED QRESYNC');
    const r = await b.cmd('q', `SELECT ${f.name} (QRESYNC (${f.uidvalidity} ${highest} 1:3))`);
    expect(r).toContain('* VANISHED (EARLIER) 1\r\n');
    expect(r).toMatch(/\* 1 FETCH \(UID 2 FLAGS \(\\Answered\) MODSEQ \(\d+\)\)/);
    b.close();
  });
});

describe('changes made elsewhere', () => {
  it('reports a delivery and another session’s flag change immediately during IDLE', async () => {
    const f = await folderWith(h, 1, 'Sync');
    const watcher = await loginRaw(h);
    await watcher.cmd('s', `SELECT ${f.name}`);
    watcher.write('i IDLE\r\n');
    await watcher.until('+ idling');
    await deliver(h, sampleMessage('Nuova PEC'), { folder: f.id });
    expect(await watcher.until('* 2 EXISTS')).toContain('* 2 EXISTS');
    const other = await loginRaw(h);
    await other.cmd('s', `SELECT ${f.name}`);
    await other.cmd('f', 'STORE 1 +FLAGS.SILENT (\\Flagged)');
    expect(await watcher.until('FETCH')).toContain('* 1 FETCH (UID 1 FLAGS (\\Flagged))');
    await other.cmd('d', 'STORE 2 +FLAGS.SILENT (\\Deleted)');
    await other.cmd('x', 'EXPUNGE');
    expect(await watcher.until('EXPUNGE')).toContain('* 2 EXPUNGE');
    watcher.write('DONE\r\n');
    expect(await watcher.until('i OK')).toContain('i OK IDLE terminated');
    other.close();
    watcher.close();
  });

  it('holds EXPUNGE back during FETCH by number and reports it at the next allowed command', async () => {
    const f = await folderWith(h, 2, 'Sync');
    const a = await loginRaw(h);
    await a.cmd('s', `SELECT ${f.name}`);
    const b = await loginRaw(h);
    await b.cmd('s', `SELECT ${f.name}`);
    await b.cmd('d', 'STORE 1 +FLAGS.SILENT (\\Deleted)');
    await b.cmd('x', 'EXPUNGE');
    const fetched = await a.cmd('f', 'FETCH 1:2 (UID)');
    expect(fetched).not.toContain('EXPUNGE');
    expect(await a.cmd('n', 'NOOP')).toBe('* 1 EXPUNGE\r\nn OK NOOP completed\r\n');
    expect(await a.cmd('g', 'FETCH 1 (UID)')).toBe('* 1 FETCH (UID 2)\r\ng OK FETCH completed\r\n');
    a.close();
    b.close();
  });
});
