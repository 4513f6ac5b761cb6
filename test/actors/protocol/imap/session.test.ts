// The session actor and its dispatcher with a fake connection and the real store, mailbox actor and authenticator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailboxKind } from '../../../../actors/mailbox/mailbox.actor.ts';
import { QuotaExceededError } from '../../../../actors/mailbox/errors.ts';
import { MailboxWatchers } from '../../../../actors/mailbox/watchers.ts';
import type { ImapDeps } from '../../../../actors/protocol/imap/context.ts';
import { completionForError } from '../../../../actors/protocol/imap/errors.ts';
import { FETCH_ROWS_PAGE } from '../../../../actors/protocol/imap/limits.ts';
import { ImapSession, type ImapSessionMsg } from '../../../../actors/protocol/imap/session.actor.ts';
import { Authenticator } from '../../../../src/auth/authenticator.ts';
import { hashPassword } from '../../../../src/auth/hash.ts';
import { EventBus } from '../../../../src/events/bus.ts';
import { SystemClock } from '../../../../src/runtime/clock.ts';
import { AskTimeoutError } from '../../../../src/runtime/errors.ts';
import { ActorSystem } from '../../../../src/runtime/system.ts';
import { ConflictError, NotFoundError, openStore, type Store } from '../../../../src/store/index.ts';
import { FakeConnection } from './fake-connection.ts';

const ADDR = 'mario.rossi@pec.demo.test';
const PASS = 'Segreta-2026!';
let dir: string;
let store: Store;
let system: ActorSystem;
let deps: ImapDeps;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pec-imap-unit-'));
  store = openStore(dir);
  const clock = new SystemClock();
  const d = store.domains.create('pec.demo.test', clock.now());
  const box = store.mailboxes.create({ localPart: 'mario.rossi', domainId: d.id, type: 'A' }, clock.now());
  store.principals.setHolderPassword(box.id, await hashPassword(PASS), clock.now());
  const col = store.principals.createCollaborator({ mailboxId: box.id, username: 'lettore', profile: 'solo-consultazione' }, clock.now());
  store.principals.setCollaboratorPassword(col.id, await hashPassword(PASS), clock.now());
  const bus = new EventBus(clock, null);
  const watchers = new MailboxWatchers();
  system = new ActorSystem({ store: store.durable, clock });
  system.register(mailboxKind({ store, bus, watchers }));
  system.start();
  deps = { store, system, auth: new Authenticator(store, clock), bus, watchers, clock, hostname: 'test', plaintextAuth: false };
});
afterAll(async () => {
  await system.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

let conn: FakeConnection;
let session: ImapSession;
beforeEach(() => {
  conn = new FakeConnection(true);
  session = new ImapSession(conn, deps, { tlsAvailable: false, limits: { maxBadCommands: 3, maxCommands: 50 }, poke: () => {}, onEnd: () => {} });
});

async function say(line: string, msg: Partial<ImapSessionMsg> = {}): Promise<string> {
  await session.receive({ type: 'data', bytes: new TextEncoder().encode(`${line}\r\n`), secure: conn.secure, ...msg } as ImapSessionMsg);
  return conn.take();
}

describe('dispatcher: states and permissions', () => {
  it('greets with the capabilities and refuses authenticated commands before login with BAD', async () => {
    await session.receive({ type: 'open' });
    expect(conn.take()).toMatch(/^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 .*AUTH=PLAIN\] test PEC IMAP server ready\r\n$/);
    expect(await say('a SELECT INBOX')).toBe('a BAD SELECT needs a login first\r\n');
    expect(await say('b FETCH 1 FLAGS')).toBe('b BAD FETCH needs a login first\r\n');
  });

  it('refuses LOGIN in clear with PRIVACYREQUIRED without asking the authenticator', async () => {
    conn.secure = false;
    expect(await say(`a LOGIN ${ADDR} "${PASS}"`)).toBe('a NO [PRIVACYREQUIRED] Use STARTTLS first\r\n');
  });

  it('moves to authenticated on LOGIN and answers OK with the new capabilities', async () => {
    const r = await say(`a LOGIN ${ADDR} "${PASS}"`);
    expect(r).toStartWith('a OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+');
    expect(r).toContain('CONDSTORE');
    expect(session.state.kind).toBe('authenticated');
    expect(await say('b LOGIN x y')).toBe('b BAD LOGIN is not allowed now\r\n');
  });

  it('refuses FETCH outside the selected state and closes after too many bad commands', async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    expect(await say('b FETCH 1 FLAGS')).toBe('b BAD FETCH is not allowed now\r\n');
    expect(await say('c BOGUS')).toBe('c BAD Unknown command BOGUS\r\n');
    expect(await say('d NOPE')).toBe('d BAD Unknown command NOPE\r\n');
    expect(await say('e NOPE')).toBe('e BAD Unknown command NOPE\r\n* BYE Too many invalid commands\r\n');
    expect(conn.closed).toBe(true);
  });

  it('answers NOPERM for a solo-consultazione collaborator on writes, before running the handler', async () => {
    await say(`a LOGIN lettore/${ADDR} "${PASS}"`);
    expect(await say('b CREATE Nuova')).toBe('b NO [NOPERM] Your profile does not allow this\r\n');
    expect(store.folders.list(1).some((f) => f.name === 'Nuova')).toBe(false);
  });

  it('refuses writes on an EXAMINEd folder', async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    await say('b EXAMINE INBOX');
    expect(await say('c EXPUNGE')).toBe('c NO Mailbox is read-only (EXAMINE)\r\n');
  });

  it('ends the session with LOGOUT: BYE, tagged OK, connection closed', async () => {
    expect(await say('a LOGOUT')).toBe('* BYE Logging out\r\na OK LOGOUT completed\r\n');
    expect(conn.closed).toBe(true);
    expect(session.state.kind).toBe('logout');
  });

  it('drops plaintext input that was queued before a STARTTLS upgrade', async () => {
    conn = new FakeConnection(false);
    session = new ImapSession(conn, deps, { tlsAvailable: true, poke: () => {}, onEnd: () => {} });
    expect(await say('a STARTTLS')).toBe('a OK Begin TLS negotiation now\r\n');
    expect(conn.secure).toBe(true);
    expect(await say('b CAPABILITY', { secure: false })).toBe('');
  });
});

