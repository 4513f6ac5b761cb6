// seed 003 "Creare una casella" (fig. 9), "Modificare una casella" (fig. 11), "Inserire o modificare l'indirizzo
// email" (fig. 13) and the confirmation step of "Cancellare una casella".
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { RadioGroup, SelectField, TextField } from '../components/field.tsx';
import { adminTranslator, type AT } from './i18n.ts';
import { ConsoleLayout, FormErrors } from './layout.tsx';
import { ResetButton } from './mailbox-detail.tsx';
import { type ConsoleBase, type FieldError, type MailboxDetail, type MailboxForm, TYPES } from './props.ts';
import { adminUrls } from './urls.ts';

const errorOf = (errors: readonly FieldError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

const YesNo: FC<{ t: AT; value: boolean; idPrefix: string }> = ({ t, value, idPrefix }) => (
  <RadioGroup
    name="conservazione"
    legend={t('admin.field.conservazione')}
    idPrefix={idPrefix}
    value={value ? '1' : '0'}
    options={[
      { value: '1', label: t('admin.yes') },
      { value: '0', label: t('admin.no') },
    ]}
  />
);

const typeOptions = (t: AT) => TYPES.map((c) => ({ value: c, label: t(`admin.type.${c}`) }));

export interface MailboxCreateProps extends ConsoleBase {
  readonly domain: string;
  readonly form: MailboxForm;
  readonly errors?: readonly FieldError[] | undefined;
}

export const MailboxCreatePage: FC<MailboxCreateProps> = (p) => {
  const t = adminTranslator(p.lang);
  const errors = p.errors ?? [];
  return (
    <ConsoleLayout {...p} title={t('admin.create.heading')} section="create">
      <section class="card stack" aria-labelledby="create-heading">
        <h1 id="create-heading">{t('admin.create.heading')}</h1>
        <FormErrors title={t('admin.err.title')} errors={errors} />
        <form method="post" action={adminUrls.create()} class="stack">
          <CsrfField token={p.csrfToken} />
          <dl class="facts">
            <dt>{t('admin.field.domain')}</dt>
            <dd>{p.domain}</dd>
          </dl>
          <TextField id="mb-name" name="name" label={t('admin.field.name')} value={p.form.name} hint={t('admin.name.hint', { domain: p.domain })} error={errorOf(errors, 'name')} required extra={{ autocapitalize: 'none', spellcheck: 'false', maxlength: '64' }} />
          <TextField id="mb-email" name="communicationEmail" type="email" label={t('admin.field.email')} value={p.form.communicationEmail} hint={t('admin.email.hint')} error={errorOf(errors, 'communicationEmail')} required autocomplete="off" />
          <SelectField id="mb-type" name="type" label={t('admin.field.type')} options={typeOptions(t)} value={p.form.type ?? 'A'} error={errorOf(errors, 'type')} />
          <YesNo t={t} value={p.form.conservazione ?? false} idPrefix="mb-cons" />
          <div class="form-actions">
            <a class="btn" href={adminUrls.list()}>
              {t('admin.btn.cancel')}
            </a>
            <button type="submit" class="btn btn-primary">
              {t('admin.btn.create')}
            </button>
          </div>
        </form>
      </section>
    </ConsoleLayout>
  );
};

export interface MailboxEditProps extends ConsoleBase {
  readonly mailbox: MailboxDetail;
  readonly form: MailboxForm;
  readonly errors?: readonly FieldError[] | undefined;
}

/** Fig. 11: CAMBIA STATO, QUOTA DISCO, SOFT LIMIT, Conservazione, type; MODIFICA E-MAIL is its own form (fig. 13). */
export const MailboxEditPage: FC<MailboxEditProps> = (p) => {
  const t = adminTranslator(p.lang);
  const m = p.mailbox;
  const errors = p.errors ?? [];
  return (
    <ConsoleLayout {...p} title={`${t('admin.edit.heading')} ${m.address}`} section="list">
      <section class="card stack" aria-labelledby="edit-heading">
        <h1 id="edit-heading">
          {t('admin.edit.heading')} {m.address}
        </h1>
        <FormErrors title={t('admin.err.title')} errors={errors} />
        <form method="post" action={adminUrls.email(m.id)} class="actions-bar">
          <CsrfField token={p.csrfToken} />
          <TextField id="mb-new-email" name="communicationEmail" type="email" label={`${t('admin.field.email')} (${m.communicationEmail ?? t('admin.noEmail')})`} value={p.form.communicationEmail} error={errorOf(errors, 'communicationEmail')} required autocomplete="off" />
          <button type="submit" class="btn">
            {t('admin.btn.editEmail')}
          </button>
        </form>
        <form method="post" action={adminUrls.edit(m.id)} class="stack">
          <CsrfField token={p.csrfToken} />
          <div class="form-grid">
            <SelectField
              id="mb-state"
              name="state"
              label={t('admin.field.changeState')}
              value={p.form.state ?? (m.state === 'disabilitata' ? 'disabilitata' : 'attiva')}
              error={errorOf(errors, 'state')}
              options={[
                { value: 'attiva', label: t('admin.state.attiva') },
                { value: 'disabilitata', label: t('admin.state.disabilitata') },
              ]}
            />
            <SelectField id="mb-type" name="type" label={t('admin.field.type')} options={typeOptions(t)} value={p.form.type ?? m.type} error={errorOf(errors, 'type')} />
            <TextField id="mb-quota" name="quotaMb" label={t('admin.field.quota')} value={p.form.quotaMb ?? String(m.quotaMb)} error={errorOf(errors, 'quotaMb')} required extra={{ inputmode: 'numeric' }} />
            <TextField id="mb-soft" name="softLimitMb" label={t('admin.field.softLimit')} value={p.form.softLimitMb ?? (m.softLimitManual ? String(m.softLimitMb) : '')} hint={t('admin.softLimit.hint')} placeholder={String(m.softLimitMb)} error={errorOf(errors, 'softLimitMb')} extra={{ inputmode: 'numeric' }} />
          </div>
          <YesNo t={t} value={p.form.conservazione ?? m.conservazione} idPrefix="mb-cons" />
          <div class="form-actions">
            <a class="btn" href={adminUrls.mailbox(m.id)}>
              {t('admin.btn.cancel')}
            </a>
            <button type="submit" class="btn btn-primary">
              {t('admin.btn.edit')}
            </button>
          </div>
        </form>
        <div class="form-actions">
          <ResetButton m={m} t={t} csrfToken={p.csrfToken} />
          <a class="btn btn-danger" href={adminUrls.remove(m.id)}>
            {t('admin.btn.delete')}
          </a>
        </div>
      </section>
    </ConsoleLayout>
  );
};

export interface DeleteConfirmProps extends ConsoleBase {
  readonly mailbox: MailboxDetail;
  readonly error?: string | undefined;
}

/** The confirmation step: the warning of the seed and the name typed again (a slip cannot erase a mailbox). */
export const DeleteConfirmPage: FC<DeleteConfirmProps> = (p) => {
  const t = adminTranslator(p.lang);
  const m = p.mailbox;
  return (
    <ConsoleLayout {...p} title={t('admin.btn.delete')} section="list">
      <section class="card stack" aria-labelledby="delete-heading">
        <h1 id="delete-heading">{t('admin.delete.heading', { address: m.address })}</h1>
        <div class="error-banner" role="note">
          <p>{t('admin.delete.warning')}</p>
        </div>
        <form method="post" action={adminUrls.remove(m.id)} class="stack">
          <CsrfField token={p.csrfToken} />
          <TextField id="delete-name" name="confirmName" label={t('admin.delete.confirmLabel', { name: m.name })} error={p.error} required extra={{ autocapitalize: 'none', spellcheck: 'false', autocomplete: 'off' }} />
          <div class="form-actions">
            <a class="btn" href={adminUrls.mailbox(m.id)}>
              {t('admin.btn.cancel')}
            </a>
            <button type="submit" class="btn btn-danger">
              {t('admin.btn.delete')}
            </button>
          </div>
        </form>
      </section>
    </ConsoleLayout>
  );
};
