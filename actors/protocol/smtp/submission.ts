// Rules of the submission session (punto di accesso side, RFC 6409 + RFC 6109 §3.1): AUTH, MAIL, RCPT, DATA.
import { LoginRefusedError } from '../../../src/auth/login-refusal.ts';
import { isCollaborationExpired } from '../../../src/auth/principal.ts';
import { REPLIES, reply, type SmtpReply } from '../../../src/protocol/smtp/replies.ts';
import { toSevenBit } from '../../../src/protocol/smtp/seven-bit.ts';
import { acceptedReply, notAcceptedReply } from '../../../src/protocol/smtp/submission-replies.ts';
import { tipoRicevutaOf } from '../../../src/protocol/smtp/tipo-ricevuta.ts';
import type { SessionState, SmtpSessionDeps } from './messages.ts';
import { afterTransaction, ok, type OpenState, type Outcome, refuse } from './outcome.ts';

type Greeted = Extract<SessionState, { kind: 'greeted' }>;
type Authenticated = Extract<SessionState, { kind: 'authenticated' }>;
type InTransaction = Extract<SessionState, { kind: 'transaction' }>;

function loginRefusalReply(e: LoginRefusedError): SmtpReply {
  const { code, enhanced, text } = e.wire.smtp;
  return reply(code, enhanced, text);
}

/** RFC 4954 §4: AUTH once per session, only over TLS (seed 004 §3.3 "Usa SSL"; SPEC §5.1 refuses plaintext). */
export async function authenticate(deps: SmtpSessionDeps, state: OpenState, login: string, password: string): Promise<Outcome> {
  const max = deps.limits.maxBadCommands;
  if (state.kind !== 'greeted') return refuse(state, reply(503, '5.5.1', 'Already authenticated'), max);
  if (!state.conn.secure) return refuse(state, REPLIES.tlsRequired, max);
  const { remote } = state.conn;
  try {
    const { principal } = await deps.auth.loginMailbox({ channel: 'smtp-submit', secure: true, remote, login, password });
    const limits = deps.mailboxLimits(principal.address);
    if (!limits) return refuse(state, loginRefusalReply(new LoginRefusedError('wrong-credentials')), max);
    deps.emit?.({ type: 'auth.login-succeeded', login, channel: 'smtp-submit', remote });
    const user = {
      principal,
      // The hard cap of the listener (MAX_MESSAGE_BYTES) bounds every mailbox type.
      maxMessageBytes: Math.min(limits.maxMessageBytes, deps.limits.maxMessageBytes),
      maxRecipients: Math.min(limits.maxRecipients, deps.limits.maxRecipients),
    };
    return ok({ kind: 'authenticated', conn: state.conn, user }, REPLIES.authSucceeded);
  } catch (e) {
    const refusal = e instanceof LoginRefusedError ? e : new LoginRefusedError('temporary-failure');
    deps.emit?.({ type: 'auth.login-refused', login, channel: 'smtp-submit', reason: refusal.reason, remote });
    return refuse(state, loginRefusalReply(refusal), max);
  }
}

/** RFC 6409 §6.1, SPEC §5.1 (4): the envelope sender is the authenticated mailbox, nothing else. */
export function mailFrom(deps: SmtpSessionDeps, state: Greeted | Authenticated, address: string, size: number | null, now: number): Outcome {
  const max = deps.limits.maxBadCommands;
  if (!state.conn.secure) return refuse(state, REPLIES.tlsRequired, max);
  if (state.kind !== 'authenticated') return refuse(state, REPLIES.authRequired, max);
  const { user } = state;
  // Seed 000 §2.7.8: a delega that ended during the session stops sending at the next transaction.
  if (isCollaborationExpired(user.principal, now)) {
    return ok({ kind: 'closed' }, loginRefusalReply(new LoginRefusedError('collaboration-expired')));
  }
  if (address.trim().toLowerCase() !== user.principal.address) return refuse(state, REPLIES.senderNotOwned, max);
  // RFC 1870 §6.1: refuse at MAIL when the declared size is already too big.
  if (size !== null && size > user.maxMessageBytes) return refuse(state, REPLIES.messageTooBig, max);
  const tx = { user, from: user.principal.address, declaredSize: size, recipients: [] };
  return ok({ kind: 'transaction', conn: state.conn, tx }, REPLIES.senderOk);
}

/** Seed 001 §1.4 "numero destinatari stesso messaggio"; RFC 5321 §4.5.3.1.10: 452 and the client goes on. */
export function rcptTo(deps: SmtpSessionDeps, state: InTransaction, address: string): Outcome {
  const { tx } = state;
  const rcpt = address.trim();
  if (tx.recipients.some((r) => r.toLowerCase() === rcpt.toLowerCase())) return ok(state, REPLIES.recipientOk);
  if (tx.recipients.length >= (tx.user?.maxRecipients ?? deps.limits.maxRecipients)) {
    return ok(state, REPLIES.tooManyRecipients); // not a client error: the client asked for a limit it cannot know
  }
  return ok({ ...state, tx: { ...tx, recipients: [...tx.recipients, rcpt] } }, REPLIES.recipientOk);
}

/**
 * End of DATA: 7-bit conversion (SPEC §0 D16, issue 4), receipt type, then the punto di accesso. Answers only once
 * the port has committed (its contract: output gate). A failure of the port is temporary (451): nothing was
 * accepted, and the client retries.
 */
export async function submitData(deps: SmtpSessionDeps, state: InTransaction, raw: Uint8Array, bytes: number, overCap: boolean): Promise<Outcome> {
  const { tx } = state;
  const user = tx.user!;
  const next = afterTransaction(state);
  if (overCap || bytes > user.maxMessageBytes) return ok(next, REPLIES.messageTooBig);
  const converted = toSevenBit(raw);
  try {
    const result = await deps.submission.submit({
      principal: user.principal,
      raw: converted.bytes,
      envelopeFrom: tx.from,
      recipients: [...tx.recipients],
      tipoRicevuta: tipoRicevutaOf(converted.bytes),
      channel: 'smtp',
    });
    return ok(next, result.status === 'accepted' ? acceptedReply(result.identificativo) : notAcceptedReply(result.identificativo, result.reasons));
  } catch {
    return ok(next, REPLIES.tryLater);
  }
}
