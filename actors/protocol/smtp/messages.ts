// The SMTP session actor's messages (from the listener's smtp-server callbacks), its state union and its ports.
import type { Authenticator } from '../../../src/auth/authenticator.ts';
import type { MailboxPrincipal } from '../../../src/auth/principal.ts';
import type { AppEvent } from '../../../src/events/catalogue.ts';
import type { SmtpLimits } from '../../../src/protocol/smtp/limits.ts';
import type { IncomingPort, SubmissionPort } from '../../pec/ports.ts';

export type { SmtpMode, SmtpSessionMsg } from '../../../src/protocol/smtp/session-messages.ts';
import type { SmtpMode } from '../../../src/protocol/smtp/session-messages.ts';

export interface Connection {
  readonly mode: SmtpMode;
  readonly remote: string;
  readonly secure: boolean;
  /** Refused commands so far (MAX_BAD_COMMANDS). */
  readonly badCommands: number;
}

/** What an authenticated submission session knows about its mailbox (seed 001 §1.4 limits of its type). */
export interface SessionUser {
  readonly principal: MailboxPrincipal;
  readonly maxMessageBytes: number;
  readonly maxRecipients: number;
}

/** One mail transaction (RFC 5321 §3.3). `user` is null on the MX, where the peer is another provider. */
export interface Transaction {
  readonly user: SessionUser | null;
  readonly from: string;
  readonly declaredSize: number | null;
  readonly recipients: readonly string[];
}

export type SessionState =
  | { readonly kind: 'new' }
  | { readonly kind: 'greeted'; readonly conn: Connection }
  | { readonly kind: 'authenticated'; readonly conn: Connection; readonly user: SessionUser }
  | { readonly kind: 'transaction'; readonly conn: Connection; readonly tx: Transaction }
  | { readonly kind: 'closed' };

export interface MailboxLimits {
  readonly maxMessageBytes: number;
  readonly maxRecipients: number;
}

export interface SmtpSessionDeps {
  readonly auth: Pick<Authenticator, 'loginMailbox'>;
  /** The limits of the mailbox's type (MAILBOX_TYPES), undefined when the mailbox is gone. */
  mailboxLimits(address: string): MailboxLimits | undefined;
  readonly submission: SubmissionPort;
  readonly incoming: IncomingPort;
  readonly limits: Pick<SmtpLimits, 'maxMessageBytes' | 'mxMaxMessageBytes' | 'maxRecipients' | 'maxBadCommands'>;
  emit?(e: AppEvent): void;
}
