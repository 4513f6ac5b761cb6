// The settings shell (seed 000 §2.7 "Impostazioni"): the section list on the left, one section on the right.
import type { Child, FC } from 'hono/jsx';
import { translator, type MessageKey } from '../i18n/index.ts';
import { AppLayout } from '../layouts/app.tsx';
import { ErrorBanner } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';
import type { SettingsBase, SettingsSection } from './props.ts';

/** Sections in the order of the manual's "Sezione" list. */
export const SECTIONS: ReadonlyArray<readonly [SettingsSection, MessageKey, () => string]> = [
  ['preferences', 'settings.ui', urls.settings.preferences],
  ['folders', 'settings.folders', urls.settings.folders],
  ['password', 'settings.password', urls.settings.password],
  ['notifica', 'settings.notifica', urls.settings.notifica],
  ['inoltro', 'settings.inoltro', urls.settings.inoltro],
  ['filters', 'settings.filters', urls.settings.filters],
];

export const SettingsLayout: FC<SettingsBase & { section: SettingsSection; title: string; children?: Child }> = (p) => {
  const t = translator(p.lang);
  return (
    <AppLayout lang={p.lang} title={p.title} csrfToken={p.csrfToken} section="settings" {...p.shell} flashes={p.flashes ?? p.shell.flashes}>
      <h1>{t('settings.heading')}</h1>
      <div class="with-sidebar">
        <nav class="card side-nav" aria-labelledby="settings-sections">
          <h2 id="settings-sections" class="pane-title">{t('settings.sections')}</h2>
          <ul>
            {SECTIONS.map(([id, key, href]) => (
              <li>
                <a href={href()} aria-current={p.section === id ? 'page' : undefined}>
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <section class="card stack" aria-labelledby="settings-title">
          <h2 id="settings-title">{p.title}</h2>
          <ErrorBanner errors={(p.errors ?? []).filter((e) => !e.field)} />
          {p.children}
        </section>
      </div>
    </AppLayout>
  );
};
