// Password change: forced at first access or on expiry (seed 000 §2.2) and voluntary from settings (§2.7.2).
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextField } from '../components/field.tsx';
import type { Flash } from '../components/flash.tsx';
import { translator } from '../i18n/index.ts';
import { AuthLayout, ErrorBanner } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';
import type { FormError, PageBase } from './props.ts';

export type PasswordChangeReason = 'first-access' | 'expired' | 'voluntary';

export interface PasswordChangeProps extends PageBase {
  readonly reason: PasswordChangeReason;
  readonly mailbox: string;
  readonly errors?: readonly FormError[] | undefined;
  readonly flashes?: readonly Flash[] | undefined;
  /** Where the form posts: the forced page and the settings page use different routes. */
  readonly action?: string | undefined;
}

export const POLICY_ID = 'password-policy';

/** The policy legend of seed 000 §2.2, referenced by both new-password fields. */
export const PasswordPolicy: FC<{ text: string }> = ({ text }) => (
  <p class="legend" id={POLICY_ID}>
    {text}
  </p>
);

const fieldError = (errors: readonly FormError[], field: string) => errors.find((e) => e.field === field)?.message;

/** The three fields and Salva; reused by settings/password.tsx. Fields come back empty after a save (§2.7.2). */
export const PasswordChangeForm: FC<PasswordChangeProps> = (p) => {
  const t = translator(p.lang);
  const errors = p.errors ?? [];
  return (
    <form method="post" action={p.action ?? urls.passwordChange()} class="stack" id="password-change-form">
      <CsrfField token={p.csrfToken} />
      <ErrorBanner errors={errors.filter((e) => !e.field)} />
      <input type="text" name="username" value={p.mailbox} autocomplete="username" hidden readonly />
      <TextField
        id="pw-current"
        name="current"
        type="password"
        label={t('password.current')}
        autocomplete="current-password"
        required
        error={fieldError(errors, 'current')}
      />
      <TextField
        id="pw-new"
        name="password"
        type="password"
        label={t('password.new')}
        autocomplete="new-password"
        required
        minlength={8}
        describedBy={POLICY_ID}
        error={fieldError(errors, 'password')}
      />
      <TextField
        id="pw-repeat"
        name="repeat"
        type="password"
        label={t('password.repeat')}
        autocomplete="new-password"
        required
        minlength={8}
        describedBy={POLICY_ID}
        error={fieldError(errors, 'repeat')}
      />
      <PasswordPolicy text={t('password.policy')} />
      <button type="submit" class="btn btn-primary">
        {t('settings.save')}
      </button>
    </form>
  );
};

/** The forced page shown right after login when the password must change. */
export const PasswordChangePage: FC<PasswordChangeProps> = (p) => {
  const t = translator(p.lang);
  return (
    <AuthLayout lang={p.lang} title={t('password.heading')} csrfToken={p.csrfToken} flashes={p.flashes}>
      <h1>{t('password.heading')}</h1>
      {p.reason === 'voluntary' ? null : (
        <p class="notice" role="status">
          {t(p.reason === 'first-access' ? 'password.firstAccess' : 'password.expired')}
        </p>
      )}
      <dl class="facts">
        <dt>{t('password.mailbox')}</dt>
        <dd>{p.mailbox}</dd>
      </dl>
      <PasswordChangeForm {...p} />
    </AuthLayout>
  );
};
