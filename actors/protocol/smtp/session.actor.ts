// One actor per SMTP connection (`smtp-session:<id>`): holds the session state and applies the rules; the listener
// (src/net/smtp-listener.ts, started by ./listeners.ts) owns the socket and asks this actor from smtp-server's callbacks.
import type { Actor, ActorContext, ActorKind } from '../../../src/runtime/actor.ts';
import { REPLIES, reply, type SmtpReply } from '../../../src/protocol/smtp/replies.ts';
import type { SessionAnswer } from '../../../src/protocol/smtp/session-messages.ts';
import type { SessionState, SmtpSessionDeps, SmtpSessionMsg } from './messages.ts';
import { mxData, mxMailFrom, mxRcptTo } from './mx.ts';
import { afterTransaction, ok, type Outcome, refuse } from './outcome.ts';
import { authenticate, mailFrom, rcptTo, submitData } from './submission.ts';

export const SMTP_SESSION_PREFIX = 'smtp-session';
/**
 * The state lives only in memory (a connection cannot outlive the process), so the session must not be passivated
 * while its connection is open: the listener's idle timeout closes connections long before this, and DATA progress
 * keeps a long upload alive. A closed session is dropped from memory after this delay.
 */
export const SMTP_SESSION_PASSIVATE_AFTER_MS = 10 * 60_000;
/** A session receives one ask at a time plus DATA progress tells. */
export const SMTP_SESSION_QUEUE_CAPACITY = 256;

export function smtpSessionName(id: string): string {
  return `${SMTP_SESSION_PREFIX}:${id}`;
}

export function smtpSessionKind(deps: SmtpSessionDeps): ActorKind<SmtpSessionMsg> {
  return {
    prefix: SMTP_SESSION_PREFIX,
    // A fault in the rules ends the connection (the listener answers 421) rather than continuing with doubtful state.
    supervision: 'stop',
    queueCapacity: SMTP_SESSION_QUEUE_CAPACITY,
    passivateAfterMs: SMTP_SESSION_PASSIVATE_AFTER_MS,
    create: () => new SmtpSessionActor(deps),
  };
}

export type { SessionAnswer } from '../../../src/protocol/smtp/session-messages.ts';

export class SmtpSessionActor implements Actor<SmtpSessionMsg> {
  private state: SessionState = { kind: 'new' };

  constructor(private readonly deps: SmtpSessionDeps) {}

  /** For tests and metrics. */
  get current(): SessionState {
    return this.state;
  }

  async receive(msg: SmtpSessionMsg, ctx: ActorContext): Promise<SessionAnswer | null> {
    if (msg.type === 'data-progress') return null;
    const outcome = await this.step(msg, ctx.clock.now());
    this.state = outcome.state;
    return { reply: outcome.reply, close: outcome.state.kind === 'closed' };
  }

  private async step(msg: Exclude<SmtpSessionMsg, { type: 'data-progress' }>, now: number): Promise<Outcome> {
    const s = this.state;
    if (msg.type === 'open') {
      if (s.kind !== 'new') return ok(s, reply(503, '5.5.1', 'Session already open'));
      return ok({ kind: 'greeted', conn: { mode: msg.mode, remote: msg.remote, secure: msg.secure, badCommands: 0 } }, reply(220, null, 'Ready'));
    }
    if (msg.type === 'close') return ok({ kind: 'closed' }, reply(221, '2.0.0', 'Bye'));
    // A session rebuilt after passivation has no connection: the client must start again.
    if (s.kind === 'new') return ok({ kind: 'closed' }, REPLIES.sessionLost);
    if (s.kind === 'closed') return ok(s, REPLIES.tooManyErrors);
    const max = this.deps.limits.maxBadCommands;
    const submission = s.conn.mode === 'submission';
    switch (msg.type) {
      case 'secured':
        // RFC 3207 §4.2: discard everything learnt before TLS, including any transaction.
        return ok({ kind: 'greeted', conn: { ...s.conn, secure: true } }, reply(220, null, 'TLS active'));
      case 'auth':
        if (!submission) return refuse(s, reply(502, '5.5.1', 'AUTH not available on this port'), max);
        return authenticate(this.deps, s, msg.login, msg.password);
      case 'mail-from': {
        // smtp-server answers a nested MAIL itself (503); a MAIL that reaches us inside a transaction follows an
        // RSET or EHLO the library handled without a callback (RFC 5321 §4.1.1.5): the old transaction is gone.
        const base = s.kind === 'transaction' ? afterTransaction(s) : s;
        if (base.kind === 'closed' || base.kind === 'new' || base.kind === 'transaction') return ok(base, REPLIES.sessionLost);
        if (submission) return mailFrom(this.deps, base, msg.address, msg.size, now);
        if (base.kind !== 'greeted') return refuse(base, REPLIES.nestedMail, max);
        return mxMailFrom(this.deps, base, msg.address, msg.size);
      }
      case 'rcpt-to':
        if (s.kind !== 'transaction') return refuse(s, REPLIES.needMail, max);
        return submission ? rcptTo(this.deps, s, msg.address) : mxRcptTo(this.deps, s, msg.address);
      case 'data':
        if (s.kind !== 'transaction') return refuse(s, REPLIES.needMail, max);
        if (s.tx.recipients.length === 0) return refuse(s, reply(503, '5.5.1', 'Need RCPT command first'), max);
        return submission ? submitData(this.deps, s, msg.raw, msg.bytes, msg.overCap) : mxData(this.deps, s, msg.raw, msg.bytes, msg.overCap);
    }
  }
}
