// Search (seed 000 §2.4): phrase, where to look, which folders, date criteria; results with a selection that can
// span every page, then download as maildir ZIP or delete. The results table is also a fragment for htmx paging.
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { RadioGroup, SelectField, TextField } from '../components/field.tsx';
import { Pagination } from '../components/pagination.tsx';
import { formatBytes, formatShortDate, isoInstant } from '../i18n/format.ts';
import { translator, type T } from '../i18n/index.ts';
import { AppLayout, type ShellProps } from '../layouts/app.tsx';
import { urls, withQuery } from '../urls.ts';
import { displayName, PecBadge } from './message-list.tsx';
import type { MessageRow, PageBase, Paging, Permissions } from './props.ts';

export const SEARCH_FIELDS = ['subject', 'from', 'to', 'cc', 'body', 'all'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export const SEARCH_SCOPES = ['current', 'subfolders', 'all'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];
export const DATE_MODES = ['any', 'before', 'after', 'on', 'between'] as const;
export type DateMode = (typeof DATE_MODES)[number];
export const SELECTIONS = ['none', 'page', 'unread', 'all'] as const;
export type Selection = (typeof SELECTIONS)[number];

/** The criteria as the form sends them (dates as yyyy-mm-dd, the input[type=date] format). */
export interface SearchCriteria {
  readonly q: string;
  readonly field: SearchField;
  readonly scope: SearchScope;
  readonly folderId: string;
  readonly dateMode: DateMode;
  readonly dateFrom?: string | undefined;
  readonly dateTo?: string | undefined;
}

export interface SearchResults {
  readonly rows: readonly (MessageRow & { readonly folderName: string })[];
  readonly paging: Paging;
}

export interface SearchProps extends PageBase {
  readonly criteria: SearchCriteria;
  /** Absent before the first search. */
  readonly results?: SearchResults | undefined;
  readonly can: Permissions;
}

/** The criteria as query parameters, so paging and "all pages" keep the same search. */
export function criteriaQuery(c: SearchCriteria, page?: number): Record<string, string | number | undefined> {
  return { q: c.q, field: c.field, scope: c.scope, folder: c.folderId, date: c.dateMode, from: c.dateFrom, to: c.dateTo, page };
}

const CriteriaForm: FC<{ p: SearchProps; t: T }> = ({ p, t }) => {
  const c = p.criteria;
  return (
    <form method="get" action={urls.mail.search()} class="card search-form" role="search" hx-get={urls.mail.search()} hx-target="#search-results" hx-swap="outerHTML" hx-push-url="true">
      <input type="hidden" name="folder" value={c.folderId} />
      <div class="form-grid">
        <TextField id="search-q" name="q" type="search" label={t('search.phrase')} value={c.q} required />
        <SelectField id="search-field" name="field" label={t('search.field')} value={c.field} options={SEARCH_FIELDS.map((f) => ({ value: f, label: t(`search.field.${f}`) }))} />
        <RadioGroup name="scope" legend={t('search.scope')} idPrefix="search-scope" value={c.scope} options={SEARCH_SCOPES.map((s) => ({ value: s, label: t(`search.scope.${s}`) }))} />
        <fieldset class="date-criteria">
          <legend>{t('search.date')}</legend>
          <SelectField id="search-date" name="date" label={t('search.dateMode')} value={c.dateMode} options={DATE_MODES.map((m) => ({ value: m, label: t(`search.date.${m}`) }))} />
          <TextField id="search-from" name="from" type="date" label={t('search.date.from')} value={c.dateFrom} />
          <TextField id="search-to" name="to" type="date" label={t('search.date.to')} value={c.dateTo} />
        </fieldset>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">
          {t('search.submit')}
        </button>
      </div>
    </form>
  );
};

/** Fragment: the results with their selection form; paging swaps only this block. */
export const SearchResultsView: FC<SearchProps> = (p) => {
  const t = translator(p.lang);
  const r = p.results;
  if (!r) return <section id="search-results"></section>;
  return (
    <section id="search-results" class="card" aria-labelledby="search-results-title">
      <h2 id="search-results-title">{r.paging.total === 0 ? t('search.noResults') : t('search.results', { n: r.paging.total })}</h2>
      {r.rows.length === 0 ? null : (
        <form method="post" action={urls.mail.searchDownload()} id="search-selection">
          <CsrfField token={p.csrfToken} />
          {Object.entries(criteriaQuery(p.criteria, r.paging.page)).map(([k, v]) => (v === undefined ? null : <input type="hidden" name={`criteria.${k}`} value={String(v)} />))}
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col"><span class="sr-only">{t('list.select')}</span></th>
                <th scope="col">{t('list.col.from')}</th>
                <th scope="col">{t('list.col.subject')}</th>
                <th scope="col">{t('search.folder')}</th>
                <th scope="col">{t('list.col.date')}</th>
                <th scope="col">{t('list.col.size')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((row) => (
                <tr class={row.unread ? 'unread' : undefined}>
                  <td>
                    <input type="checkbox" name="ids" value={row.id} id={`sel-${row.id}`} data-unread={row.unread ? '1' : '0'} aria-label={`${t('list.select')}: ${row.subject}`} />
                  </td>
                  <td>{displayName(row.from)}</td>
                  <td>
                    <a href={urls.mail.message(row.id)}>{row.subject}</a>
                    {row.pecKind ? <PecBadge kind={row.pecKind} t={t} /> : null}
                  </td>
                  <td>{row.folderName}</td>
                  <td>
                    <time datetime={isoInstant(row.date)}>{formatShortDate(row.date, p.lang)}</time>
                  </td>
                  <td>{formatBytes(row.size, p.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions-bar">
            <SelectField id="search-selection-mode" name="selection" label={t('search.selection')} value="none" options={SELECTIONS.map((s) => ({ value: s, label: t(`search.select.${s}`) }))} />
            <button type="submit" class="btn">
              {t('search.download')}
            </button>
            {p.can.delete ? (
              <button type="submit" class="btn btn-danger" formaction={urls.mail.searchDelete()} data-confirm={t('search.confirmDelete')}>
                {t('search.delete')}
              </button>
            ) : null}
          </div>
        </form>
      )}
      <Pagination lang={p.lang} page={r.paging.page} pages={r.paging.pages} hrefFor={(page) => withQuery(urls.mail.search(), criteriaQuery(p.criteria, page))} target="#search-results" />
    </section>
  );
};

export interface SearchPageProps extends SearchProps {
  readonly shell: ShellProps;
}

export const SearchPage: FC<SearchPageProps> = (p) => {
  const t = translator(p.lang);
  return (
    <AppLayout lang={p.lang} title={t('search.heading')} csrfToken={p.csrfToken} section="search" {...p.shell}>
      <div class="page-narrow stack">
        <h1>{t('search.heading')}</h1>
        <CriteriaForm p={p} t={t} />
        <SearchResultsView {...p} />
      </div>
    </AppLayout>
  );
};
