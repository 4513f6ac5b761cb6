// The POP3 session's port to the rest of the provider (CONVENTIONS 4): login, maildrop snapshot, raw bytes, UPDATE.
import type { LoginAttempt, MailboxLogin } from '../../../src/auth/authenticator.ts';
import type { MailboxPrincipal } from '../../../src/auth/principal.ts';
import type { AppEvent } from '../../../src/events/catalogue.ts';
import type { Maildrop, MaildropEntry } from './state.ts';

export interface Pop3Backend {
  /** Authenticator.loginMailbox: throws LoginRefusedError with the reason. */
  login(a: LoginAttempt): Promise<MailboxLogin>;
  /** Snapshot of the INBOX at login, oldest first, at most `max` messages. */
  openMaildrop(principal: MailboxPrincipal, max: number): Promise<Maildrop>;
  /** The stored bytes, or null when the message was removed meanwhile (by IMAP or the webmail). */
  readMessage(entry: MaildropEntry): Promise<Uint8Array | null>;
  /** RFC 1939 §6 UPDATE: removes the messages through the mailbox actor; returns how many it removed. */
  expunge(principal: MailboxPrincipal, folderId: number, ids: readonly number[]): Promise<number>;
  /** Marks retrieved messages \Seen (best effort: reading through POP3 is reading). */
  markSeen(principal: MailboxPrincipal, ids: readonly number[]): void;
  emit(e: AppEvent): void;
}
