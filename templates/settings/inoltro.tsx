// Settings › PEC - Inoltro Messaggi non Certificati (seed 000 §2.7.5): Destinatario, "Indirizzo Attuale di Inoltro",
// Reset, and the note that entering the PEC address itself means receiving ordinary mail as busta di anomalia.
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextField } from '../components/field.tsx';
import { translator } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { InoltroSettingsProps } from './props.ts';
import { CurrentRule } from './current-rule.tsx';
import { SettingsLayout } from './settings-layout.tsx';

export const InoltroSettingsPage: FC<InoltroSettingsProps> = (p) => {
  const t = translator(p.lang);
  const fieldErr = p.errors?.find((e) => e.field === 'recipient')?.message;
  return (
    <SettingsLayout {...p} section="inoltro" title={t('settings.inoltro')}>
      <h3>{t('inoltro.enable')}</h3>
      <p>{t('inoltro.intro')}</p>
      <form method="post" action={urls.settings.inoltro()} class="stack">
        <CsrfField token={p.csrfToken} />
        <p id="inoltro-to-text">{t('inoltro.to')}</p>
        <TextField id="inoltro-recipient" name="recipient" type="email" label={t('inoltro.recipient')} required describedBy="inoltro-to-text inoltro-self-note" error={fieldErr} />
        <p class="hint" id="inoltro-self-note">
          {t('inoltro.selfNote')}
        </p>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <CurrentRule
        id="inoltro-current"
        heading={t('inoltro.current')}
        active={p.current !== null && p.current !== undefined}
        noneText={t('inoltro.none')}
        resetUrl={urls.settings.inoltroReset()}
        resetLabel={t('settings.reset')}
        csrfToken={p.csrfToken}
      >
        {p.current ? (
        <dl class="facts">
          <dt>{t('inoltro.recipient')}</dt>
          <dd>
            {p.current.recipient}
            {p.current.toSelf ? <span class="badge badge-muted">{t('inoltro.self')}</span> : null}
          </dd>
        </dl>
        ) : null}
      </CurrentRule>
    </SettingsLayout>
  );
};
