// The login page (seed 000 §2.1, seed 001 §2.1): Nome utente (casella or collaboratore/casella) and Password.
import type { FC } from 'hono/jsx';
import { TextField } from '../components/field.tsx';
import type { Flash } from '../components/flash.tsx';
import { translator } from '../i18n/index.ts';
import { AuthLayout, ErrorBanner } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';
import type { FormError, Lang } from './props.ts';

export interface LoginProps {
  readonly lang: Lang;
  /** Echoed back after a failure so the user does not retype it; the password never is. */
  readonly username?: string | undefined;
  /** A failed login: one generic message (never say which of the two was wrong). */
  readonly errors?: readonly FormError[] | undefined;
  readonly flashes?: readonly Flash[] | undefined;
  /** Where to go after signing in (validated by the route). */
  readonly next?: string | undefined;
  /** Login CSRF: a pre-session token, when the route issues one. */
  readonly csrfToken?: string | undefined;
}

export const LoginForm: FC<LoginProps> = (p) => {
  const t = translator(p.lang);
  const errors = p.errors ?? [];
  return (
    <form method="post" action={urls.login()} class="stack">
      <h1>{t('login.heading')}</h1>
      <ErrorBanner errors={errors.filter((e) => !e.field)} />
      {p.csrfToken ? <input type="hidden" name="_csrf" value={p.csrfToken} /> : null}
      {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
      <TextField
        id="login-username"
        name="username"
        label={t('login.username')}
        value={p.username}
        autocomplete="username"
        required
        hint={`${t('login.usernameHint')}. ${t('login.collaboratorHint')}`}
        error={errors.find((e) => e.field === 'username')?.message}
      />
      <TextField
        id="login-password"
        name="password"
        type="password"
        label={t('login.password')}
        autocomplete="current-password"
        required
        error={errors.find((e) => e.field === 'password')?.message}
      />
      <button type="submit" class="btn btn-primary btn-block">
        {t('login.submit')}
      </button>
      <p class="auth-links">
        <a href={urls.reset.start()}>{t('login.forgot')}</a>
      </p>
    </form>
  );
};

export const LoginPage: FC<LoginProps> = (p) => (
  <AuthLayout lang={p.lang} title={translator(p.lang)('login.heading')} flashes={p.flashes}>
    <LoginForm {...p} />
  </AuthLayout>
);
