// What each principal may do on a mailbox, by channel and by operation (seed 000 §2.7.8 profili di delega).
import type { CollaborationProfile, Principal } from './principal.ts';

/** Channels a principal logs in through. */
export type ChannelAction = 'webmail' | 'imap' | 'pop3' | 'smtp-submit';
/** Operations on the mailbox once logged in. */
export type MailboxAction =
  | 'send'
  | 'read'
  /** Deleting, expunging, and setting \Deleted (IMAP maps STORE +FLAGS \Deleted here; POP3 DELE too). */
  | 'delete'
  | 'move'
  /** Personal annotations other than \Deleted (\Seen, \Flagged, keywords). */
  | 'flag'
  /** Mailbox settings: folders, notifications, forwarding of ordinary mail, archive, exports (seed 000 §2.7). */
  | 'settings'
  /** Changing the mailbox password and its recovery e-mail: the titolare's own credentials (seed 000 §2.7.2). */
  | 'change-mailbox-password'
  /** "Multiutenza Titolare": inviting and removing collaborators (seed 000 §2.7.8). */
  | 'manage-collaborators';

export type Action = ChannelAction | MailboxAction;

export const ALL_ACTIONS: readonly Action[] = [
  'webmail',
  'imap',
  'pop3',
  'smtp-submit',
  'send',
  'read',
  'delete',
  'move',
  'flag',
  'settings',
  'change-mailbox-password',
  'manage-collaborators',
];

/** Everything on the mailbox that is not about who may access it. */
const HOLDER_ACTIONS: ReadonlySet<Action> = new Set(ALL_ACTIONS);

/**
 * Seed 000 §2.7.8:
 * - "Solo invio: è possibile solamente inviare messaggi PEC ... non consente nemmeno l'accesso sulla
 *   webmail": SMTP submission and send, nothing else.
 * - "Solo consultazione: è possibile accedere alla casella e vedere i messaggi ricevuti e spediti ma non
 *   è possibile inviare nuovi messaggi": every reading channel, no send, no delete/expunge, no move.
 *   Flags stay allowed: \Seen is set by reading itself (RFC 9051 §6.4.5 FETCH BODY[]), and
 *   \Flagged marks nothing in the mailbox's content. Settings are not reading: refused.
 * - "Accesso completo: è possibile effettuare tutte le operazioni che può eseguire il titolare":
 *   everything, except the two that concern the titolare's own credentials and who else gets in —
 *   the seed offers multiutenza "senza condividere la password" and names the page "Multiutenza
 *   Titolare", so a collaborator cannot change the mailbox password nor invite collaborators.
 */
const PROFILE_ACTIONS: Readonly<Record<CollaborationProfile, ReadonlySet<Action>>> = {
  'solo-invio': new Set<Action>(['smtp-submit', 'send']),
  'solo-consultazione': new Set<Action>(['webmail', 'imap', 'pop3', 'read', 'flag']),
  'accesso-completo': new Set<Action>(
    ALL_ACTIONS.filter((a) => a !== 'change-mailbox-password' && a !== 'manage-collaborators'),
  ),
};

/**
 * Whether the principal may perform the action on its mailbox. Expiry of a delega is checked at
 * login (login-refusal.ts) and by the session with `isCollaborationExpired`, not here.
 * Administrators manage mailboxes from the admin console (seed 003) and never read or send mail.
 */
export function can(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'titolare':
      return HOLDER_ACTIONS.has(action);
    case 'collaboratore':
      return PROFILE_ACTIONS[principal.profile].has(action);
    case 'amministratore':
      return false;
  }
}

/** The channels a principal may log in through, e.g. for CAPA/CAPABILITY decisions and the UI. */
export function allowedChannels(principal: Principal): ChannelAction[] {
  const channels: ChannelAction[] = ['webmail', 'imap', 'pop3', 'smtp-submit'];
  return channels.filter((c) => can(principal, c));
}
