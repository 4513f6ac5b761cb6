// The final reply to DATA on submission: accettazione -> 250 with the identificativo, non accettazione -> 5xx.
import { reply, type SmtpReply } from './replies.ts';

/** A non-accettazione reason as the punto di accesso reports it (code stable, text Italian). */
export interface RefusalReason {
  readonly code: string;
  readonly text: string;
}

/** 250 after DATA carries the PEC identificativo, so a client log ties the submission to its ricevuta. */
export function acceptedReply(identificativo: string): SmtpReply {
  return reply(250, '2.0.0', `Ok: messaggio accettato, identificativo ${identificativo}`);
}

/**
 * Decision: a message the punto di accesso did not accept is answered with a permanent failure, never 250.
 * RFC 5321 §4.2.5 / §6.1: a 250 after DATA means the server "accepted responsibility for delivering" the message;
 * a client shown 250 files the message as sent and its user never looks for the avviso di non accettazione that
 * RFC 6109 §3.1.1 puts in the mailbox. The avviso stays the legal record; the 5xx makes the failure visible at once
 * (Thunderbird and Outlook show the text in their error dialog). It is 5xx, not 4xx: the transaction with this
 * identificativo is closed (RFC 6109 §3.1.1), so a retry would be a new submission, and a 4xx would make the client
 * retry in a loop, producing one avviso per attempt.
 *
 * Codes: 'dimensione' (size × recipients, SPEC §0 D15) -> 552 5.3.4 (RFC 1870 §6.3, RFC 3463 §3.4); a virus
 * (RFC 6109 §3.1.3) -> 554 5.7.1 (RFC 3463 §3.8 "message refused"); every other formal exception -> 554 5.6.0
 * (RFC 3463 §3.7 "other or undefined media error": the content failed the checks).
 */
export function notAcceptedReply(identificativo: string, reasons: readonly RefusalReason[]): SmtpReply {
  const codes = new Set(reasons.map((r) => r.code));
  const [code, enhanced] = codes.has('virus') ? [554, '5.7.1'] : codes.has('dimensione') ? [552, '5.3.4'] : [554, '5.6.0'];
  const why = reasons.map((r) => r.text.trim()).filter(Boolean).join('; ') || 'eccezione formale';
  return reply(code, enhanced, `Messaggio non accettato (identificativo ${identificativo}): ${why}`);
}
