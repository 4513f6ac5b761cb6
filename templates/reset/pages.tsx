// The ends of the one-time reset link (seed 003 fig. 15-16): the link is no longer valid, or the password was set.
// The form in between is the webmail's ResetNewPasswordPage (templates/webmail/password-reset.tsx).
import type { FC } from 'hono/jsx';
import type { Lang } from '../i18n/index.ts';
import { AuthLayout } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';

const TEXT = {
  it: {
    title: 'RECUPERO PASSWORD',
    invalid: 'Il collegamento non è valido: è già stato usato, è scaduto (vale 24 ore) oppure è stato sostituito da uno più recente.',
    invalidHint: 'Chiedi un nuovo collegamento all\'amministratore del dominio oppure usa "Password dimenticata?" nella pagina di accesso.',
    saved: 'La password è stata impostata.',
    savedHint: 'Da questo momento la casella {address} si apre solo con la nuova password.',
    toLogin: 'Vai alla webmail',
  },
  en: {
    title: 'PASSWORD RECOVERY',
    invalid: 'This link is not valid: it was already used, it expired (it lasts 24 hours) or a newer one replaced it.',
    invalidHint: 'Ask the domain administrator for a new link, or use "Forgot password?" on the sign-in page.',
    saved: 'The password has been set.',
    savedHint: 'From now on the mailbox {address} opens only with the new password.',
    toLogin: 'Go to the webmail',
  },
} as const;

export const ResetInvalidPage: FC<{ lang: Lang }> = ({ lang }) => {
  const t = TEXT[lang];
  return (
    <AuthLayout lang={lang} title={t.title}>
      <h1>{t.title}</h1>
      <div role="alert" class="stack">
        <p>
          <strong>{t.invalid}</strong>
        </p>
        <p>{t.invalidHint}</p>
      </div>
      <p>
        <a class="btn btn-primary" href={urls.login()}>
          {t.toLogin}
        </a>
      </p>
    </AuthLayout>
  );
};

export const ResetSavedPage: FC<{ lang: Lang; address: string }> = ({ lang, address }) => {
  const t = TEXT[lang];
  return (
    <AuthLayout lang={lang} title={t.title}>
      <h1>{t.title}</h1>
      <div role="status" class="stack">
        <p>
          <strong>{t.saved}</strong>
        </p>
        <p>{t.savedHint.replace('{address}', address)}</p>
      </div>
      <p>
        <a class="btn btn-primary" href={urls.login()}>
          {t.toLogin}
        </a>
      </p>
    </AuthLayout>
  );
};
