// The console shell (seed 003 fig. 2 "Funzioni dell'applicativo"): skip link, header with the domain, the functions
// menu, language and logout; flashes; the shared confirmation dialog. Uses the webmail's base layout and styles.
import type { Child, FC } from 'hono/jsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { FlashRegion } from '../components/flash.tsx';
import { BaseLayout } from '../layouts/base.tsx';
import { adminTranslator, type AdminKey } from './i18n.ts';
import type { ConsoleBase } from './props.ts';
import { adminUrls } from './urls.ts';

export type ConsoleSection = 'list' | 'create' | 'outbox' | 'audit' | 'domains' | 'admins' | 'domain';

export interface ConsoleLayoutProps extends ConsoleBase {
  readonly title: string;
  readonly section: ConsoleSection;
  readonly children?: Child;
}

type NavItem = readonly [ConsoleSection, AdminKey, string];

function navItems(p: ConsoleLayoutProps): NavItem[] {
  const items: NavItem[] = [];
  if (p.domain) {
    items.push(['list', 'admin.nav.list', adminUrls.list()], ['create', 'admin.nav.create', adminUrls.create()]);
    items.push(['outbox', 'admin.nav.outbox', adminUrls.outbox()], ['audit', 'admin.nav.audit', adminUrls.audit()]);
  }
  if (p.superAdmin) items.push(['domains', 'admin.nav.domains', adminUrls.domains()], ['admins', 'admin.nav.admins', adminUrls.admins()]);
  if (p.canChangeDomain) items.push(['domain', 'admin.nav.changeDomain', adminUrls.domain()]);
  return items;
}

export const ConsoleLayout: FC<ConsoleLayoutProps> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <BaseLayout lang={p.lang} title={`${p.title} · ${t('admin.title')}`} csrfToken={p.csrfToken} bodyClass="app section-admin">
      <a class="skip-link" href="#content">
        {t('admin.skip')}
      </a>
      <header class="app-header">
        <a class="brand" href={adminUrls.home()}>
          <span class="brand-mark" aria-hidden="true">
            PEC
          </span>
          <span>{t('admin.title')}</span>
        </a>
        <nav class="app-nav" aria-label={t('admin.nav')}>
          <ul>
            {navItems(p).map(([section, key, href]) => (
              <li>
                <a href={href} aria-current={p.section === section ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="identity">
          {p.domain ? (
            <span>
              <span class="sr-only">{t('admin.domainLabel')}: </span>
              <strong>{p.domain}</strong>
            </span>
          ) : null}
          <span class="identity-collaborator">
            <span class="sr-only">{t('admin.signedInAs')}: </span>
            {p.admin}
          </span>
        </p>
        <div class="user-menu">
          <form method="post" action={adminUrls.language()} class="inline-form">
            <CsrfField token={p.csrfToken} />
            <input type="hidden" name="lang" value={p.lang === 'it' ? 'en' : 'it'} />
            <button type="submit" class="btn btn-quiet" lang={p.lang === 'it' ? 'en' : 'it'} aria-label={`${t('admin.language')}: ${t('admin.switchLanguage')}`}>
              {t('admin.switchLanguage')}
            </button>
          </form>
          <form method="post" action={adminUrls.logout()} class="inline-form">
            <CsrfField token={p.csrfToken} />
            <button type="submit" class="btn btn-quiet">
              {t('admin.logout')}
            </button>
          </form>
        </div>
      </header>
      <FlashRegion flashes={p.flashes} />
      <main id="content" class="app-main" tabindex={-1}>
        <div class="page-narrow stack">
          <p class="muted">{t('admin.heading')}</p>
          {p.children}
        </div>
      </main>
      <ConfirmDialog lang={p.lang} />
    </BaseLayout>
  );
};

/** The error list at the top of a form, first thing a screen reader hears (same markup as the webmail's). */
export const FormErrors: FC<{ title: string; errors: readonly { message: string }[] }> = ({ title, errors }) =>
  errors.length === 0 ? null : (
    <div class="error-banner" role="alert" id="form-errors">
      <p class="error-banner-title">{title}</p>
      <ul>
        {errors.map((e) => (
          <li>{e.message}</li>
        ))}
      </ul>
    </div>
  );

/** An error answer (404 for another domain's mailbox, 403, 401): the message and the way back to the console. */
export const ConsoleErrorPage: FC<{ lang: ConsoleBase['lang']; status: number; message: string }> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <BaseLayout lang={p.lang} title={`${p.status} · ${t('admin.title')}`} bodyClass="auth">
      <main id="content" class="auth-main">
        <div class="card auth-card stack" role="alert">
          <h1>{p.status}</h1>
          <p>{p.message}</p>
          <p>
            <a href={adminUrls.home()}>{t('admin.btn.back')}</a>
          </p>
        </div>
      </main>
    </BaseLayout>
  );
};
