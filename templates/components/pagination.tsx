// Page navigation for lists: links that work without JS and, with a target, swap only the list through htmx.
import type { FC } from 'hono/jsx';
import { translator, type Lang } from '../i18n/index.ts';

/** How many numbered links either side of the current page before eliding with "…". */
export const PAGINATION_WINDOW = 2;

export interface PaginationProps {
  readonly lang: Lang;
  readonly page: number;
  readonly pages: number;
  readonly hrefFor: (page: number) => string;
  /** CSS selector of the element htmx replaces (outerHTML); omit for plain navigation. */
  readonly target?: string | undefined;
}

/** Pages to show: first, last and a window around the current one; null marks a gap. */
export function pageWindow(page: number, pages: number, span: number = PAGINATION_WINDOW): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= span) out.push(p);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

export const Pagination: FC<PaginationProps> = (p) => {
  if (p.pages <= 1) return null;
  const t = translator(p.lang);
  const hx = (page: number) =>
    p.target ? { 'hx-get': p.hrefFor(page), 'hx-target': p.target, 'hx-swap': 'outerHTML', 'hx-push-url': 'true' } : {};
  const link = (page: number, label: string, cls: string, aria?: string) => (
    <a href={p.hrefFor(page)} class={cls} aria-label={aria} {...hx(page)}>
      {label}
    </a>
  );
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <span class="pagination-status">{t('pagination.page', { page: p.page, pages: p.pages })}</span>
      {p.page > 1 ? link(p.page - 1, t('pagination.prev'), 'page-prev') : null}
      <ul>
        {pageWindow(p.page, p.pages).map((n) =>
          n === null ? (
            <li class="page-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li>
              {n === p.page ? (
                <span class="page-current" aria-current="page">
                  {n}
                </span>
              ) : (
                link(n, String(n), 'page-link', t('pagination.goto', { page: n }))
              )}
            </li>
          ),
        )}
      </ul>
      {p.page < p.pages ? link(p.page + 1, t('pagination.next'), 'page-next') : null}
    </nav>
  );
};
