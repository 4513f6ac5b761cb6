// Wire tests of the selected state: SELECT/EXAMINE, FETCH (byte-exact), STORE, COPY/MOVE, APPEND, EXPUNGE, SEARCH.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFetchItems, encodeResponse } from '../../../src/protocol/imap/index.ts';
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

const FIXTURE = readFileSync(join(import.meta.dir, '../../fixtures/imap/messages/mixed-with-rfc822.eml'));

describe('SELECT and EXAMINE', () => {
  it('selects with the RFC 9051 §6.3.2 untagged data and READ-WRITE', async () => {
    const f = await folderWith(h, 2);
    const c = await loginRaw(h);
    const r = await c.cmd('s', `SELECT ${f.name}`);
    expect(r).toContain('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n');
    expect(r).toContain('* 2 EXISTS\r\n');
    expect(r).toContain('* 0 RECENT\r\n');
    expect(r).toContain('* OK [UNSEEN 1]');
    expect(r).toContain('* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]');
    expect(r).toContain(`* OK [UIDVALIDITY ${f.uidvalidity}]`);
    expect(r).toContain('* OK [UIDNEXT 3]');
    expect(r).toContain('* OK [HIGHESTMODSEQ ');
    expect(r).toContain('s OK [READ-WRITE]');
    c.close();
  });

  it('examines read-only: STORE and EXPUNGE are refused, FETCH BODY[] does not set \\Seen', async () => {
    const f = await folderWith(h, 1);
    const c = await loginRaw(h);
    expect(await c.cmd('e', `EXAMINE ${f.name}`)).toContain('e OK [READ-ONLY]');
    expect(await c.cmd('s', 'STORE 1 +FLAGS (\\Flagged)')).toContain('s NO');
    expect(await c.cmd('x', 'EXPUNGE')).toContain('x NO');
    const r = await c.cmd('f', 'FETCH 1 (BODY[])');
    expect(r).not.toContain('\\Seen');
    expect(h.provider.store.messages.getByUid(f.id, 1)!.flags).toEqual([]);
    c.close();
  });

  it('answers a missing folder with NO [NONEXISTENT] and leaves the session unselected', async () => {
    const c = await loginRaw(h);
    expect(await c.cmd('s', 'SELECT Nessuna')).toContain('s NO [NONEXISTENT]');
    expect(await c.cmd('f', 'FETCH 1 FLAGS')).toContain('f BAD');
    c.close();
  });
});

