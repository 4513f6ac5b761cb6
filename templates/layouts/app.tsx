// The signed-in shell: skip link, header (mailbox address, menu, quick search, language, logout), flashes, dialogs.
import type { Child, FC } from 'hono/jsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { type Flash, FlashRegion } from '../components/flash.tsx';
import { KEYBOARD_HELP_ID, KeyboardHelp } from '../components/keyboard-help.tsx';
import { translator, type Lang, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import { BaseLayout } from './base.tsx';

export type Section = 'mail' | 'rubrica' | 'settings' | 'search';

export interface AppLayoutProps {
  readonly lang: Lang;
  readonly title: string;
  readonly csrfToken: string;
  /** The casella being used. */
  readonly mailbox: string;
  /** Set when a collaborator of a multiutenza mailbox is signed in. */
  readonly collaborator?: string | undefined;
  /** Collaborator with "solo consultazione": shown next to the name. */
  readonly readOnly?: boolean | undefined;
  readonly section: Section;
  readonly flashes?: readonly Flash[] | undefined;
  readonly children?: Child;
}

/** What every signed-in page passes through to the shell besides lang, title and token. */
export type ShellProps = Pick<AppLayoutProps, 'mailbox' | 'collaborator' | 'readOnly' | 'flashes'>;

const NAV: ReadonlyArray<readonly [Section, 'app.nav.mail' | 'app.nav.rubrica' | 'app.nav.settings', () => string]> = [
  ['mail', 'app.nav.mail', urls.mail.home],
  ['rubrica', 'app.nav.rubrica', urls.rubrica.home],
  ['settings', 'app.nav.settings', urls.settings.home],
];

const Identity: FC<{ p: AppLayoutProps; t: T }> = ({ p, t }) => (
  <p class="identity">
    <span class="sr-only">{t('app.mailbox')}: </span>
    <span class="identity-mailbox">{p.mailbox}</span>
    {p.collaborator ? (
      <span class="identity-collaborator">
        {t('app.collaborator')}: {p.collaborator}
        {p.readOnly ? <span class="badge badge-muted">{t('app.readOnly')}</span> : null}
      </span>
    ) : null}
  </p>
);

const QuickSearch: FC<{ t: T }> = ({ t }) => (
  <form class="quick-search" role="search" method="get" action={urls.mail.search()}>
    <label for="quick-search" class="sr-only">
      {t('app.quickSearch')}
    </label>
    <input id="quick-search" name="q" type="search" placeholder={t('app.quickSearch')} data-key-focus="/" />
  </form>
);

const UserMenu: FC<{ p: AppLayoutProps; t: T }> = ({ p, t }) => (
  <div class="user-menu">
    <button type="button" class="btn btn-quiet" data-open-dialog={KEYBOARD_HELP_ID} aria-haspopup="dialog" title={t('keys.heading')}>
      <kbd aria-hidden="true">?</kbd>
      <span class="sr-only">{t('keys.heading')}</span>
    </button>
    <form method="post" action={urls.language()} class="inline-form">
      <CsrfField token={p.csrfToken} />
      <input type="hidden" name="lang" value={p.lang === 'it' ? 'en' : 'it'} />
      <button type="submit" class="btn btn-quiet" lang={p.lang === 'it' ? 'en' : 'it'} aria-label={`${t('app.language')}: ${t('app.switchLanguage')}`}>
        {t('app.switchLanguage')}
      </button>
    </form>
    <form method="post" action={urls.logout()} class="inline-form">
      <CsrfField token={p.csrfToken} />
      <button type="submit" class="btn btn-quiet">
        {t('app.logout')}
      </button>
    </form>
  </div>
);

export const AppLayout: FC<AppLayoutProps> = (p) => {
  const t = translator(p.lang);
  return (
    <BaseLayout lang={p.lang} title={`${p.title} · ${t('app.title')}`} csrfToken={p.csrfToken} bodyClass={`app section-${p.section}`}>
      <a class="skip-link" href="#content">
        {t('app.skip')}
      </a>
      <header class="app-header">
        <a class="brand" href={urls.mail.home()}>
          <span class="brand-mark" aria-hidden="true">
            PEC
          </span>
          <span class="brand-name">{t('app.title')}</span>
        </a>
        <nav class="app-nav" aria-label={t('app.nav')}>
          <ul>
            {NAV.map(([section, key, href]) => (
              <li>
                <a href={href()} aria-current={p.section === section ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <QuickSearch t={t} />
        <Identity p={p} t={t} />
        <UserMenu p={p} t={t} />
      </header>
      <FlashRegion flashes={p.flashes} />
      <main id="content" class="app-main" tabindex={-1}>
        {p.children}
      </main>
      <ConfirmDialog lang={p.lang} />
      <KeyboardHelp lang={p.lang} />
    </BaseLayout>
  );
};
