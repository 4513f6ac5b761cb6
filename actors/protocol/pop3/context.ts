// What a POP3 command handler sees: its session's connection, ports and state, and the shape of a command module.
import type { Connection } from '../../../src/net/connection.ts';
import type { Pop3Command, Pop3Verb } from '../../../src/protocol/pop3/commands.ts';
import type { Pop3Backend } from './backend.ts';
import type { Pop3Limits } from './limits.ts';
import type { MaildropLocks } from './maildrop-locks.ts';
import type { Pop3State, Pop3StateKind, StateOf } from './state.ts';

/** The parts of a connection a session uses (the fake connection of unit tests implements exactly this). */
export type SessionConnection = Pick<Connection, 'id' | 'remoteAddress' | 'secure' | 'closed' | 'write' | 'send' | 'upgradeTls' | 'close'>;

export interface Pop3Deps {
  readonly backend: Pop3Backend;
  readonly locks: MaildropLocks;
  readonly limits: Pop3Limits;
  /** Host name in the greeting. */
  readonly hostname: string;
  /** RFC 2449 §6.9 IMPLEMENTATION capability text. */
  readonly implementation: string;
}

export interface Pop3Context {
  readonly conn: SessionConnection;
  readonly deps: Pop3Deps;
  readonly state: Pop3State;
  setState(next: Pop3State): void;
  /** A single-line or small multi-line reply. */
  reply(bytes: Uint8Array): void;
  /** A large reply (RETR, TOP) written with back-pressure. */
  replyLarge(bytes: Uint8Array): Promise<void>;
  /** Answers a command that counts against MAX_BAD_COMMANDS (the limit closes the connection). */
  badCommand(bytes: Uint8Array): void;
  /** The next input line is a SASL response (RFC 5034 §4), not a command. */
  expectSaslResponse(): void;
  /** RFC 2595 §4: forgets pipelined input, writes the go-ahead and performs the TLS handshake. */
  startTls(goAhead: Uint8Array): Promise<void>;
  /** Flushes and closes the connection; releases the maildrop lock. */
  close(): void;
}

/**
 * One POP3 command (CONVENTIONS 2): its verb, the states where it is allowed, whether it carries credentials
 * (refused before TLS by the dispatcher, RFC 2595 §2.2 / RFC 8314 §3) and its handler. Arguments are parsed by
 * the codec (src/protocol/pop3/commands.ts), so the handler receives the typed command.
 */
export interface Pop3CommandSpec<V extends Pop3Verb = Pop3Verb, K extends Pop3StateKind = Pop3StateKind> {
  readonly name: V;
  readonly states: readonly K[];
  readonly needsTls: boolean;
  handle(cmd: Extract<Pop3Command, { verb: V }>, state: StateOf<K>, ctx: Pop3Context): void | Promise<void>;
}

export function defineCommand<V extends Pop3Verb, K extends Pop3StateKind>(spec: Pop3CommandSpec<V, K>): Pop3CommandSpec<V, K> {
  return spec;
}

const utf8 = new TextEncoder();

/** A status line produced elsewhere as text (LoginRefusedError.pop3Line()), with its CRLF. */
export function lineBytes(line: string): Uint8Array {
  return utf8.encode(line + '\r\n');
}