describe('FETCH', () => {
  it('returns BODY[] byte-exact, with BODYSTRUCTURE, ENVELOPE and partials', async () => {
    const f = await folderWith(h, 0);
    await deliver(h, FIXTURE, { folder: f.id });
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    const body = await c.cmd('f1', 'FETCH 1 (BODY.PEEK[])');
    expect(body).toContain(`* 1 FETCH (BODY[] {${FIXTURE.length}}\r\n${FIXTURE.toString('latin1')})\r\n`);
    const partial = await c.cmd('f2', 'UID FETCH 1 (BODY.PEEK[]<0.20>)');
    expect(partial).toContain(`* 1 FETCH (UID 1 BODY[]<0> {20}\r\n${FIXTURE.subarray(0, 20).toString('latin1')})`);
    const header = await c.cmd('f3', 'FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
    expect(header).toContain('BODY[HEADER.FIELDS (SUBJECT)] {49}\r\nSubject: =?UTF-8?Q?Ricevuta_di_accettazione?=\r\n\r\n)');
    const part = await c.cmd('f4', 'FETCH 1 (BODY.PEEK[1])');
    expect(part).toContain('BODY[1] {12}\r\nHello\r\nWorld)');
    const bs = await c.cmd('f5', 'FETCH 1 (BODYSTRUCTURE ENVELOPE RFC822.SIZE)');
    expect(bs).toContain('("text" "plain" ("charset" "UTF-8") NIL NIL "7bit" 12 2');
    expect(bs).toContain('"mixed"');
    expect(bs).toContain('ENVELOPE ("Tue, 14 May 2024 10:15:00 +0200" "=?UTF-8?Q?Ricevuta_di_accettazione?="');
    expect(bs).toContain(`RFC822.SIZE ${FIXTURE.length}`);
    // Byte-exact: the wire answer is the codec's (golden-tested in test/src/protocol/imap) for these very bytes.
    const atts = [{ kind: 'BODYSTRUCTURE', extensible: true }, { kind: 'ENVELOPE' }, { kind: 'RFC822.SIZE' }] as const;
    const built = buildFetchItems([...atts], { uid: 1, flags: [], internalDate: { ms: 0, tzOffsetMinutes: 0 }, size: FIXTURE.length, modseq: 1n, raw: () => new Uint8Array(FIXTURE) });
    if (built.kind !== 'ok') throw new Error('unexpected');
    const expected = Buffer.from(encodeResponse({ kind: 'fetch', seq: 1, items: built.items })).toString('latin1');
    expect(bs).toBe(`${expected}f5 OK FETCH completed\r\n`);
    expect(h.provider.store.messages.getByUid(f.id, 1)!.flags).toEqual([]);
    c.close();
  });

  it('sets \\Seen on BODY[] without PEEK and reports the new FLAGS in the same response', async () => {
    const f = await folderWith(h, 1);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    const r = await c.cmd('f', 'FETCH 1 (BODY[TEXT])');
    expect(r).toMatch(/\* 1 FETCH \(BODY\[TEXT\] \{\d+\}\r\nTesto del messaggio\.\r\n FLAGS \(\\Seen\)\)/);
    expect(h.provider.store.messages.getByUid(f.id, 1)!.flags).toEqual(['\\Seen']);
    c.close();
  });

  it('answers the flag sync UID FETCH 1:* (FLAGS MODSEQ) and CHANGEDSINCE byte-exact (RFC 7162 §3.1.4)', async () => {
    const f = await folderWith(h, 4);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    await c.cmd('a', 'STORE 2 +FLAGS.SILENT (\\Seen $Etichetta)');
    const rows = [1, 2, 3, 4].map((uid) => h.provider.store.messages.getByUid(f.id, uid)!);
    const line = (seq: number) => `* ${seq} FETCH (UID ${seq} FLAGS (${rows[seq - 1]!.flags.join(' ')}) MODSEQ (${rows[seq - 1]!.modseq}))\r\n`;
    expect(await c.cmd('b', 'UID FETCH 1:* (FLAGS MODSEQ)')).toBe(`${[1, 2, 3, 4].map(line).join('')}b OK FETCH completed\r\n`);
    expect(line(2)).toContain('FLAGS (\\Seen $Etichetta)');
    const since = rows[3]!.modseq;
    expect(await c.cmd('d', `UID FETCH 1:* (FLAGS) (CHANGEDSINCE ${since - 1})`)).toBe(`${[2, 4].filter((u) => rows[u - 1]!.modseq > since - 1).map(line).join('')}d OK FETCH completed\r\n`);
    c.close();
  });

  it('refuses sequence numbers beyond EXISTS with BAD and ignores unknown UIDs', async () => {
    const f = await folderWith(h, 2);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    expect(await c.cmd('a', 'FETCH 3 FLAGS')).toContain('a BAD');
    const r = await c.cmd('b', 'UID FETCH 2:99 FLAGS');
    expect(r).toBe('* 2 FETCH (UID 2 FLAGS ())\r\nb OK FETCH completed\r\n');
    c.close();
  });
});

describe('STORE, COPY, MOVE, EXPUNGE', () => {
  it('stores flags with +FLAGS, -FLAGS and .SILENT', async () => {
    const f = await folderWith(h, 3);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    expect(await c.cmd('a', 'STORE 1:2 +FLAGS (\\Flagged $Etichetta)')).toBe(
      '* 1 FETCH (FLAGS (\\Flagged $Etichetta))\r\n* 2 FETCH (FLAGS (\\Flagged $Etichetta))\r\na OK STORE completed\r\n',
    );
    expect(await c.cmd('b', 'UID STORE 2 -FLAGS (\\Flagged)')).toBe('* 2 FETCH (UID 2 FLAGS ($Etichetta))\r\nb OK STORE completed\r\n');
    expect(await c.cmd('c', 'STORE 3 +FLAGS.SILENT (\\Seen)')).toBe('c OK STORE completed\r\n');
    expect(h.provider.store.messages.getByUid(f.id, 3)!.flags).toEqual(['\\Seen']);
    c.close();
  });

  it('copies with COPYUID and moves with COPYUID then EXPUNGE', async () => {
    const src = await folderWith(h, 3);
    const dst = await folderWith(h, 1);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${src.name}`);
    expect(await c.cmd('c', `COPY 1:2 ${dst.name}`)).toContain(`c OK [COPYUID ${dst.uidvalidity} 1:2 2:3] COPY completed`);
    const mv = await c.cmd('m', `UID MOVE 2:3 ${dst.name}`);
    expect(mv).toBe(`* OK [COPYUID ${dst.uidvalidity} 2:3 4:5] Moved\r\n* 2 EXPUNGE\r\n* 2 EXPUNGE\r\nm OK MOVE completed\r\n`);
    expect(await c.cmd('t', 'COPY 1 Inesistente')).toContain('t NO [TRYCREATE]');
    expect(h.provider.store.messages.uids(dst.id)).toEqual([1, 2, 3, 4, 5]);
    expect(h.provider.store.messages.uids(src.id)).toEqual([1]);
    c.close();
  });

  it('expunges \\Deleted messages, and UID EXPUNGE only the named ones', async () => {
    const f = await folderWith(h, 4);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    await c.cmd('d', 'STORE 1:4 +FLAGS.SILENT (\\Deleted)');
    expect(await c.cmd('u', 'UID EXPUNGE 2:3')).toBe('* 2 EXPUNGE\r\n* 2 EXPUNGE\r\nu OK EXPUNGE completed\r\n');
    expect(await c.cmd('x', 'EXPUNGE')).toBe('* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nx OK EXPUNGE completed\r\n');
    expect(h.provider.store.messages.uids(f.id)).toEqual([]);
    c.close();
  });
});

describe('APPEND', () => {
  it('appends with APPENDUID, keeping flags and the internal date', async () => {
    const f = await folderWith(h, 0);
    const c = await loginRaw(h);
    const msg = sampleMessage('Bozza');
    c.write(`a APPEND ${f.name} (\\Draft) "15-Jan-2026 10:00:00 +0100" {${msg.length}}\r\n`);
    await c.until('+ ');
    c.write(`${msg}\r\n`);
    expect(await c.until('a ')).toContain(`a OK [APPENDUID ${f.uidvalidity} 1] APPEND completed`);
    const stored = h.provider.store.messages.getByUid(f.id, 1)!;
    expect(stored.flags).toEqual(['\\Draft']);
    expect(stored.subject).toBe('Bozza');
    expect(stored.internalDate).toBe(Date.UTC(2026, 0, 15, 9, 0, 0));
    expect(new TextDecoder().decode(await h.provider.store.blobs.get(stored.blobHash))).toBe(msg);
    c.close();
  });

  it('files a MULTIAPPEND in order, each message with its own stored blob and list columns (RFC 3502)', async () => {
    const f = await folderWith(h, 0);
    const c = await loginRaw(h);
    const msgs = ['Primo', 'Secondo', 'Terzo'].map((s) => sampleMessage(s));
    const r = await c.cmd('m', `APPEND ${f.name} ${msgs.map((m, i) => `(${i === 1 ? '\\Seen' : ''}) {${m.length}+}\r\n${m}`).join(' ')}`);
    expect(r).toContain(`m OK [APPENDUID ${f.uidvalidity} 1:3] APPEND completed`);
    for (const [i, m] of msgs.entries()) {
      const stored = h.provider.store.messages.getByUid(f.id, i + 1)!;
      expect(stored.subject).toBe(['Primo', 'Secondo', 'Terzo'][i]!);
      expect(stored.flags).toEqual(i === 1 ? ['\\Seen'] : []);
      expect(new TextDecoder().decode(await h.provider.store.blobs.get(stored.blobHash))).toBe(m);
    }
    c.close();
  });

  it('refuses a message over the quota with OVERQUOTA before the literal is sent (seed 000 §2.1)', async () => {
    const box = h.provider.store.mailboxes.byAddress(DEMO_USER)!;
    h.provider.store.mailboxes.setQuota(box.id, box.usedBytes + 1000);
    try {
      const c = await loginRaw(h);
      c.write(`a APPEND INBOX {5000}\r\n`);
      expect(await c.until('a ')).toContain('a NO [OVERQUOTA]');
      const small = sampleMessage('x', 'y'.repeat(1200));
      expect(await c.cmd('b', `APPEND INBOX {${small.length}+}\r\n${small}`)).toContain('b NO [OVERQUOTA]');
      expect(await c.cmd('n', 'NOOP')).toContain('n OK');
      c.close();
    } finally {
      h.provider.store.mailboxes.setQuota(box.id, box.quotaBytes);
    }
  });
});

describe('SEARCH', () => {
  it('finds by SUBJECT (full-text index), by flag, by UID, and answers ESEARCH with RETURN', async () => {
    const f = await folderWith(h, 5);
    const c = await loginRaw(h);
    await c.cmd('s', `SELECT ${f.name}`);
    await c.cmd('d', 'STORE 2 +FLAGS.SILENT (\\Flagged)');
    expect(await c.cmd('a', 'SEARCH SUBJECT "messaggio 3"')).toBe('* SEARCH 3\r\na OK SEARCH completed\r\n');
    expect(await c.cmd('b', 'UID SEARCH FLAGGED')).toBe('* SEARCH 2\r\nb OK SEARCH completed\r\n');
    expect(await c.cmd('c', 'SEARCH NOT SUBJECT messaggio')).toBe('* SEARCH\r\nc OK SEARCH completed\r\n');
    expect(await c.cmd('e', 'SEARCH RETURN (MIN MAX COUNT) UNFLAGGED')).toBe('* ESEARCH (TAG "e") MIN 1 MAX 5 COUNT 4\r\ne OK SEARCH completed\r\n');
    expect(await c.cmd('g', 'SEARCH BODY "testo del" FROM anna')).toBe('* SEARCH 1 2 3 4 5\r\ng OK SEARCH completed\r\n');
    c.close();
  });
});
