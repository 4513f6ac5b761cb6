// Password ageing: the 90-day validity and the 20/10/5-day notices of seed 003 ("Scadenza della password").

/** Seed 003: "l'utente deve provvedere a modificare la password di accesso alla casella ogni 90 giorni". */
export const PASSWORD_MAX_AGE_DAYS = 90;
/** Seed 003: "una notifica della imminente scadenza della password (20, 10 e 5 giorni prima della scadenza)". */
export const PASSWORD_EXPIRY_NOTICE_DAYS = [20, 10, 5] as const;
export const DAY_MS = 86_400_000;

export type PasswordStateName = 'valida' | 'in-scadenza' | 'scaduta';

export interface PasswordState {
  readonly state: PasswordStateName;
  /** Whole days left, rounded up (1 on the last day); 0 once expired. */
  readonly daysLeft: number;
  readonly expiresAt: number;
}

export function passwordExpiresAt(changedAt: number): number {
  return changedAt + PASSWORD_MAX_AGE_DAYS * DAY_MS;
}

/**
 * 'in-scadenza' from the first notice (20 days before) on; 'scaduta' from the expiry instant on.
 * Seed 003: once expired, client access is blocked while the mailbox keeps receiving, and the webmail
 * accepts the expired password only to force a change.
 */
export function passwordState(changedAt: number, now: number): PasswordState {
  const expiresAt = passwordExpiresAt(changedAt);
  if (now >= expiresAt) return { state: 'scaduta', daysLeft: 0, expiresAt };
  const daysLeft = Math.ceil((expiresAt - now) / DAY_MS);
  const firstNotice = PASSWORD_EXPIRY_NOTICE_DAYS[0];
  return { state: daysLeft <= firstNotice ? 'in-scadenza' : 'valida', daysLeft, expiresAt };
}

/** A notice the expiry job sends: one of the three reminders, or the "password scaduta" message. */
export type ExpiryNotice =
  | { readonly kind: 'promemoria'; readonly daysBefore: (typeof PASSWORD_EXPIRY_NOTICE_DAYS)[number] }
  | { readonly kind: 'scaduta' };

/** A stable key for a notice, to record which ones were sent (idempotent job runs). */
export function expiryNoticeKey(n: ExpiryNotice): string {
  return n.kind === 'scaduta' ? 'scaduta' : `promemoria-${n.daysBefore}`;
}

/**
 * The notice due now, if any, given the keys already sent for this password (reset on change).
 * Only the most urgent unsent notice is returned: a job that was down for a while sends the
 * 5-day reminder, not all three at once. Seed 003: "Alla scadenza della password, l'utente riceve
 * un messaggio di password scaduta".
 */
export function dueExpiryNotice(changedAt: number, now: number, sent: ReadonlySet<string>): ExpiryNotice | null {
  const expiresAt = passwordExpiresAt(changedAt);
  if (now >= expiresAt) {
    const notice: ExpiryNotice = { kind: 'scaduta' };
    return sent.has(expiryNoticeKey(notice)) ? null : notice;
  }
  let due: ExpiryNotice | null = null;
  for (const daysBefore of PASSWORD_EXPIRY_NOTICE_DAYS) {
    if (now >= expiresAt - daysBefore * DAY_MS) due = { kind: 'promemoria', daysBefore };
  }
  if (due === null) return null;
  if (sent.has(expiryNoticeKey(due))) return null;
  return due;
}

/** When the next notice falls due, so a job can arm one timer per mailbox instead of polling. */
export function nextExpiryNoticeAt(changedAt: number, now: number): number | null {
  const expiresAt = passwordExpiresAt(changedAt);
  const instants = [...PASSWORD_EXPIRY_NOTICE_DAYS.map((d) => expiresAt - d * DAY_MS), expiresAt];
  const next = instants.find((t) => t > now);
  return next ?? null;
}
