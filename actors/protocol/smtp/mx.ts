// Rules of the MX session (punto di ricezione side, RFC 6109 §3.2, SPEC §0 D7): MAIL, RCPT and DATA from peers.
import { REPLIES } from '../../../src/protocol/smtp/replies.ts';
import type { SessionState, SmtpSessionDeps } from './messages.ts';
import { afterTransaction, ok, type Outcome, parseReplyLine, refuse } from './outcome.ts';

type Greeted = Extract<SessionState, { kind: 'greeted' }>;
type InTransaction = Extract<SessionState, { kind: 'transaction' }>;

/** Any sender, including the null reverse-path of bounces (RFC 5321 §4.5.5); only the size is checked. */
export function mxMailFrom(deps: SmtpSessionDeps, state: Greeted, address: string, size: number | null): Outcome {
  if (size !== null && size > deps.limits.mxMaxMessageBytes) return refuse(state, REPLIES.messageTooBig, deps.limits.maxBadCommands);
  const tx = { user: null, from: address.trim(), declaredSize: size, recipients: [] };
  return ok({ kind: 'transaction', conn: state.conn, tx }, REPLIES.senderOk);
}

/**
 * SPEC §0 D7: accept at SMTP time any address of our PEC domains (unknown users get an errore-consegna later, from
 * the punto di ricezione); every other domain is refused, so the MX is never an open relay. A refused recipient
 * counts as a bad command: harvesting addresses costs the session.
 */
export function mxRcptTo(deps: SmtpSessionDeps, state: InTransaction, address: string): Outcome {
  const { tx } = state;
  const rcpt = address.trim();
  if (!deps.incoming.acceptsRecipient(rcpt)) return refuse(state, REPLIES.relayDenied, deps.limits.maxBadCommands);
  if (tx.recipients.some((r) => r.toLowerCase() === rcpt.toLowerCase())) return ok(state, REPLIES.recipientOk);
  if (tx.recipients.length >= deps.limits.maxRecipients) return ok(state, REPLIES.tooManyRecipients);
  return ok({ ...state, tx: { ...tx, recipients: [...tx.recipients, rcpt] } }, REPLIES.recipientOk);
}

/**
 * The bytes go to the punto di ricezione exactly as received: the signature of a busta covers them (RFC 6109 §3.2,
 * SPEC §0 D6), so nothing here converts, adds a Received field or normalises line ends.
 */
export async function mxData(deps: SmtpSessionDeps, state: InTransaction, raw: Uint8Array, bytes: number, overCap: boolean): Promise<Outcome> {
  const next = afterTransaction(state);
  if (overCap || bytes > deps.limits.mxMaxMessageBytes) return ok(next, REPLIES.messageTooBig);
  const { tx, conn } = state;
  try {
    const result = await deps.incoming.receive({ raw, mailFrom: tx.from, rcptTo: [...tx.recipients], remote: conn.remote, tls: conn.secure });
    return ok(next, result.status === 'accepted' ? REPLIES.mxQueued : parseReplyLine(result.smtp));
  } catch {
    return ok(next, REPLIES.tryLater);
  }
}
