// The pre-login shell (login, first-access password, reset): a centred card under the service title.
import type { Child, FC } from 'hono/jsx';
import { type Flash, FlashRegion } from '../components/flash.tsx';
import { translator, type Lang } from '../i18n/index.ts';
import { BaseLayout } from './base.tsx';

export interface AuthLayoutProps {
  readonly lang: Lang;
  readonly title: string;
  /** Present once a session exists (forced password change); absent on the login and reset pages. */
  readonly csrfToken?: string | undefined;
  readonly flashes?: readonly Flash[] | undefined;
  readonly children?: Child;
}

export const AuthLayout: FC<AuthLayoutProps> = (p) => {
  const t = translator(p.lang);
  return (
    <BaseLayout lang={p.lang} title={`${p.title} · ${t('app.title')}`} csrfToken={p.csrfToken} bodyClass="auth">
      <a class="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <main id="content" class="auth-main" tabindex={-1}>
        <p class="auth-brand">
          <span class="brand-mark" aria-hidden="true">
            PEC
          </span>
          <span>{t('app.title').toUpperCase()}</span>
        </p>
        <div class="card auth-card">
          <FlashRegion flashes={p.flashes} />
          {p.children}
        </div>
      </main>
    </BaseLayout>
  );
};

/** The error banner of a form: a labelled alert listing each problem, first thing a screen reader hears. */
export const ErrorBanner: FC<{ title?: string | undefined; errors: readonly { message: string }[] }> = ({ title, errors }) =>
  errors.length === 0 ? null : (
    <div class="error-banner" role="alert" tabindex={-1} id="form-errors">
      {title ? <p class="error-banner-title">{title}</p> : null}
      <ul>
        {errors.map((e) => (
          <li>{e.message}</li>
        ))}
      </ul>
    </div>
  );
