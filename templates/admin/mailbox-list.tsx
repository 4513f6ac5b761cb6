// seed 003 "Elenco", "Ricerca" and "Esportare" (fig. 4-7, 10): the search bar, the EXPORT menu and the paginated
// list of the domain's mailboxes; the list is also a fragment that the search and the pages swap in through htmx.
import type { FC } from 'hono/jsx';
import { Pagination } from '../components/pagination.tsx';
import { formatBytes } from '../i18n/format.ts';
import { adminTranslator, type AT } from './i18n.ts';
import { ConsoleLayout } from './layout.tsx';
import { type ConsoleBase, type Lang, type MailboxRow, STATES } from './props.ts';
import { adminUrls, type ListQueryAdmin } from './urls.ts';

export const LIST_ID = 'mailbox-list';
export const EXPORT_FORMATS = ['pdf', 'xlsx', 'csv'] as const;

export interface MailboxListData {
  readonly lang: Lang;
  readonly domain: string;
  readonly rows: readonly MailboxRow[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly query: ListQueryAdmin;
}

export type MailboxListProps = ConsoleBase & MailboxListData & { readonly domain: string; readonly searchError?: string | undefined };

const DATE = (lang: Lang) => new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });

/** The list and its pagination: the page renders it, `GET /admin/mailboxes` with HX-Request returns only this. */
export const MailboxListFragment: FC<MailboxListData> = (p) => {
  const t = adminTranslator(p.lang);
  const date = DATE(p.lang);
  return (
    <section id={LIST_ID} aria-labelledby="list-caption" aria-live="polite">
      <p class="muted">{t('admin.list.count', { n: p.total })}</p>
      <table class="data-table">
        <caption id="list-caption" class="sr-only">
          {t('admin.list.caption', { domain: p.domain })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.col.name')}</th>
            <th scope="col">{t('admin.col.created')}</th>
            <th scope="col">{t('admin.col.state')}</th>
            <th scope="col">{t('admin.col.type')}</th>
            <th scope="col">{t('admin.col.quota')}</th>
            <th scope="col">{t('admin.col.usedSpace')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 ? (
            <tr>
              <td colspan={6}>{t('admin.list.empty')}</td>
            </tr>
          ) : (
            p.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={adminUrls.mailbox(r.id)}>{r.name}</a>
                </th>
                <td>{t('admin.list.createdOn', { date: date.format(new Date(r.createdAt)) })}</td>
                <td>
                  <span class={r.state === 'attiva' ? 'badge' : 'badge badge-muted'}>{t(`admin.state.${r.state}`)}</span>
                </td>
                <td>{r.type}</td>
                <td>{r.quotaMb}</td>
                <td>{formatBytes(r.usedBytes, p.lang)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <Pagination lang={p.lang} page={p.page} pages={p.pages} hrefFor={(page) => adminUrls.list({ ...p.query, page })} target={`#${LIST_ID}`} />
    </section>
  );
};

const SearchForm: FC<{ t: AT; query: ListQueryAdmin; error?: string | undefined }> = ({ t, query, error }) => (
  <form role="search" method="get" action={adminUrls.list()} class="actions-bar" hx-get={adminUrls.list()} hx-target={`#${LIST_ID}`} hx-swap="outerHTML" hx-push-url="true">
    <div class={error ? 'field has-error' : 'field'}>
      <label for="search-q">{t('admin.search.label')}</label>
      <input id="search-q" name="q" type="search" value={query.q ?? ''} maxlength={64} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'search-q-error' : undefined} />
      {error ? (
        <p class="field-error" id="search-q-error">
          {error}
        </p>
      ) : null}
    </div>
    <div class="field">
      <label for="search-mode">{t('admin.search.mode')}</label>
      <select id="search-mode" name="mode">
        <option value="contains" selected={query.mode !== 'starts'}>
          {t('admin.search.contains')}
        </option>
        <option value="starts" selected={query.mode === 'starts'}>
          {t('admin.search.starts')}
        </option>
      </select>
    </div>
    <div class="field">
      <label for="search-state">{t('admin.search.state')}</label>
      <select id="search-state" name="state">
        <option value="">{t('admin.search.anyState')}</option>
        {STATES.map((s) => (
          <option value={s} selected={query.state === s}>
            {t(`admin.state.${s}`)}
          </option>
        ))}
      </select>
    </div>
    <button type="submit" class="btn">
      {t('admin.search.submit')}
    </button>
    {query.q || query.state ? (
      <a class="btn btn-quiet" href={adminUrls.list()}>
        {t('admin.search.clear')}
      </a>
    ) : null}
  </form>
);

/** seed 003 fig. 5: the EXPORT menu exports what is on screen (the whole domain or the search result). */
const ExportForm: FC<{ t: AT; query: ListQueryAdmin }> = ({ t, query }) => (
  <form method="get" action={adminUrls.export()} class="actions-bar">
    {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
    {query.mode ? <input type="hidden" name="mode" value={query.mode} /> : null}
    {query.state ? <input type="hidden" name="state" value={query.state} /> : null}
    <div class="field">
      <label for="export-format">{t('admin.export.label')}</label>
      <select id="export-format" name="format">
        {EXPORT_FORMATS.map((f) => (
          <option value={f}>{t(`admin.export.${f}`)}</option>
        ))}
      </select>
    </div>
    <button type="submit" class="btn">
      {t('admin.export.submit')}
    </button>
  </form>
);

export const MailboxListPage: FC<MailboxListProps> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <ConsoleLayout {...p} title={t('admin.nav.list')} section="list">
      <div class="panel-header">
        <h1>{t('admin.nav.list')}</h1>
        <a class="btn btn-primary" href={adminUrls.create()}>
          {t('admin.nav.create')}
        </a>
      </div>
      <div class="card">
        <SearchForm t={t} query={p.query} error={p.searchError} />
        <ExportForm t={t} query={p.query} />
      </div>
      <div class="card">
        <MailboxListFragment {...p} />
      </div>
    </ConsoleLayout>
  );
};
