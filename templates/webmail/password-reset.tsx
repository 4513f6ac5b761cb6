// Self-service password reset (seed 000 §2.7.3): request (mailbox or collaborator), masked address, new password, done.
import type { Child, FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextField } from '../components/field.tsx';
import type { Flash } from '../components/flash.tsx';
import { translator, type T } from '../i18n/index.ts';
import { AuthLayout, ErrorBanner } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';
import { PasswordPolicy, POLICY_ID } from './password-change.tsx';
import type { FormError, Lang } from './props.ts';

export type ResetKind = 'mailbox' | 'collaborator';
/** Tipo Reset for a collaborator; `both` is the default (seed 000 §2.7.3 fig. 36). */
export type ResetScope = 'both' | 'mailbox' | 'panel';
export const RESET_SCOPES: readonly ResetScope[] = ['both', 'mailbox', 'panel'];

interface ResetBase {
  readonly lang: Lang;
  /** A pre-session CSRF token issued by the reset sub-app. */
  readonly csrfToken: string;
  readonly errors?: readonly FormError[] | undefined;
  readonly flashes?: readonly Flash[] | undefined;
}

export interface ResetStartProps extends ResetBase {
  readonly kind?: ResetKind | undefined;
  readonly address?: string | undefined;
  readonly username?: string | undefined;
  readonly scope?: ResetScope | undefined;
}

const err = (errors: readonly FormError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

const Shell: FC<ResetBase & { t: T; title: string; children?: Child }> = (p) => (
  <AuthLayout lang={p.lang} title={p.title} flashes={p.flashes}>
    <h1>{p.title}</h1>
    <ErrorBanner errors={(p.errors ?? []).filter((e) => !e.field)} />
    {p.children}
  </AuthLayout>
);

/** Step 2: choose casella or collaboratore; CSS shows only the chosen fieldset (`:has`), both work without it. */
export const ResetStartPage: FC<ResetStartProps> = (p) => {
  const t = translator(p.lang);
  const kind = p.kind ?? 'mailbox';
  return (
    <Shell {...p} t={t} title={t('reset.procedure')}>
      <form method="post" action={urls.reset.start()} class="stack reset-form">
        <CsrfField token={p.csrfToken} />
        <fieldset class="radio-group segmented">
          <legend class="sr-only">{t('reset.kindLegend')}</legend>
          <input type="radio" id="reset-kind-mailbox" name="kind" value="mailbox" checked={kind === 'mailbox'} />
          <label for="reset-kind-mailbox">{t('reset.kindMailbox')}</label>
          <input type="radio" id="reset-kind-collaborator" name="kind" value="collaborator" checked={kind === 'collaborator'} />
          <label for="reset-kind-collaborator">{t('reset.kindCollaborator')}</label>
        </fieldset>
        <div class="for-mailbox">
          <TextField id="reset-address" name="address" type="email" label={t('reset.pecEmail')} value={p.address} autocomplete="username" error={err(p.errors, 'address')} />
        </div>
        <div class="for-collaborator">
          <TextField id="reset-username" name="username" label={t('reset.username')} value={p.username} error={err(p.errors, 'username')} />
          <fieldset class="radio-group">
            <legend>{t('reset.scope')}</legend>
            {RESET_SCOPES.map((s) => (
              <div class="check">
                <input type="radio" id={`reset-scope-${s}`} name="scope" value={s} checked={(p.scope ?? 'both') === s} />
                <label for={`reset-scope-${s}`}>{t(`reset.scope.${s}`)}</label>
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('reset.next')}
        </button>
      </form>
    </Shell>
  );
};

export interface ResetConfirmProps extends ResetBase {
  /** Already masked by the route, e.g. "ma*****si@gm***.it" (step 3 shows it partly hidden). */
  readonly maskedAddress: string;
  /** Opaque handle of the pending request. */
  readonly requestId: string;
}

/** Step 3: shows where the link will go, partly hidden, and asks to confirm. */
export const ResetConfirmPage: FC<ResetConfirmProps> = (p) => {
  const t = translator(p.lang);
  return (
    <Shell {...p} t={t} title={t('reset.procedure')}>
      <form method="post" action={urls.reset.confirm()} class="stack">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="request" value={p.requestId} />
        <p>{t('reset.sendTo')}</p>
        <p class="masked-address">
          <strong>{p.maskedAddress}</strong>
        </p>
        <button type="submit" class="btn btn-primary">
          {t('reset.confirm')}
        </button>
      </form>
    </Shell>
  );
};

export interface ResetNewPasswordProps extends ResetBase {
  readonly mailbox: string;
  /** The token from the e-mailed link, posted back unchanged. */
  readonly token: string;
}

/** Step 4: the page the e-mailed link opens (seed 000 §2.2 fig. 8, "RECUPERO PASSWORD"). */
export const ResetNewPasswordPage: FC<ResetNewPasswordProps> = (p) => {
  const t = translator(p.lang);
  return (
    <Shell {...p} t={t} title={t('reset.title')}>
      <form method="post" action={urls.reset.newPassword()} class="stack">
        <CsrfField token={p.csrfToken} />
        <input type="hidden" name="token" value={p.token} />
        <dl class="facts">
          <dt>{t('password.mailbox')}</dt>
          <dd>{p.mailbox}</dd>
        </dl>
        <input type="text" name="username" value={p.mailbox} autocomplete="username" hidden readonly />
        <TextField id="reset-new" name="password" type="password" label={t('password.new')} autocomplete="new-password" required minlength={8} describedBy={POLICY_ID} error={err(p.errors, 'password')} />
        <TextField id="reset-repeat" name="repeat" type="password" label={t('password.repeat')} autocomplete="new-password" required minlength={8} describedBy={POLICY_ID} error={err(p.errors, 'repeat')} />
        <PasswordPolicy text={t('password.policy')} />
        <button type="submit" class="btn btn-primary">
          {t('reset.save')}
        </button>
      </form>
    </Shell>
  );
};

/** After the request or the new password: the confirmation of fig. 8 with the way back to the webmail. */
export const ResetDonePage: FC<{ lang: Lang }> = ({ lang }) => {
  const t = translator(lang);
  return (
    <AuthLayout lang={lang} title={t('reset.title')}>
      <div role="status" class="stack">
        <p>
          <strong>{t('reset.done')}</strong>
        </p>
        <p>{t('reset.doneMail')}</p>
      </div>
      <p>
        <a class="btn btn-primary" href={urls.login()}>
          {t('reset.toWebmail')}
        </a>
      </p>
    </AuthLayout>
  );
};
