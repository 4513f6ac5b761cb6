// The IMAP session actor (RFC 9051, CONVENTIONS 1-3): one per connection, the only owner of its state. It frames
// input with the codec, runs commands through the dispatcher one at a time, and reports the casella's changes.
import { can, type MailboxAction } from '../../../src/auth/permissions.ts';
import type { CloseReason, Connection } from '../../../src/net/connection.ts';
import { capabilitiesFor, ImapDecoder, type ImapCommand, type ImapResponse } from '../../../src/protocol/imap/index.ts';
import type { Actor } from '../../../src/runtime/actor.ts';
import type { MailboxChange, MailboxMsg } from '../../mailbox/messages.ts';
import { mailboxActorName } from '../../mailbox/messages.ts';
import { continueAuthenticate } from './commands/authenticate.ts';
import type { Completion, Enabled, ImapDeps, SessionContext } from './context.ts';
import { mayExpungeAfter, ImapDispatcher, type DispatchLimits } from './dispatcher.ts';
import { completionForError } from './errors.ts';
import {
  MAILBOX_ASK_TIMEOUT_MS,
  MAX_APPEND_BYTES,
  MAX_FAILED_LOGINS_PER_CONNECTION,
  MAX_PENDING_CHANGES,
  MAX_QUEUED_INPUTS,
  MAX_UNAUTHENTICATED_LITERAL_BYTES,
} from './limits.ts';
import { folderTree, type ImapFolder } from './mailbox-names.ts';
import { ResponseBuffer } from './output.ts';
import { loggedIn, NOT_AUTHENTICATED, type SessionState } from './state.ts';

export type ImapSessionMsg =
  /** The connection is ready (after the TLS handshake on the implicit-TLS port): send the greeting. */
  | { type: 'open' }
  /** Input bytes; `secure` says whether they came over TLS (plaintext queued behind STARTTLS is dropped). */
  | { type: 'data'; bytes: Uint8Array; secure: boolean }
  /** The casella changed while the client is in IDLE: report now (RFC 2177). */
  | { type: 'changes' }
  | { type: 'closed'; reason: CloseReason };

/** Extensions the codec knows but this server does not implement (RFC 9208 MESSAGE resource: no message limit). */
const NOT_OFFERED: ReadonlySet<string> = new Set(['QUOTA=RES-MESSAGE']);

export interface SessionOptions {
  /** STARTTLS can be offered (a certificate is present and the port is not implicit TLS). */
  tlsAvailable: boolean;
  limits?: DispatchLimits;
  /** Called when IDLE needs a poke through the actor's queue (set by ImapSessions). */
  poke: () => void;
  onEnd: () => void;
}

export class ImapSession implements Actor<ImapSessionMsg>, SessionContext {
  readonly enabled: Enabled = { condstore: false, qresync: false, utf8: false, rev2: false };
  private current: SessionState = NOT_AUTHENTICATED;
  private readonly decoder = new ImapDecoder({ maxLiteralBytes: MAX_UNAUTHENTICATED_LITERAL_BYTES });
  private readonly dispatcher: ImapDispatcher;
  private readonly out: ResponseBuffer;
  private idleTag: string | null = null;
  private authTag: string | null = null;
  private failedLogins = 0;
  private unwatch: (() => void) | null = null;
  private ending = false;
  private poked = false;
  /** Bytes of an announced synchronising literal not yet received (null when none is outstanding). */
  private literalLeft: number | null = null;
  /** Input chunks queued to this actor and not yet handled (flow control by ImapSessions). */
  queuedInputs = 0;
  inputPaused = false;

  constructor(
    readonly conn: Connection,
    readonly deps: ImapDeps,
    private readonly opts: SessionOptions,
  ) {
    this.dispatcher = new ImapDispatcher(opts.limits);
    this.out = new ResponseBuffer(conn, () => this.enabled.utf8);
  }

  get state(): SessionState {
    return this.current;
  }

  get idling(): boolean {
    return this.idleTag !== null;
  }

