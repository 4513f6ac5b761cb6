// Settings › PEC - Abilita Messaggi di Notifica (seed 000 §2.7.4): Tipo di Notifica "via email", Destinatario,
// the "Attuale Regola impostata" and Reset. The form comes back empty after Salva; the rule shows below.
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { translator } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { NotificaSettingsProps } from './props.ts';
import { CurrentRule } from './current-rule.tsx';
import { SettingsLayout } from './settings-layout.tsx';

export const NotificaSettingsPage: FC<NotificaSettingsProps> = (p) => {
  const t = translator(p.lang);
  const fieldErr = p.errors?.find((e) => e.field === 'recipient')?.message;
  return (
    <SettingsLayout {...p} section="notifica" title={t('settings.notifica')}>
      <p>{t('notifica.intro')}</p>
      <form method="post" action={urls.settings.notifica()} class="stack">
        <CsrfField token={p.csrfToken} />
        <SelectField id="notifica-type" name="type" label={t('notifica.type')} value="email" options={[{ value: 'email', label: t('notifica.viaEmail') }]} />
        <TextField id="notifica-recipient" name="recipient" type="email" label={t('notifica.recipient')} required error={fieldErr} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
      <CurrentRule
        id="notifica-current"
        heading={t('notifica.current')}
        active={p.current !== null && p.current !== undefined}
        noneText={t('notifica.none')}
        resetUrl={urls.settings.notificaReset()}
        resetLabel={t('settings.reset')}
        csrfToken={p.csrfToken}
      >
        {p.current ? (
        <dl class="facts">
          <dt>{t('notifica.sender')}</dt>
          <dd>{p.current.sender}</dd>
          <dt>{t('notifica.recipient')}</dt>
          <dd>{p.current.recipient}</dd>
        </dl>
        ) : null}
      </CurrentRule>
    </SettingsLayout>
  );
};
