// What a command handler sees of its session (CONVENTIONS 2): state, dependencies, response output, mailbox access.
import type { Authenticator } from '../../../src/auth/authenticator.ts';
import type { MailboxAction } from '../../../src/auth/permissions.ts';
import type { EventBus } from '../../../src/events/bus.ts';
import type { Connection } from '../../../src/net/connection.ts';
import type { CommandName, ImapCommand, ImapResponse, ResponseCode } from '../../../src/protocol/imap/index.ts';
import type { Clock } from '../../../src/runtime/clock.ts';
import type { ActorSystem } from '../../../src/runtime/system.ts';
import type { Store } from '../../../src/store/index.ts';
import type { MailboxMsg } from '../../mailbox/messages.ts';
import type { MailboxWatchers } from '../../mailbox/watchers.ts';
import type { ImapFolder } from './mailbox-names.ts';
import type { SessionState, StateKind } from './state.ts';

export interface ImapDeps {
  store: Store;
  system: ActorSystem;
  auth: Authenticator;
  bus: EventBus;
  watchers: MailboxWatchers;
  clock: Clock;
  hostname: string;
  /** Accept LOGIN without TLS (benchmarks on loopback only): the authenticator is told the link is secure. */
  plaintextAuth: boolean;
}

/** Extensions the client turned on with ENABLE or by use (RFC 5161, RFC 7162 §3.1). */
export interface Enabled {
  condstore: boolean;
  qresync: boolean;
  /** IMAP4rev2 (RFC 9051 §6.3.1) or UTF8=ACCEPT: UTF-8 mailbox names and strings. */
  utf8: boolean;
  rev2: boolean;
}

/** The tagged completion of a command; null when the command continues later (IDLE, AUTHENTICATE without SASL-IR). */
export interface Completion {
  status: 'OK' | 'NO' | 'BAD';
  code?: ResponseCode;
  text: string;
}

export interface SessionContext {
  readonly deps: ImapDeps;
  readonly conn: Connection;
  readonly state: SessionState;
  readonly enabled: Enabled;
  setState(next: SessionState): void;
  /** IMAP4rev2 / UTF8=ACCEPT: mailbox names are UTF-8 both ways from now on (RFC 9051 §6.3.1, RFC 6855 §3). */
  enableUtf8(): void;
  /** Queues an untagged response (written at the end of the command or when the buffer is large). */
  send(r: ImapResponse): void;
  /** Queues preformatted text (a LoginRefusedError line). */
  sendRaw(line: string): void;
  /** Queues preformatted response bytes (the flag sync's pages, fetch-flags.ts). */
  sendBytes(bytes: Uint8Array): void;
  /** Hands what is queued to the socket, waiting for it to drain (large FETCH). */
  flush(): Promise<void>;
  /** flush() when more than OUTPUT_FLUSH_BYTES are queued: long commands call it between messages. */
  flushIfLarge(): Promise<void>;
  capabilities(): string[];
  /** Asks the casella's mailbox actor (the only writer, ARCHITECTURE), with MAILBOX_ASK_TIMEOUT_MS. */
  ask<R>(msg: MailboxMsg): Promise<R>;
  /** The casella's folders with their IMAP names (read straight from the store). */
  folders(): ImapFolder[];
  can(action: MailboxAction): boolean;
  /** Decoder modes for commands that continue over more lines. */
  enterIdle(tag: string): void;
  expectAuthResponse(tag: string, mechanism: string): void;
  /** STARTTLS: writes the go-ahead and upgrades; the decoder's plaintext buffer is dropped. */
  startTls(tag: string): Promise<void>;
  /** Counts a failed login; true when the connection must now close. */
  loginFailed(): boolean;
  close(): void;
}

/** The command bodies named N (a body may serve several verbs, e.g. COPY | MOVE). */
type BodyNamed<C, N> = C extends { name: infer M } ? (N extends M ? C : never) : never;
export type CommandOf<N extends CommandName> = BodyNamed<ImapCommand, N>;

export interface ImapCommandModule<N extends CommandName = CommandName> {
  readonly name: N;
  readonly states: readonly StateKind[];
  /** Permission on the casella the principal needs (seed 000 §2.7.8), enforced by the dispatcher: NO [NOPERM]. */
  readonly requires?: MailboxAction;
  /** Refused on a read-only (EXAMINEd) mailbox with NO [READ-ONLY] (RFC 9051 §6.3.3). */
  readonly writesSelected?: boolean;
  handle(cmd: CommandOf<N>, s: SessionContext): Promise<Completion | null> | Completion | null;
}

export function defineCommand<N extends CommandName>(m: ImapCommandModule<N>): ImapCommandModule<N> {
  return m;
}

export const ok = (text = 'Completed', code?: ResponseCode): Completion => (code ? { status: 'OK', code, text } : { status: 'OK', text });
export const no = (text: string, code?: ResponseCode): Completion => (code ? { status: 'NO', code, text } : { status: 'NO', text });
export const bad = (text: string, code?: ResponseCode): Completion => (code ? { status: 'BAD', code, text } : { status: 'BAD', text });
