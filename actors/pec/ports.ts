// The entry points of the PEC flow used by the protocol and web layers: submission to the punto di accesso and
// arrival at the punto di ricezione. Both answer only after the commit that records what they accepted (output gate).
import type { MailboxPrincipal } from '../../src/auth/principal.ts';

export type TipoRicevuta = 'completa' | 'breve' | 'sintetica';

export interface SubmissionRequest {
  principal: MailboxPrincipal;
  /** The message as the client sent it (RFC 5322 bytes, CRLF). */
  raw: Uint8Array;
  /** SMTP MAIL FROM, or the mailbox address for the webmail; must be the authenticated mailbox. */
  envelopeFrom: string;
  /** SMTP RCPT TO, or To + Cc (+ Bcc) of the draft. */
  recipients: string[];
  /** From X-TipoRicevuta for SMTP (issue 4), the compose form for the webmail; default completa. */
  tipoRicevuta?: TipoRicevuta;
  channel: 'smtp' | 'webmail';
}

export interface NonAccettazioneReason {
  /** A stable code: 'mittente-non-autorizzato', 'troppi-destinatari', 'dimensione', 'limite-giornaliero', … */
  code: string;
  /** Italian text that goes into the avviso di non accettazione. */
  text: string;
}

export type SubmissionResult =
  | { status: 'accepted'; identificativo: string; messageId: string }
  | { status: 'not-accepted'; identificativo: string; reasons: NonAccettazioneReason[] };

export interface SubmissionPort {
  submit(req: SubmissionRequest): Promise<SubmissionResult>;
}

export interface IncomingMessage {
  raw: Uint8Array;
  mailFrom: string;
  rcptTo: string[];
  /** Client address and TLS state of the SMTP session (logged). */
  remote: string;
  tls: boolean;
}

export type IncomingResult =
  | { status: 'accepted' }
  /** Refused at SMTP time (SPEC §0 D7: only ordinary mail by policy and sizes above the hard cap): the SMTP reply. */
  | { status: 'refused'; smtp: string };

export interface IncomingPort {
  /** Whether RCPT TO may be accepted at SMTP time (SPEC §0 D7: any address of our PEC domains). */
  acceptsRecipient(address: string): boolean;
  receive(msg: IncomingMessage): Promise<IncomingResult>;
}
