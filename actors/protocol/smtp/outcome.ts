// What a session step produces (next state and the reply) and the shared refusal bookkeeping (MAX_BAD_COMMANDS).
import { REPLIES, reply, type SmtpReply } from '../../../src/protocol/smtp/replies.ts';
import type { Connection, SessionState } from './messages.ts';

export interface Outcome {
  readonly state: SessionState;
  readonly reply: SmtpReply;
}

/** States that hold a connection. */
export type OpenState = Exclude<SessionState, { kind: 'new' } | { kind: 'closed' }>;

export function ok(state: SessionState, reply: SmtpReply): Outcome {
  return { state, reply };
}

/**
 * A refused command counts against MAX_BAD_COMMANDS; the one that reaches it is answered 421 and the session
 * closes (RFC 5321 §4.3.2; what WildDuck and smtp-server do with their error counters).
 */
export function refuse(state: OpenState, answer: SmtpReply, maxBadCommands: number): Outcome {
  const conn: Connection = { ...state.conn, badCommands: state.conn.badCommands + 1 };
  if (conn.badCommands >= maxBadCommands) return { state: { kind: 'closed' }, reply: REPLIES.tooManyErrors };
  return { state: { ...state, conn }, reply: answer };
}

/** The state after a transaction ends (DATA answered): back to before MAIL, keeping the login. */
export function afterTransaction(state: Extract<SessionState, { kind: 'transaction' }>): SessionState {
  const { conn, tx } = state;
  return tx.user ? { kind: 'authenticated', conn, user: tx.user } : { kind: 'greeted', conn };
}

/** Parses a reply line another component produced (`550 5.1.1 text`), e.g. IncomingResult.smtp. */
export function parseReplyLine(line: string): SmtpReply {
  const m = /^([2-5]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3}) )?(.*)$/s.exec(line.trim());
  if (!m) return reply(554, '5.0.0', line.trim() || 'Transaction failed');
  return reply(Number(m[1]), m[2] ?? null, m[3] ?? '');
}