  async receive(msg: ImapSessionMsg): Promise<void> {
    try {
      switch (msg.type) {
        case 'open':
          this.send({ kind: 'untagged-status', status: 'OK', code: { kind: 'CAPABILITY', capabilities: this.capabilities() }, text: `${this.deps.hostname} PEC IMAP server ready` });
          return await this.flush();
        case 'data':
          if (--this.queuedInputs < MAX_QUEUED_INPUTS / 2 && this.inputPaused) {
            this.inputPaused = false;
            this.conn.resume();
          }
          return await this.input(msg.bytes, msg.secure);
        case 'changes':
          this.poked = false;
          if (this.idleTag !== null) this.reportChanges(true);
          await this.flush();
          return this.finish();
        case 'closed':
          return this.end();
      }
    } catch {
      // A fault outside any command (the dispatcher answers command faults): end the session cleanly.
      this.send({ kind: 'untagged-status', status: 'BYE', code: { kind: 'SERVERBUG' }, text: 'Internal error' });
      this.close();
      await this.flush();
      this.finish();
    }
  }

  // ---- SessionContext ----

  setState(next: SessionState): void {
    const before = loggedIn(this.current);
    this.current = next;
    const after = loggedIn(next);
    if (!before && after) {
      this.decoder.setMaxLiteralBytes(MAX_APPEND_BYTES);
      this.unwatch = this.deps.watchers.watch(after.principal.address, (c) => this.onChange(c));
    }
  }

  enableUtf8(): void {
    this.enabled.utf8 = true;
    this.decoder.setUtf8Names(true);
  }

  send(r: ImapResponse): void {
    this.out.push(r);
  }

  sendRaw(line: string): void {
    this.out.pushText(line);
  }

  sendBytes(bytes: Uint8Array): void {
    this.out.pushBytes(bytes);
  }

  flush(): Promise<void> {
    return this.out.flush();
  }

  flushIfLarge(): Promise<void> {
    return this.out.flushIfLarge();
  }

  capabilities(): string[] {
    const caps = capabilitiesFor({
      tls: this.conn.secure,
      authenticated: loggedIn(this.current) !== null,
      starttlsAvailable: this.opts.tlsAvailable,
      allowPlaintextAuth: this.deps.plaintextAuth,
    });
    return caps.filter((c) => !NOT_OFFERED.has(c));
  }

  ask<R>(msg: MailboxMsg): Promise<R> {
    const who = loggedIn(this.current);
    if (!who) return Promise.reject(new Error('no mailbox before login'));
    return this.deps.system.ask<R>(mailboxActorName(who.principal.address), msg, MAILBOX_ASK_TIMEOUT_MS);
  }

  folders(): ImapFolder[] {
    const who = loggedIn(this.current);
    return who ? folderTree(this.deps.store.folders.list(who.mailboxId)) : [];
  }

  can(action: MailboxAction): boolean {
    const who = loggedIn(this.current);
    return who !== null && can(who.principal, action);
  }

  enterIdle(tag: string): void {
    this.idleTag = tag;
    this.decoder.enterIdle(tag);
  }

  expectAuthResponse(tag: string): void {
    this.authTag = tag;
    this.decoder.expectAuthResponse(tag);
  }

  async startTls(tag: string): Promise<void> {
    this.send({ kind: 'tagged', tag, status: 'OK', text: 'Begin TLS negotiation now' });
    await this.flush();
    this.decoder.discardBuffered(); // RFC 9051 §6.2.1: nothing pipelined in clear may reach the TLS session
    try {
      await this.conn.upgradeTls();
    } catch {
      this.end(); // the connection closed itself
    }
  }

  loginFailed(): boolean {
    return ++this.failedLogins >= MAX_FAILED_LOGINS_PER_CONNECTION;
  }

  close(): void {
    this.ending = true;
  }

  // ---- input ----

  private async input(bytes: Uint8Array, secure: boolean): Promise<void> {
    if (this.done) return;
    if (secure !== this.conn.secure) return; // plaintext queued behind STARTTLS (CVE-2011-0411 class)
    this.decoder.push(bytes);
    if (this.literalLeft !== null) this.literalLeft -= bytes.length;
    while (!this.done) {
      const r = this.decoder.next();
      switch (r.kind) {
        case 'need-more':
          this.nudgeAfterLiteral();
          return await this.flush();
        case 'continuation-needed':
          this.literalAnnounced(r.size, r.tag, r.verb);
          break;
        case 'command':
          this.literalLeft = null;
          await this.run(r.command);
          break;
        case 'error':
          // Anything but DONE ends IDLE, and "*" or bad base64 ends AUTHENTICATE (the decoder is back in command mode).
          if (r.tag !== undefined && r.tag === this.idleTag) this.idleTag = null;
          if (r.tag !== undefined && r.tag === this.authTag) this.authTag = null;
          this.dispatcher.codecError(r.error, this);
          break;
        case 'idle-done':
          this.idleDone();
          break;
        case 'auth-response':
          await this.authResponse(r.data);
          break;
      }
      await this.flushIfLarge();
    }
    await this.flush();
    this.finish();
  }

