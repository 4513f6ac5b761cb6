// Changing a mailbox principal's own password (seed 000 §2.2 forced, §2.7.2 voluntary): current password,
// policy, new hash; every other session of the principal ends so a stolen session does not survive the change.
import { hashPassword, verifyPassword } from '../../auth/hash.ts';
import { checkNewPassword } from '../../auth/password-policy.ts';
import type { PrincipalRef } from '../../store/index.ts';
import type { Lang } from '../../../templates/i18n/index.ts';
import type { FormError } from '../../../templates/webmail/props.ts';
import type { WebmailDeps } from './deps.ts';
import { text } from './texts.ts';

export interface PasswordForm {
  current: string;
  password: string;
  repeat: string;
}

/** Errors for the form, or [] after the new password is stored. */
export async function changeOwnPassword(deps: WebmailDeps, who: PrincipalRef, f: PasswordForm, lang: Lang): Promise<FormError[]> {
  const { store, clock } = deps;
  const stored = who.kind === 'holder' ? store.principals.holder(who.id)?.passwordHash : store.principals.collaboratorById(who.id)?.passwordHash;
  const errors: FormError[] = [];
  if (f.current === '') errors.push({ field: 'current', message: text(lang, 'password.required') });
  else if (!stored || !(await verifyPassword(f.current, stored))) errors.push({ field: 'current', message: text(lang, 'password.wrongCurrent') });
  const violations = checkNewPassword({ kind: who.kind === 'holder' ? 'titolare' : 'collaboratore', password: f.password, confirmation: f.repeat, oldPassword: f.current });
  for (const v of violations) errors.push({ field: v.rule === 'confirmation-mismatch' ? 'repeat' : 'password', message: v[lang] });
  if (errors.length) return errors;
  const hash = await hashPassword(f.password);
  const now = clock.now();
  if (who.kind === 'holder') store.principals.setHolderPassword(who.id, hash, now, false);
  else store.principals.setCollaboratorPassword(who.id, hash, now);
  store.sessions.deleteSessionsOf(who);
  return [];
}
