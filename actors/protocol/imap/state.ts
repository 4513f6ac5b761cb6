// The IMAP connection states of RFC 9051 §3 as one discriminated union that carries each state's data (CONVENTIONS 3).
import type { MailboxPrincipal } from '../../../src/auth/principal.ts';
import type { SelectedView } from './selected-view.ts';

export type SessionState =
  | { readonly kind: 'not-authenticated' }
  | { readonly kind: 'authenticated'; readonly principal: MailboxPrincipal; readonly mailboxId: number }
  | {
      readonly kind: 'selected';
      readonly principal: MailboxPrincipal;
      readonly mailboxId: number;
      /** The selected folder: its sequence-number map and the changes not yet reported. */
      readonly view: SelectedView;
      /** EXAMINE (RFC 9051 §6.3.3): nothing in the folder changes, not even \Seen. */
      readonly readOnly: boolean;
    }
  | { readonly kind: 'logout' };

export type StateKind = SessionState['kind'];

export const NOT_AUTHENTICATED: SessionState = { kind: 'not-authenticated' };

export const AUTHENTICATED_STATES: readonly StateKind[] = ['authenticated', 'selected'];
export const ANY_STATE: readonly StateKind[] = ['not-authenticated', 'authenticated', 'selected'];

/** The principal and its mailbox, in the states that have one. */
export function loggedIn(s: SessionState): { principal: MailboxPrincipal; mailboxId: number } | null {
  switch (s.kind) {
    case 'authenticated':
    case 'selected':
      return { principal: s.principal, mailboxId: s.mailboxId };
    case 'not-authenticated':
    case 'logout':
      return null;
  }
}
