// The console's entry pages: login (seed 003 fig. 1) and the domain choice for administrators of more than one
// domain (seed 003 fig. 3).
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextField } from '../components/field.tsx';
import { AuthLayout, ErrorBanner } from '../layouts/auth.tsx';
import { adminTranslator } from './i18n.ts';
import { ConsoleLayout } from './layout.tsx';
import type { ConsoleBase, Lang } from './props.ts';
import { adminUrls } from './urls.ts';

export interface AdminLoginProps {
  readonly lang: Lang;
  /** A pre-session token (double-submit cookie) for the login form. */
  readonly csrfToken: string;
  readonly username?: string | undefined;
  readonly error?: string | undefined;
}

export const AdminLoginPage: FC<AdminLoginProps> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <AuthLayout lang={p.lang} title={t('admin.login.heading')}>
      <h1>{t('admin.login.heading')}</h1>
      <ErrorBanner errors={p.error ? [{ message: p.error }] : []} />
      <form method="post" action={adminUrls.login()} class="stack">
        <CsrfField token={p.csrfToken} />
        <TextField id="admin-username" name="username" label={t('admin.login.username')} value={p.username} autocomplete="username" required />
        <TextField id="admin-password" name="password" type="password" label={t('admin.login.password')} autocomplete="current-password" required />
        <button type="submit" class="btn btn-primary btn-block">
          {t('admin.login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
};

export interface DomainChoiceProps extends ConsoleBase {
  readonly domains: readonly { id: number; name: string }[];
  readonly current?: number | undefined;
}

export const DomainChoicePage: FC<DomainChoiceProps> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <ConsoleLayout {...p} title={t('admin.domain.heading')} section="domain">
      <section class="card stack" aria-labelledby="domain-heading">
        <h1 id="domain-heading">{t('admin.domain.heading')}</h1>
        {p.domains.length === 0 ? (
          <p>{t('admin.domain.none')}</p>
        ) : (
          <form method="post" action={adminUrls.domain()} class="stack">
            <CsrfField token={p.csrfToken} />
            <fieldset class="radio-group">
              <legend>{t('admin.domain.legend')}</legend>
              {p.domains.map((d, i) => (
                <div class="check">
                  <input type="radio" id={`domain-${d.id}`} name="domain" value={String(d.id)} checked={p.current === d.id || (p.current === undefined && i === 0)} />
                  <label for={`domain-${d.id}`}>{d.name}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" class="btn btn-primary">
              {t('admin.domain.submit')}
            </button>
          </form>
        )}
      </section>
    </ConsoleLayout>
  );
};