  /** A synchronising literal: vet APPEND against the quota before "+" (RFC 7888 §4, RFC 9208 §4.1). */
  private literalAnnounced(size: number, tag: string | undefined, verb: string | undefined): void {
    const who = loggedIn(this.current);
    if (verb === 'APPEND' && who && tag !== undefined) {
      const box = this.deps.store.mailboxes.byId(who.mailboxId);
      if (box && box.usedBytes + size > box.quotaBytes) {
        this.send({ kind: 'tagged', tag, status: 'NO', code: { kind: 'OVERQUOTA' }, text: 'Mailbox is full (casella piena)' });
        this.decoder.rejectLiteral();
        return;
      }
    }
    this.send({ kind: 'continuation', text: 'Ready for literal data' });
    this.literalLeft = size;
  }

  /**
   * A client that sent a synchronising literal with Nagle's algorithm on holds the CRLF that ends the command until
   * our ACK, which delayed ACK postpones by ~40 ms per APPEND (Dovecot sets TCP_QUICKACK here; node:net cannot).
   * Any byte we send carries the ACK, and RFC 9051 §7.1.1 lets the server send an untagged OK at any time.
   */
  private nudgeAfterLiteral(): void {
    if (this.literalLeft === null || this.literalLeft > 0) return;
    this.literalLeft = null;
    this.send({ kind: 'untagged-status', status: 'OK', text: 'Literal received' });
  }

  private async run(cmd: ImapCommand): Promise<void> {
    const completion = await this.dispatcher.dispatch(cmd, this);
    this.complete(cmd.tag, completion, mayExpungeAfter(cmd));
  }

  private complete(tag: string, completion: Completion | null, allowExpunge: boolean): void {
    if (this.current.kind === 'selected' || this.idleTag !== null) this.reportChanges(allowExpunge);
    if (completion) this.send({ kind: 'tagged', tag, ...completion });
  }

  private idleDone(): void {
    const tag = this.idleTag;
    this.idleTag = null;
    if (tag !== null) this.complete(tag, { status: 'OK', text: 'IDLE terminated' }, true);
  }

  private async authResponse(data: Uint8Array): Promise<void> {
    const tag = this.authTag;
    this.authTag = null;
    if (tag === null) return;
    let completion: Completion | null;
    try {
      completion = await continueAuthenticate(this, tag, data);
    } catch (e) {
      completion = completionForError(e);
    }
    this.complete(tag, completion, true);
  }

  // ---- mailbox changes ----

  private onChange(change: MailboxChange): void {
    const st = this.current;
    if (st.kind !== 'selected') return;
    st.view.push(change);
    if (st.view.pendingCount > MAX_PENDING_CHANGES) {
      this.send({ kind: 'untagged-status', status: 'BYE', code: { kind: 'LIMIT' }, text: 'Too many unreported changes' });
      this.close();
      this.opts.poke();
      return;
    }
    if (this.idleTag !== null && !this.poked) {
      this.poked = true;
      this.opts.poke();
    }
  }

  private reportChanges(allowExpunge: boolean): void {
    const st = this.current;
    if (st.kind !== 'selected') return;
    const rs = st.view.drain({ allowExpunge, condstore: this.enabled.condstore, qresync: this.enabled.qresync });
    for (const r of rs) this.send(r);
  }

  // ---- end ----

  /** After LOGOUT or a fatal error: the queued output is written, then the connection closes. */
  private get done(): boolean {
    return this.ending || this.current.kind === 'logout';
  }

  private finish(): void {
    if (this.done) {
      this.conn.close();
      this.end();
    }
  }

  private end(): void {
    if (this.current.kind !== 'logout') this.current = { kind: 'logout' };
    this.ending = true;
    this.unwatch?.();
    this.unwatch = null;
    this.opts.onEnd();
  }
}
