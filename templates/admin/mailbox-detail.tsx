// seed 003 fig. 8 and 12: a mailbox's details (informazioni and caratteristiche), with the password state of
// "Scadenza della password" (fig. 17) and the actions MODIFICA, INVIA RESET PASSWORD, CANCELLA CASELLA.
import type { FC } from 'hono/jsx';
import { confirmAttrs } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { formatBytes } from '../i18n/format.ts';
import { adminTranslator, type AT } from './i18n.ts';
import { ConsoleLayout } from './layout.tsx';
import type { ConsoleBase, Lang, MailboxDetail, PasswordInfo } from './props.ts';
import { adminUrls } from './urls.ts';

export const formatDay = (ms: number, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(ms));

export function passwordLabel(p: PasswordInfo, t: AT, lang: Lang): string {
  switch (p.state) {
    case 'valida':
      return t('admin.password.valida', { date: formatDay(p.expiresAt, lang) });
    case 'in-scadenza':
      return t('admin.password.in-scadenza', { days: p.daysLeft });
    case 'scaduta':
      return t('admin.password.scaduta');
    case 'none':
      return t('admin.password.none');
  }
}

export interface MailboxDetailProps extends ConsoleBase {
  readonly mailbox: MailboxDetail;
}

/** The two fact lists of fig. 11: "Informazioni Casella" and "Caratteristiche Casella". */
export const MailboxFacts: FC<{ m: MailboxDetail; t: AT; lang: Lang }> = ({ m, t, lang }) => (
  <div class="form-grid">
    <section aria-labelledby="info-heading">
      <h2 id="info-heading">{t('admin.info')}</h2>
      <dl class="facts">
        <dt>{t('admin.field.name')}</dt>
        <dd>{m.name}</dd>
        <dt>{t('admin.field.domain')}</dt>
        <dd>{m.domain}</dd>
        <dt>{t('admin.field.email')}</dt>
        <dd>{m.communicationEmail ?? t('admin.noEmail')}</dd>
        <dt>{t('admin.field.created')}</dt>
        <dd>{formatDay(m.createdAt, lang)}</dd>
        <dt>{t('admin.field.state')}</dt>
        <dd>
          <strong>{t(`admin.state.${m.state}`)}</strong>
        </dd>
        <dt>{t('admin.field.password')}</dt>
        <dd class={m.password.state === 'scaduta' ? 'field-error' : undefined}>{passwordLabel(m.password, t, lang)}</dd>
      </dl>
    </section>
    <section aria-labelledby="features-heading">
      <h2 id="features-heading">{t('admin.features')}</h2>
      <dl class="facts">
        <dt>{t('admin.field.type')}</dt>
        <dd>{t(`admin.type.${m.type}`)}</dd>
        <dt>{t('admin.field.quota')}</dt>
        <dd>{m.quotaMb}</dd>
        <dt>{t('admin.field.softLimit')}</dt>
        <dd>{m.softLimitMb}</dd>
        <dt>{t('admin.field.used')}</dt>
        <dd>{formatBytes(m.usedBytes, lang)}</dd>
        <dt>{t('admin.field.conservazione')}</dt>
        <dd>{m.conservazione ? t('admin.enabled') : t('admin.disabled')}</dd>
      </dl>
    </section>
  </div>
);

/** INVIA RESET PASSWORD: a POST with the shared confirmation dialog (seed 003 fig. 14). */
export const ResetButton: FC<{ m: MailboxDetail; t: AT; csrfToken: string }> = ({ m, t, csrfToken }) =>
  m.communicationEmail && m.state !== 'cancellata' ? (
    <form method="post" action={adminUrls.reset(m.id)} class="inline-form" {...confirmAttrs(t('admin.reset.confirm', { email: m.communicationEmail }), false)}>
      <CsrfField token={csrfToken} />
      <button type="submit" class="btn">
        {t('admin.btn.reset')}
      </button>
    </form>
  ) : null;

export const MailboxDetailPage: FC<MailboxDetailProps> = (p) => {
  const t = adminTranslator(p.lang);
  const m = p.mailbox;
  return (
    <ConsoleLayout {...p} title={m.address} section="list">
      <p>
        <a href={adminUrls.list()}>{t('admin.btn.back')}</a>
      </p>
      <section class="card stack" aria-labelledby="mailbox-heading">
        <h1 id="mailbox-heading">{m.address}</h1>
        <MailboxFacts m={m} t={t} lang={p.lang} />
        {m.state === 'cancellata' ? null : (
          <div class="form-actions">
            <a class="btn btn-primary" href={adminUrls.edit(m.id)} aria-label={t('admin.btn.editLabel', { address: m.address })}>
              ✎ {t('admin.btn.edit')}
            </a>
            <ResetButton m={m} t={t} csrfToken={p.csrfToken} />
            <a class="btn btn-danger" href={adminUrls.remove(m.id)}>
              {t('admin.btn.delete')}
            </a>
          </div>
        )}
      </section>
    </ConsoleLayout>
  );
};
