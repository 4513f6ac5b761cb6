// SMTP replies as typed values (code, RFC 3463 enhanced code, text) and the catalogue the sessions answer with.

export interface SmtpReply {
  readonly code: number;
  /** RFC 3463 enhanced status code, or null where RFC 2034 §3 forbids one (greeting, EHLO, 3xx). */
  readonly enhanced: string | null;
  readonly text: string;
}

/** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets including the code and CRLF. */
export const MAX_REPLY_LINE = 512;

export function reply(code: number, enhanced: string | null, text: string): SmtpReply {
  return { code, enhanced, text: sanitizeText(text, code, enhanced) };
}

/** Control characters would split a reply (response injection); texts built from client data are cut to fit. */
function sanitizeText(text: string, code: number, enhanced: string | null): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\x00-\x1f\x7f]+/g, ' ');
  const room = MAX_REPLY_LINE - 2 - String(code).length - 1 - (enhanced ? enhanced.length + 1 : 0);
  return flat.length > room ? flat.slice(0, room - 3) + '...' : flat;
}

/** `553 5.7.1 text` */
export function formatReply(r: SmtpReply): string {
  return [String(r.code), ...(r.enhanced ? [r.enhanced] : []), r.text].join(' ');
}

/** What follows the code: `5.7.1 text` (smtp-server and most libraries put the code in front themselves). */
export function replyText(r: SmtpReply): string {
  return r.enhanced ? `${r.enhanced} ${r.text}` : r.text;
}

export function isPositive(r: SmtpReply): boolean {
  return r.code >= 200 && r.code < 400;
}

/**
 * A refusal carrying its wire form (CONVENTIONS 8). Its shape is what smtp-server's callbacks expect of an error
 * (`responseCode` + `message`, the message starting with the enhanced code); `refusal` tells the actor runtime that
 * it is an answer, not a fault.
 */
export class SmtpProtocolError extends Error {
  override readonly name = 'SmtpProtocolError';
  readonly refusal = true;
  readonly responseCode: number;
  constructor(readonly reply: SmtpReply) {
    super(replyText(reply));
    this.responseCode = reply.code;
  }
  /** The whole reply line, e.g. `553 5.7.1 text` (not `line`: Bun sets that on every Error). */
  get replyLine(): string {
    return formatReply(this.reply);
  }
}

export const REPLIES = {
  // RFC 3207 §4: before STARTTLS a server that requires TLS answers every other command with 530 5.7.0.
  tlsRequired: reply(530, '5.7.0', 'Must issue a STARTTLS command first'),
  // RFC 4954 §6: MAIL before a successful AUTH on a submission port.
  authRequired: reply(530, '5.7.0', 'Authentication required'),
  authSucceeded: reply(235, '2.7.0', 'Authentication successful'),
  // RFC 6409 §6.1 lets the MSA refuse a sender the user is not authorized for; RFC 3463 §3.8 X.7.1.
  senderNotOwned: reply(553, '5.7.1', 'Sender address must be the authenticated PEC mailbox'),
  senderOk: reply(250, '2.1.0', 'Sender OK'),
  recipientOk: reply(250, '2.1.5', 'Recipient OK'),
  // RFC 5321 §4.5.3.1.10 (452 for "too many recipients") and RFC 3463 §3.6 X.5.3.
  tooManyRecipients: reply(452, '4.5.3', 'Too many recipients for this mailbox type'),
  // RFC 1870 §6.1 (552 at MAIL for SIZE=) and §6.3 (552 after DATA); RFC 3463 §3.4 X.3.4.
  messageTooBig: reply(552, '5.3.4', 'Message size exceeds the maximum allowed for this mailbox'),
  // SPEC §0 D7: only addresses of our PEC domains are accepted on the MX: no relay for anybody else.
  relayDenied: reply(550, '5.1.1', 'Recipient is not in a PEC domain of this provider: relaying denied'),
  // RFC 5321 §3.3: the MX takes mail for its domains from anybody, but a null reverse-path is fine too.
  badRecipientSyntax: reply(501, '5.1.3', 'Bad recipient address syntax'),
  nestedMail: reply(503, '5.5.1', 'Sender already specified'),
  needMail: reply(503, '5.5.1', 'Need MAIL command first'),
  // RFC 5321 §4.3.2: a server may close the channel (421) when the client keeps sending errors.
  tooManyErrors: reply(421, '4.7.0', 'Too many errors, closing connection'),
  tooManyConnections: reply(421, '4.7.0', 'Too many connections from your address, try again later'),
  serverBusy: reply(421, '4.3.2', 'Too many connections, try again later'),
  // RFC 3463 §3.4 X.3.0: the session actor did not answer (queue full, timeout) — temporary, the client retries.
  tryLater: reply(451, '4.3.0', 'Temporary failure, try again later'),
  sessionLost: reply(451, '4.3.0', 'Session state lost, please reconnect'),
  // RFC 5321 §3.8: the service is going away (shutdown, a fault in the session): 421 and close.
  unavailable: reply(421, '4.3.0', 'Service not available, closing transmission channel'),
  mxQueued: reply(250, '2.0.0', 'Ok: message taken in charge'),
} as const;

export type ReplyName = keyof typeof REPLIES;
