// The authenticated principals: titolare, collaboratore (multiutenza) and amministratore, as one union.

export type MailboxId = string;
export type AdminId = string;
export type DomainId = string;

/** Seed 000 §2.7.8: the three kinds of delega a titolare can grant. */
export type CollaborationProfile = 'solo-invio' | 'solo-consultazione' | 'accesso-completo';

export const COLLABORATION_PROFILES: readonly CollaborationProfile[] = [
  'solo-invio',
  'solo-consultazione',
  'accesso-completo',
];

/** The labels the seed manuals show (seed 000 §2.7.8 "Permessi"), with an English counterpart. */
export const COLLABORATION_PROFILE_LABELS: Readonly<Record<CollaborationProfile, { it: string; en: string }>> = {
  'solo-invio': { it: 'Solo invio', en: 'Send only' },
  'solo-consultazione': { it: 'Solo consultazione', en: 'Read only' },
  'accesso-completo': { it: 'Accesso completo', en: 'Full access' },
};

/** Seed 000 §2.7.8: "Per ogni casella multiutente possono essere impostati fino ad un massimo di 30 collaboratori". */
export const MAX_COLLABORATORS_PER_MAILBOX = 30;

export interface Titolare {
  readonly kind: 'titolare';
  readonly mailboxId: MailboxId;
  /** The PEC address, lowercase. */
  readonly address: string;
}

export interface Collaboratore {
  readonly kind: 'collaboratore';
  readonly mailboxId: MailboxId;
  /** The delegated mailbox's PEC address, lowercase. */
  readonly address: string;
  /** The collaborator's own username, shared across all the mailboxes they collaborate on (seed 000 §2.7.8). */
  readonly username: string;
  readonly profile: CollaborationProfile;
  /** Epoch ms after which the delega ends; null for "durata illimitata" (seed 000 §2.7.8). */
  readonly expiresAt: number | null;
}

export interface Amministratore {
  readonly kind: 'amministratore';
  readonly adminId: AdminId;
  readonly username: string;
  /** A super administrator manages every domain of the provider. */
  readonly superAdmin: boolean;
  /** The domains a domain administrator manages (seed 003); ignored when superAdmin. */
  readonly domainIds: readonly DomainId[];
}

export type Principal = Titolare | Collaboratore | Amministratore;

/** A principal that acts on one mailbox. */
export type MailboxPrincipal = Titolare | Collaboratore;

export function isMailboxPrincipal(p: Principal): p is MailboxPrincipal {
  return p.kind === 'titolare' || p.kind === 'collaboratore';
}

/** True when a collaborator's delega has ended; titolari and administrators never expire this way. */
export function isCollaborationExpired(p: Principal, now: number): boolean {
  return p.kind === 'collaboratore' && p.expiresAt !== null && now >= p.expiresAt;
}

/** Whether an administrator may manage a domain's mailboxes (seed 003: per-domain administrators). */
export function administersDomain(p: Principal, domainId: DomainId): boolean {
  return p.kind === 'amministratore' && (p.superAdmin || p.domainIds.includes(domainId));
}

/** The login a principal typed, for logs and the "logged in as" line (seed 001 §2.1). */
export function principalLogin(p: Principal): string {
  switch (p.kind) {
    case 'titolare':
      return p.address;
    case 'collaboratore':
      return `${p.username}/${p.address}`;
    case 'amministratore':
      return p.username;
  }
}

export function isCollaborationProfile(s: string): s is CollaborationProfile {
  return (COLLABORATION_PROFILES as readonly string[]).includes(s);
}