describe('continuations', () => {
  it('cancels AUTHENTICATE with "*" and ends IDLE with BAD on anything but DONE', async () => {
    expect(await say('a AUTHENTICATE PLAIN')).toBe('+ \r\n');
    expect(await say('*')).toBe('a BAD AUTHENTICATE cancelled\r\n');
    await say(`b LOGIN ${ADDR} "${PASS}"`);
    expect(await say('c IDLE')).toBe('+ idling\r\n');
    expect(session.idling).toBe(true);
    expect(await say('d NOOP')).toBe('c BAD Expected DONE\r\n');
    expect(session.idling).toBe(false);
    expect(await say('e NOOP')).toBe('e OK NOOP completed\r\n');
  });
});

describe('commands over the fake connection', () => {
  it('appends, selects and fetches through the mailbox actor', async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    const msg = 'Subject: unit\r\n\r\nciao\r\n';
    expect(await say(`b APPEND INBOX (\\Flagged) {${msg.length}+}\r\n${msg}`)).toMatch(/^b OK \[APPENDUID \d+ 1\] APPEND completed\r\n$/);
    expect(await say('c SELECT INBOX')).toContain('* 1 EXISTS');
    expect(await say('d UID FETCH 1 (FLAGS RFC822.SIZE)')).toBe(`* 1 FETCH (UID 1 FLAGS (\\Flagged) RFC822.SIZE ${msg.length})\r\nd OK FETCH completed\r\n`);
  });

  it(`sets \\Seen on every message of a FETCH BODY[] longer than one page of ${FETCH_ROWS_PAGE} rows (RFC 9051 §6.4.5)`, async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    const box = store.mailboxes.byAddress(ADDR)!;
    const folder = store.folders.create(box.id, 'Pagine', null, Date.UTC(2026, 0, 15));
    const raw = new TextEncoder().encode('Subject: pagina\r\n\r\nciao\r\n');
    const blobHash = await store.blobs.put(raw); // one blob shared by every row: content-addressed
    const count = FETCH_ROWS_PAGE + 3;
    store.transaction(() => {
      for (let i = 0; i < count; i++) store.messages.insertMessage(folder.id, { internalDate: Date.UTC(2026, 0, 15), size: raw.length, blobHash });
    });
    expect(await say(`b SELECT ${folder.name}`)).toContain(`* ${count} EXISTS`);
    const r = await say('c FETCH 1:* (BODY[])');
    expect(r.match(/^\* \d+ FETCH \(BODY\[\] \{\d+\}\r\nSubject: pagina\r\n\r\nciao\r\n FLAGS \(\\Seen\)\)\r\n/gm)?.length).toBe(count);
    expect(r).toEndWith('c OK FETCH completed\r\n');
    expect(store.messages.folderStatus(folder.id).unseen).toBe(0);
    expect(await say('d FETCH 1:* (FLAGS)')).toBe(`${Array.from({ length: count }, (_, i) => `* ${i + 1} FETCH (FLAGS (\\Seen))\r\n`).join('')}d OK FETCH completed\r\n`);
  });

  it('ENABLE turns on what it knows and ignores the rest (RFC 5161 §3.1)', async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    expect(await say('b ENABLE CONDSTORE X-UNKNOWN')).toBe('* ENABLED CONDSTORE\r\nb OK ENABLE completed\r\n');
    expect(session.enabled.condstore).toBe(true);
  });

  it('after ENABLE IMAP4rev2 answers SEARCH with ESEARCH and SELECT without RECENT (RFC 9051)', async () => {
    await say(`a LOGIN ${ADDR} "${PASS}"`);
    expect(await say('b ENABLE IMAP4rev2')).toBe('* ENABLED IMAP4rev2\r\nb OK ENABLE completed\r\n');
    const sel = await say('c SELECT INBOX');
    expect(sel).not.toContain('RECENT');
    expect(await say('d SEARCH ALL')).toBe('* ESEARCH (TAG "d") ALL 1\r\nd OK SEARCH completed\r\n');
  });

  it('answers the ID and NAMESPACE commands', async () => {
    expect(await say('a ID NIL')).toBe('* ID ("name" "pec-provider" "vendor" "pec-provider" "support-url" NIL)\r\na OK ID completed\r\n');
    await say(`b LOGIN ${ADDR} "${PASS}"`);
    expect(await say('c NAMESPACE')).toBe('* NAMESPACE (("" "/")) NIL NIL\r\nc OK NAMESPACE completed\r\n');
  });
});

describe('errors carry their wire form', () => {
  const cases: Array<[string, unknown, string]> = [
    ['quota', new QuotaExceededError(ADDR, 10, 10, 5), 'OVERQUOTA'],
    ['ask timeout', new AskTimeoutError('mailbox:x', 1), 'UNAVAILABLE'],
    ['store not found', new NotFoundError('folder', 3), 'NONEXISTENT'],
    ['store conflict', new ConflictError('folder', 'x'), 'ALREADYEXISTS'],
    ['anything else', new Error('boom'), 'SERVERBUG'],
  ];
  for (const [name, err, code] of cases) {
    it(`maps ${name} to NO [${code}]`, () => {
      const c = completionForError(err);
      expect(c?.status).toBe('NO');
      expect(c?.code).toEqual({ kind: code } as never);
    });
  }
});
