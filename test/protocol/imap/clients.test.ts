// Real clients against the IMAP server: imapflow (npm), Python imaplib, curl; and the solo-consultazione profile.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { hashPassword } from '../../../src/auth/hash.ts';
import type { Folder } from '../../../src/store/index.ts';
import { DEMO_PASS, DEMO_USER, deliver, python, sampleMessage, startHarness, HARNESS_TIMEOUT_MS, type Harness } from './harness.ts';
import { RawClient } from './raw-client.ts';

let h: Harness;
let folder: Folder;
beforeAll(async () => {
  h = await startHarness();
  folder = await h.provider.system.ask<Folder>(`mailbox:${DEMO_USER}`, { type: 'create-folder', name: 'Clienti', parentId: null }, 5000);
  for (let i = 1; i <= 3; i++) await deliver(h, sampleMessage(`Cliente ${i}`), { folder: folder.id });
}, HARNESS_TIMEOUT_MS);
afterAll(async () => {
  await h.stop();
}, HARNESS_TIMEOUT_MS);

function flow(): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1',
    port: h.imap.ports.imaps,
    secure: true,
    tls: { ca: readFileSync(h.caPath), servername: 'localhost' },
    auth: { user: DEMO_USER, pass: DEMO_PASS },
    logger: false,
  });
}

describe('imapflow', () => {
  it('lists, fetches, flags, appends, moves and sees a delivery during IDLE', async () => {
    const client = flow();
    await client.connect();
    const list = await client.list();
    expect(list.find((m) => m.specialUse === '\\Sent')?.path).toBe('Posta inviata');
    expect(list.find((m) => m.path === 'INBOX')).toBeDefined();
    const lock = await client.getMailboxLock('Clienti');
    try {
      const subjects: string[] = [];
      for await (const m of client.fetch('1:*', { envelope: true, uid: true, flags: true })) subjects.push(m.envelope?.subject ?? '');
      expect(subjects).toEqual(['Cliente 1', 'Cliente 2', 'Cliente 3']);
      const one = await client.fetchOne('1', { source: true });
      expect(one && new TextDecoder().decode(one.source)).toBe(sampleMessage('Cliente 1'));
      expect(await client.messageFlagsAdd('2', ['\\Flagged'])).toBe(true);
      expect(h.provider.store.messages.getByUid(folder.id, 2)!.flags).toContain('\\Flagged');
      const appended = await client.append('Clienti', sampleMessage('Da imapflow'), ['\\Seen']);
      expect(appended && appended.uid).toBe(4);
      const moved = await client.messageMove('1', 'Cestino');
      expect(moved && moved.uidMap?.size).toBe(1);
      const exists = new Promise<number>((resolve) => client.on('exists', (d: { count: number }) => resolve(d.count)));
      void client.idle();
      await Bun.sleep(50);
      await deliver(h, sampleMessage('Arrivata in IDLE'), { folder: folder.id });
      expect(await exists).toBe(4);
      const q = await client.getQuota('INBOX');
      expect(q && q.storage?.limit).toBeGreaterThan(0);
    } finally {
      lock.release();
    }
    await client.logout();
  }, HARNESS_TIMEOUT_MS);
});

describe('curl', () => {
  it('reads a message over imaps with --cacert', async () => {
    const url = `imaps://127.0.0.1:${h.imap.ports.imaps}/Clienti;UID=3`;
    const p = Bun.spawn(['curl', '-s', '--cacert', h.caPath, '--connect-to', `localhost::127.0.0.1:${h.imap.ports.imaps}`, url, '-u', `${DEMO_USER}:${DEMO_PASS}`], { stdout: 'pipe', stderr: 'pipe' });
    const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    expect(code).toBe(0);
    expect(out).toBe(sampleMessage('Cliente 3'));
  });

  it('lists INBOX over imaps', async () => {
    const p = Bun.spawn(['curl', '-s', '--cacert', h.caPath, `imaps://127.0.0.1:${h.imap.ports.imaps}/`, '-u', `${DEMO_USER}:${DEMO_PASS}`], { stdout: 'pipe' });
    const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
    expect(code).toBe(0);
    expect(out).toContain('"INBOX"');
  });
});

describe('Python imaplib', () => {
  it('runs a session over STARTTLS: select, search, fetch, store, copy, expunge', async () => {
    const r = await python(
      `
import imaplib, ssl, os
ctx = ssl.create_default_context(cafile=os.environ['CA'])
m = imaplib.IMAP4('127.0.0.1', int(os.environ['PORT']))
m.starttls(ssl_context=ctx)
m.login(os.environ['U'], os.environ['P'])
print(m.select('Clienti')[0])
typ, data = m.uid('SEARCH', None, 'SUBJECT', '"Cliente 3"')
print(data[0].decode())
typ, data = m.uid('FETCH', data[0], '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
print(data[0][1].decode().strip())
print(m.uid('STORE', '3', '+FLAGS', '(\\\\Deleted)')[0])
print(m.copy('1', 'Bozze')[0])
print(m.expunge()[1])
m.logout()
`,
      { CA: h.caPath, PORT: String(h.imap.ports.imap), U: DEMO_USER, P: DEMO_PASS },
    );
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter(Boolean)).toEqual(['OK', '3', 'Subject: Cliente 3', 'OK', 'OK', "[b'2']"]);
  }, HARNESS_TIMEOUT_MS);
});

describe('solo consultazione (seed 000 §2.7.8)', () => {
  it('reads and sets \\Seen but cannot delete, expunge, move, append or manage folders', async () => {
    const box = h.provider.store.mailboxes.byAddress(DEMO_USER)!;
    const now = h.provider.clock.now();
    const col = h.provider.store.principals.createCollaborator({ mailboxId: box.id, username: 'lettore', profile: 'solo-consultazione' }, now);
    h.provider.store.principals.setCollaboratorPassword(col.id, await hashPassword(DEMO_PASS), now);
    await deliver(h, sampleMessage('Per il lettore'));
    const c = await RawClient.connect(h.imap.ports.imaps, { tls: true, caPath: h.caPath });
    await c.until('* OK');
    expect(await c.cmd('l', `LOGIN lettore/${DEMO_USER} "${DEMO_PASS}"`)).toContain('l OK');
    const sel = await c.cmd('s', 'SELECT INBOX');
    expect(sel).toContain('[PERMANENTFLAGS (\\Answered \\Flagged \\Seen \\Draft \\*)]');
    expect(await c.cmd('a', 'STORE 1:* +FLAGS (\\Seen)')).toContain('a OK');
    expect(await c.cmd('b', 'STORE 1 +FLAGS (\\Deleted)')).toContain('b NO [NOPERM]');
    expect(await c.cmd('c', 'EXPUNGE')).toContain('c NO [NOPERM]');
    expect(await c.cmd('d', 'MOVE 1 Cestino')).toContain('d NO [NOPERM]');
    expect(await c.cmd('e', 'COPY 1 Cestino')).toContain('e NO [NOPERM]');
    expect(await c.cmd('f', 'CREATE Nuova')).toContain('f NO [NOPERM]');
    expect(await c.cmd('g', 'DELETE Clienti')).toContain('g NO [NOPERM]');
    expect(await c.cmd('h', 'RENAME Clienti Altro')).toContain('h NO [NOPERM]');
    expect(await c.cmd('i', 'APPEND INBOX {3+}\r\nabc')).toContain('i NO [NOPERM]');
    expect(await c.cmd('j', 'FETCH 1 (FLAGS)')).toContain('* 1 FETCH (FLAGS (\\Seen))');
    c.close();
  }, HARNESS_TIMEOUT_MS);
});
