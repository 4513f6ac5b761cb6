// In-memory fakes for POP3 session unit tests: a connection that records writes, a backend with a small maildrop.
import type { LoginAttempt, MailboxLogin } from '../../../../src/auth/authenticator.ts';
import { LoginRefusedError } from '../../../../src/auth/login-refusal.ts';
import type { CollaborationProfile, MailboxPrincipal } from '../../../../src/auth/principal.ts';
import type { AppEvent } from '../../../../src/events/catalogue.ts';
import type { Pop3Backend } from '../../../../actors/protocol/pop3/backend.ts';
import type { Pop3Deps, SessionConnection } from '../../../../actors/protocol/pop3/context.ts';
import { DEFAULT_POP3_LIMITS, type Pop3Limits } from '../../../../actors/protocol/pop3/limits.ts';
import { MaildropLocks } from '../../../../actors/protocol/pop3/maildrop-locks.ts';
import { Pop3Session } from '../../../../actors/protocol/pop3/session.actor.ts';
import { newMaildrop, uniqueId, type MaildropEntry } from '../../../../actors/protocol/pop3/state.ts';

const utf8 = new TextEncoder();
const latin1 = new TextDecoder('latin1');

export class FakeConnection implements SessionConnection {
  readonly remoteAddress = '192.0.2.7';
  secure: boolean;
  closed = false;
  upgrades = 0;
  private out: Uint8Array[] = [];

  constructor(
    readonly id: string,
    secure = true,
  ) {
    this.secure = secure;
  }
  write(data: Uint8Array | string): void {
    if (this.closed) return;
    this.out.push(typeof data === 'string' ? utf8.encode(data) : data);
  }
  async send(data: Uint8Array): Promise<void> {
    this.write(data);
  }
  async upgradeTls(): Promise<void> {
    this.upgrades++;
    this.secure = true;
  }
  close(): void {
    this.closed = true;
  }
  /** Everything written since the last call, as text. */
  take(): string {
    const text = this.out.map((b) => latin1.decode(b)).join('');
    this.out = [];
    return text;
  }
  takeBytes(): Uint8Array {
    const all = Buffer.concat(this.out);
    this.out = [];
    return new Uint8Array(all);
  }
}

export interface FakeMessage {
  id: number;
  uid: number;
  raw: Uint8Array;
}

export const FOLDER_ID = 11;
export const UIDVALIDITY = 1700000000;

/** Users: 'mario@pec.test' titolare, 'lettore/mario@pec.test' solo consultazione; password 'segreta'. */
export class FakeBackend implements Pop3Backend {
  messages: FakeMessage[] = [];
  expunged: number[][] = [];
  seen: number[][] = [];
  events: AppEvent[] = [];
  gone = new Set<number>();
  failExpunge = false;
  failMaildrop = false;
  refuse: LoginRefusedError | null = null;

  add(raw: string | Uint8Array): FakeMessage {
    const id = 100 + this.messages.length;
    const m = { id, uid: this.messages.length + 1, raw: typeof raw === 'string' ? utf8.encode(raw) : raw };
    this.messages.push(m);
    return m;
  }

  async login(a: LoginAttempt): Promise<MailboxLogin> {
    if (!a.secure) throw new LoginRefusedError('tls-required');
    if (this.refuse) throw this.refuse;
    if (a.password !== 'segreta') throw new LoginRefusedError('wrong-credentials');
    const profile: Record<string, CollaborationProfile> = { 'lettore/mario@pec.test': 'solo-consultazione' };
    let principal: MailboxPrincipal;
    if (a.login === 'mario@pec.test') principal = { kind: 'titolare', mailboxId: '1', address: 'mario@pec.test' };
    else if (profile[a.login]) {
      principal = { kind: 'collaboratore', mailboxId: '1', address: 'mario@pec.test', username: a.login.split('/')[0]!, profile: profile[a.login]!, expiresAt: null };
    } else throw new LoginRefusedError('wrong-credentials');
    return { principal, mustChangePassword: false };
  }

  async openMaildrop(principal: MailboxPrincipal, max: number) {
    if (this.failMaildrop) throw new Error('database is locked');
    const entries: MaildropEntry[] = this.messages
      .slice(0, max)
      .map((m) => ({ id: m.id, uid: m.uid, size: m.raw.length, blobHash: `h${m.id}`, uidl: uniqueId(UIDVALIDITY, m.uid) }));
    return newMaildrop({ mailboxId: Number(principal.mailboxId), address: principal.address, folderId: FOLDER_ID, uidvalidity: UIDVALIDITY, entries });
  }

  async readMessage(entry: MaildropEntry) {
    if (this.gone.has(entry.id)) return null;
    return this.messages.find((m) => m.id === entry.id)?.raw ?? null;
  }

  async expunge(_p: MailboxPrincipal, folderId: number, ids: readonly number[]) {
    if (this.failExpunge) throw new Error('ask timeout');
    if (folderId !== FOLDER_ID) throw new Error('wrong folder');
    this.expunged.push([...ids]);
    return ids.length;
  }

  markSeen(_p: MailboxPrincipal, ids: readonly number[]) {
    this.seen.push([...ids]);
  }

  emit(e: AppEvent) {
    this.events.push(e);
  }
}

export function deps(backend: FakeBackend, limits: Partial<Pop3Limits> = {}, locks = new MaildropLocks()): Pop3Deps {
  return { backend, locks, limits: { ...DEFAULT_POP3_LIMITS, ...limits }, hostname: 'pop.pec.test', implementation: 'Test POP3' };
}

/** A session with its fake connection; `send` feeds one input chunk and returns what the server wrote. */
export async function openSession(backend: FakeBackend, opts: { secure?: boolean; limits?: Partial<Pop3Limits>; locks?: MaildropLocks; id?: string } = {}) {
  const conn = new FakeConnection(opts.id ?? 'c1', opts.secure ?? true);
  const session = new Pop3Session(conn, deps(backend, opts.limits, opts.locks));
  await session.receive({ type: 'open' });
  const greeting = conn.take();
  const send = async (text: string, secure = conn.secure): Promise<string> => {
    await session.receive({ type: 'data', bytes: utf8.encode(text), secure });
    return conn.take();
  };
  const login = async (user = 'mario@pec.test') => send(`USER ${user}\r\nPASS segreta\r\n`);
  return { conn, session, greeting, send, login };
}
