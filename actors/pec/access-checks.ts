// The punto di accesso's formal checks (RFC 6109 §3.1.1, SPEC §5.1, §0 D15, D16; seed 001 §1.4 limits). Pure:
// every failure is a reason with a stable code and the Italian text of the avviso di non accettazione.
import { can } from '../../src/auth/permissions.ts';
import { isCollaborationExpired, type MailboxPrincipal } from '../../src/auth/principal.ts';
import { MAX_SIZE_TIMES_RECIPIENTS, type MailboxType } from '../../src/config/mailbox-types.ts';
import { addressKey } from '../../src/mime/addresses.ts';
import { isSevenBitClean } from '../../src/mime/transfer-encoding.ts';
import type { OriginalInfo } from '../../src/pec/original.ts';
import type { Mailbox } from '../../src/store/mailbox-repo.ts';
import type { NonAccettazioneReason } from './ports.ts';

export interface AccessCheckInput {
  principal: MailboxPrincipal;
  now: number;
  envelopeFrom: string;
  /** RCPT TO, normalised (lowercase, no duplicates). */
  recipients: string[];
  raw: Uint8Array;
  /** Null when the header could not be parsed at all. */
  info: OriginalInfo | null;
  /** The sender's mailbox row (the principal's). */
  mailbox: Mailbox | undefined;
  type: MailboxType;
  acceptedToday: number;
  openTransactions: number;
}

const SIMPLE_ADDRESS = /^[^\s@<>()",;:]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}$/;

export function isValidAddress(a: string): boolean {
  return a.length <= 254 && SIMPLE_ADDRESS.test(a);
}

/** RCPT TO addresses lowercased and deduplicated, in order. */
export function normalizeRecipients(list: readonly string[]): string[] {
  return [...new Set(list.map((r) => addressKey(r.replace(/^<|>$/g, ''))).filter((r) => r !== ''))];
}

const r = (code: string, text: string): NonAccettazioneReason => ({ code, text });

function identity(i: AccessCheckInput): NonAccettazioneReason[] {
  const out: NonAccettazioneReason[] = [];
  const sender = addressKey(i.envelopeFrom);
  // RFC 6109 §5.2: the authenticated user must own the declared sender.
  if (sender !== addressKey(i.principal.address)) out.push(r('mittente-non-autorizzato', "il mittente non corrisponde alla casella autenticata"));
  // seed 000 §2.7.8: only the titolare and collaborators with a sending profile whose delega is valid may send.
  if (!can(i.principal, 'send') || isCollaborationExpired(i.principal, i.now)) {
    out.push(r('invio-non-consentito', "l'utente non è autorizzato all'invio per conto della casella"));
  }
  if (!i.mailbox || i.mailbox.state !== 'attiva') out.push(r('casella-non-attiva', 'la casella del mittente non è attiva'));
  return out;
}

function header(i: AccessCheckInput): NonAccettazioneReason[] {
  if (!i.info) return [r('formato-non-valido', 'il messaggio non è conforme allo standard RFC 5322')];
  const out: NonAccettazioneReason[] = [];
  const sender = addressKey(i.envelopeFrom);
  // RFC 6109 §3.1.1 checks 2 and 4: one From address, equal to MAIL FROM.
  if (i.info.from.length !== 1 || addressKey(i.info.from[0]!.address) !== sender) {
    out.push(r('from-non-valido', 'il campo From deve contenere un solo indirizzo, uguale al mittente'));
  }
  // Check 3: To holds at least one valid address.
  if (i.info.to.length === 0 || !i.info.to.every((m) => isValidAddress(m.address))) {
    out.push(r('to-non-valido', 'il campo To deve contenere almeno un indirizzo valido'));
  }
  // Check 6 and RFC 6109 §2.1: Bcc is not allowed in PEC.
  if (i.info.bcc.length > 0) out.push(r('bcc-non-ammesso', 'il campo Bcc non è ammesso nella posta certificata'));
  // Check 5 (both ways, SPEC §5.1 "and, in practice, vice versa"): RCPT TO equals To + Cc.
  const headerRcpts = new Set([...i.info.to, ...i.info.cc].map((m) => addressKey(m.address)));
  const rcpts = new Set(i.recipients);
  const same = headerRcpts.size === rcpts.size && [...rcpts].every((x) => headerRcpts.has(x));
  if (!same) out.push(r('destinatari-incoerenti', 'i destinatari non corrispondono ai campi To e Cc del messaggio'));
  return out;
}

function limits(i: AccessCheckInput): NonAccettazioneReason[] {
  const out: NonAccettazioneReason[] = [];
  const n = i.recipients.length;
  if (n === 0) out.push(r('nessun-destinatario', 'il messaggio non ha destinatari'));
  if (!i.recipients.every(isValidAddress)) out.push(r('destinatario-non-valido', 'uno o più destinatari non sono indirizzi validi'));
  if (n > i.type.maxRecipientsPerMessage) {
    out.push(r('troppi-destinatari', `il numero di destinatari (${n}) supera il limite di ${i.type.maxRecipientsPerMessage}`));
  }
  // SPEC §0 D16: the envelope must survive relays unchanged for its signature to hold.
  if (!isSevenBitClean(i.raw)) out.push(r('non-7bit', 'il messaggio contiene caratteri non codificati a 7 bit'));
  if (i.raw.length > i.type.maxMessageBytes) {
    out.push(r('dimensione', `la dimensione del messaggio supera il limite di ${mb(i.type.maxMessageBytes)}`));
  } else if (i.raw.length * Math.max(1, n) > MAX_SIZE_TIMES_RECIPIENTS) {
    // SPEC §0 D15, seed 000 §2.3: size × number of recipients.
    out.push(r('dimensione', `la dimensione del messaggio moltiplicata per il numero dei destinatari supera il limite di ${mb(MAX_SIZE_TIMES_RECIPIENTS)}`));
  }
  if (i.acceptedToday >= i.type.maxMessagesPerDay) {
    out.push(r('limite-giornaliero', `raggiunto il numero massimo di ${i.type.maxMessagesPerDay} messaggi al giorno`));
  }
  if (i.openTransactions >= i.type.maxConcurrentMessages) {
    out.push(r('limite-contemporanei', `raggiunto il numero massimo di ${i.type.maxConcurrentMessages} messaggi contemporanei`));
  }
  return out;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Every formal exception of the submission; empty when it may be accepted (the virus scan is separate). */
export function accessChecks(i: AccessCheckInput): NonAccettazioneReason[] {
  return [...identity(i), ...header(i), ...limits(i)];
}

/** The errore-esteso of the avviso: every reason, as real providers list the anomalies found. */
export function erroreEstesoDi(reasons: readonly NonAccettazioneReason[]): string {
  return reasons.map((x) => x.text).join('; ');
}
