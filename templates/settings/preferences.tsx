// Settings › Interfaccia Utente and Impaginazione Messaggi (seed 000 §2.1.1): language and 2/3-column layout.
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { RadioGroup } from '../components/field.tsx';
import { LANGS, translator } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { PreferencesSettingsProps } from './props.ts';
import { SettingsLayout } from './settings-layout.tsx';

export const PreferencesPage: FC<PreferencesSettingsProps> = (p) => {
  const t = translator(p.lang);
  return (
    <SettingsLayout {...p} section="preferences" title={t('settings.ui')}>
      <form method="post" action={urls.settings.preferences()} class="stack">
        <CsrfField token={p.csrfToken} />
        <RadioGroup
          name="lang"
          legend={t('settings.language')}
          idPrefix="pref-lang"
          value={p.lang}
          options={LANGS.map((l) => ({ value: l, label: t(`settings.lang.${l}`) }))}
        />
        <RadioGroup
          name="layout"
          legend={t('settings.layout')}
          idPrefix="pref-layout"
          value={String(p.layout)}
          options={[
            { value: '2', label: t('settings.layout.2') },
            { value: '3', label: t('settings.layout.3') },
          ]}
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
    </SettingsLayout>
  );
};
