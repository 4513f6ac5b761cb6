// The console's operations on a mailbox (seed 003): create with a one-time link, send the reset link, change the
// communication e-mail with its three notices, change state/quota/type/conservazione, cancel for good. Each ends the
// web sessions it must and reports what the page should say.
import { issueResetToken } from '../../auth/tokens.ts';
import type { MailboxTypeCode } from '../../config/mailbox-types.ts';
import { communicationEmailText, resetLinkText } from '../../notices/texts.ts';
import type { Domain, Mailbox, PrincipalRef } from '../../store/index.ts';
import { adminUrls } from '../../../templates/admin/urls.ts';
import type { AdminDeps } from './context.ts';
import { MB } from './forms.ts';
import { HttpError } from '../http-error.ts';

const holderOf = (m: Mailbox): PrincipalRef => ({ kind: 'holder', id: m.id });

/** seed 003 "Abilitare/disabilitare" and "Cancellare": the holder and every collaborator are signed out at once. */
export function endMailboxSessions(deps: AdminDeps, m: Mailbox): number {
  let n = deps.store.sessions.deleteSessionsOf(holderOf(m));
  for (const c of deps.store.principals.collaborators(m.id)) n += deps.store.sessions.deleteSessionsOf({ kind: 'collaborator', id: c.id });
  return n;
}

/**
 * seed 003 "Effettuare il reset della password": the administrator never sets a password; a one-time link valid
 * 24 hours goes to the communication e-mail. Earlier links of the mailbox stop working.
 */
export async function sendResetLink(deps: AdminDeps, m: Mailbox, created: boolean): Promise<string> {
  if (!m.communicationEmail) throw new HttpError(409, 'admin.err.noEmail', 'La casella non ha un indirizzo e-mail per le comunicazioni');
  const now = deps.clock.now();
  const issued = issueResetToken(now);
  deps.store.transaction(() => {
    deps.repos.admin.revokeResetTokens(holderOf(m), now);
    deps.store.sessions.createResetToken({ tokenHash: issued.tokenHash, principal: holderOf(m), expiresAt: issued.expiresAt }, now);
  });
  const url = `${deps.publicUrl}${adminUrls.resetLink(issued.token)}`;
  const text = resetLinkText({ address: m.address, url, expiresAt: issued.expiresAt, created });
  await deps.notifier.email(m.communicationEmail, text, { kind: created ? 'mailbox-created' : 'reset-link', mailboxId: m.id, domainId: m.domainId });
  return m.communicationEmail;
}

export interface NewMailboxForm {
  name: string;
  communicationEmail: string;
  conservazione: boolean;
  type: MailboxTypeCode;
}

/** seed 003 "Creare una casella": the mailbox, then the instructions to set the password at the communication e-mail. */
export async function createMailbox(deps: AdminDeps, domain: Domain, f: NewMailboxForm): Promise<Mailbox> {
  const m = await deps.provisioning.addMailbox({
    address: `${f.name}@${domain.name}`, type: f.type, communicationEmail: f.communicationEmail, conservazione: f.conservazione,
  });
  await sendResetLink(deps, m, true);
  return m;
}

/**
 * seed 003 "Inserire o modificare l'indirizzo email": the change is announced, for traceability, to the new address,
 * the old one and the PEC mailbox itself (as an ordinary message in its INBOX).
 */
export async function changeCommunicationEmail(deps: AdminDeps, m: Mailbox, email: string, onError: (e: unknown) => void): Promise<void> {
  const old = m.communicationEmail;
  deps.store.mailboxes.setCommunicationEmail(m.id, email);
  const text = communicationEmailText({ address: m.address, oldEmail: old, newEmail: email, at: deps.clock.now() });
  const target = { kind: 'communication-email' as const, mailboxId: m.id, domainId: m.domainId };
  await deps.notifier.email(email, text, target);
  if (old && old !== email) await deps.notifier.email(old, text, target);
  await deps.notifier.toPecMailbox(m.address, text).catch(onError);
}

export interface MailboxChanges {
  state: 'attiva' | 'disabilitata';
  quotaMb: number;
  /** null: follows the quota at 80 %. */
  softLimitMb: number | null;
  conservazione: boolean;
  type: MailboxTypeCode;
}

/** Applies the edit form of fig. 11 in one transaction; returns the changed field names for the audit trail. */
export function updateMailbox(deps: AdminDeps, m: Mailbox, ch: MailboxChanges): string[] {
  const changed: string[] = [];
  deps.store.transaction(() => {
    if (ch.state !== m.state) {
      deps.store.mailboxes.setState(m.id, ch.state);
      changed.push(`stato: ${m.state} → ${ch.state}`);
    }
    const quota = ch.quotaMb * MB;
    const soft = ch.softLimitMb === null ? undefined : ch.softLimitMb * MB;
    const softChanged = soft === undefined ? m.softLimitManual : soft !== m.softLimitBytes || !m.softLimitManual;
    if (quota !== m.quotaBytes || softChanged) {
      deps.store.mailboxes.setQuota(m.id, quota, soft);
      changed.push(`quota: ${ch.quotaMb} MB, soft limit: ${ch.softLimitMb === null ? '80%' : `${ch.softLimitMb} MB`}`);
    }
    if (ch.conservazione !== m.conservazione) {
      deps.store.mailboxes.setConservazione(m.id, ch.conservazione);
      changed.push(`conservazione: ${ch.conservazione ? 'sì' : 'no'}`);
    }
    if (ch.type !== m.type) {
      deps.repos.admin.setMailboxType(m.id, ch.type);
      changed.push(`tipo: ${m.type} → ${ch.type}`);
    }
  });
  if (ch.state === 'disabilitata' && m.state !== 'disabilitata') endMailboxSessions(deps, m);
  if (ch.state !== m.state) deps.bus.emit({ type: 'account.mailbox-state-changed', address: m.address, state: ch.state, by: 'admin' });
  return changed;
}

/**
 * seed 003 "Cancellare una casella": every message goes for good (no backup), the state becomes CANCELLATA and the
 * name stays locked; sessions and outstanding reset links end.
 */
export async function cancelMailbox(deps: AdminDeps, m: Mailbox): Promise<void> {
  const now = deps.clock.now();
  const { releasedBlobs } = deps.store.transaction(() => {
    deps.repos.admin.revokeResetTokens(holderOf(m), now);
    return deps.store.mailboxes.cancel(m.id, now);
  });
  endMailboxSessions(deps, m);
  for (const hash of releasedBlobs) {
    await deps.store.blobs.delete(hash);
    deps.store.messages.forgetBlob(hash);
  }
}
