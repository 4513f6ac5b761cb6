// "Posta in uscita": the service notices (reset links, e-mail changes, expiry, quota) kept in the local outbox when no
// smarthost is configured, each readable in full, so the demo works with no network; and the activity log.
import type { FC } from 'hono/jsx';
import { Pagination } from '../components/pagination.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { adminTranslator, type AdminKey } from './i18n.ts';
import { ConsoleLayout } from './layout.tsx';
import type { ConsoleBase } from './props.ts';
import { adminUrls } from './urls.ts';

export interface NoticeRow {
  readonly id: number;
  readonly createdAt: number;
  readonly kind: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly status: 'outbox' | 'sent' | 'failed';
  readonly error: string | null;
}

export interface OutboxProps extends ConsoleBase {
  readonly smarthost: boolean;
  readonly rows: readonly NoticeRow[];
  readonly page: number;
  readonly pages: number;
}

const kindKey = (k: string) => `admin.notice.kind.${k}` as AdminKey;

export const OutboxPage: FC<OutboxProps> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <ConsoleLayout {...p} title={t('admin.outbox.heading')} section="outbox">
      <h1>{t('admin.outbox.heading')}</h1>
      <p class="notice">{p.smarthost ? t('admin.outbox.smarthost') : t('admin.outbox.local')}</p>
      <div class="card">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.outbox.date')}</th>
              <th scope="col">{t('admin.outbox.kind')}</th>
              <th scope="col">{t('admin.outbox.to')}</th>
              <th scope="col">{t('admin.outbox.subject')}</th>
              <th scope="col">{t('admin.outbox.status')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr>
                <td colspan={5}>{t('admin.outbox.empty')}</td>
              </tr>
            ) : (
              p.rows.map((n) => (
                <tr>
                  <td>{formatDateTime(n.createdAt, p.lang)}</td>
                  <td>{t(kindKey(n.kind))}</td>
                  <td>{n.to}</td>
                  <th scope="row">
                    <a href={adminUrls.notice(n.id)}>{n.subject}</a>
                  </th>
                  <td>{t(`admin.outbox.status.${n.status}`)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <Pagination lang={p.lang} page={p.page} pages={p.pages} hrefFor={(page) => adminUrls.outbox(page)} />
      </div>
    </ConsoleLayout>
  );
};

/** One notice in full: the body is plain text (escaped by hono/jsx), links are shown as text to copy or open. */
export const NoticePage: FC<ConsoleBase & { notice: NoticeRow; links: readonly string[] }> = (p) => {
  const t = adminTranslator(p.lang);
  const n = p.notice;
  return (
    <ConsoleLayout {...p} title={n.subject} section="outbox">
      <p>
        <a href={adminUrls.outbox()}>{t('admin.outbox.heading')}</a>
      </p>
      <article class="card stack" aria-labelledby="notice-subject">
        <h1 id="notice-subject">{n.subject}</h1>
        <dl class="facts">
          <dt>{t('admin.outbox.date')}</dt>
          <dd>{formatDateTime(n.createdAt, p.lang)}</dd>
          <dt>{t('admin.outbox.to')}</dt>
          <dd>{n.to}</dd>
          <dt>{t('admin.outbox.kind')}</dt>
          <dd>{t(kindKey(n.kind))}</dd>
          <dt>{t('admin.outbox.status')}</dt>
          <dd>
            {t(`admin.outbox.status.${n.status}`)}
            {n.error ? ` (${n.error})` : ''}
          </dd>
        </dl>
        <pre class="body-text">{n.body}</pre>
        {p.links.length ? (
          <ul class="plain-list">
            {p.links.map((l) => (
              <li>
                <a href={l} class="mono" rel="noreferrer">
                  {l}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </article>
    </ConsoleLayout>
  );
};

export interface AuditRowView {
  readonly at: number;
  readonly admin: string;
  readonly action: string;
  readonly mailbox: string | null;
  readonly mailboxId: number | null;
  readonly detail: string;
}

export const AuditPage: FC<ConsoleBase & { rows: readonly AuditRowView[]; page: number; pages: number }> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <ConsoleLayout {...p} title={t('admin.audit.heading')} section="audit">
      <h1>{t('admin.audit.heading')}</h1>
      <div class="card">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.mailbox')}</th>
              <th scope="col">{t('admin.audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr>
                <td colspan={5}>{t('admin.audit.empty')}</td>
              </tr>
            ) : (
              p.rows.map((r) => (
                <tr>
                  <td>{formatDateTime(r.at, p.lang)}</td>
                  <td>{r.admin}</td>
                  <td>{t(`admin.action.${r.action}` as AdminKey)}</td>
                  <td>{r.mailbox && r.mailboxId !== null ? <a href={adminUrls.mailbox(r.mailboxId)}>{r.mailbox}</a> : ''}</td>
                  <td>{r.detail}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
        <Pagination lang={p.lang} page={p.page} pages={p.pages} hrefFor={(page) => adminUrls.audit(page)} />
      </div>
    </ConsoleLayout>
  );
};
