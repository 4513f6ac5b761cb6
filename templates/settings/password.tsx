// Settings › PEC - Modifica Password (seed 000 §2.7.2): the same form as the forced change, inside settings.
import type { FC } from 'hono/jsx';
import { translator } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import { PasswordChangeForm } from '../webmail/password-change.tsx';
import type { PasswordSettingsProps } from './props.ts';
import { SettingsLayout } from './settings-layout.tsx';

export const PasswordSettingsPage: FC<PasswordSettingsProps> = (p) => {
  const t = translator(p.lang);
  // Field errors go to the form; whole-form errors to the layout's banner.
  return (
    <SettingsLayout {...p} errors={(p.errors ?? []).filter((e) => !e.field)} section="password" title={t('settings.password')}>
      <PasswordChangeForm
        lang={p.lang}
        csrfToken={p.csrfToken}
        reason="voluntary"
        mailbox={p.mailbox}
        errors={(p.errors ?? []).filter((e) => e.field)}
        action={urls.settings.password()}
      />
    </SettingsLayout>
  );
};
