// The message list as the W3C ARIA "treegrid e-mail inbox" (rows focusable, one tab stop) and its row fragment.
import type { FC } from 'hono/jsx';
import { Pagination } from '../components/pagination.tsx';
import { formatBytes, formatDateTime, formatShortDate, isoInstant } from '../i18n/format.ts';
import { translator, type Lang, type MessageKey, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { Address, ListProps, MessageRow, PecKind, SortDir, SortKey } from './props.ts';

/** Display name of an address: the name when there is one, else the address. */
export function displayName(a: Address): string {
  return a.name?.trim() ? a.name : a.address;
}

export const PecBadge: FC<{ kind: PecKind; t: T }> = ({ kind, t }) => (
  <span class={`badge badge-pec badge-${kind}`}>{t(`pec.${kind}` as MessageKey)}</span>
);

export interface RowProps {
  readonly lang: Lang;
  readonly row: MessageRow;
  readonly index: number;
  readonly setSize: number;
  readonly showRecipients: boolean;
  readonly selected: boolean;
  /** The one row in the tab order (treegrid: a single tab stop, arrows and j/k move within). */
  readonly tabStop: boolean;
  /** Rows are draggable onto folders only when the principal may move messages. */
  readonly draggable: boolean;
}

/** Fragment: one row. Click/Enter loads the preview (hx-get into #preview); keys.js moves with j/k. */
export const MessageRowView: FC<RowProps> = (p) => {
  const t = translator(p.lang);
  const r = p.row;
  const who = p.showRecipients ? r.to.map(displayName).join(', ') : displayName(r.from);
  const cls = ['row', r.unread ? 'unread' : '', r.flagged ? 'flagged' : '', p.selected ? 'selected' : ''].filter(Boolean).join(' ');
  return (
    <tr
      role="row"
      id={`msg-${r.id}`}
      class={cls}
      aria-level={1}
      aria-posinset={p.index + 1}
      aria-setsize={p.setSize}
      aria-selected={p.selected ? 'true' : 'false'}
      tabindex={p.tabStop ? 0 : -1}
      data-message-id={r.id}
      draggable={p.draggable ? 'true' : undefined}
      data-move-url={p.draggable ? urls.mail.move(r.id) : undefined}
      hx-get={urls.mail.message(r.id)}
      hx-target="#preview"
      hx-swap="innerHTML"
      hx-trigger="click"
    >
      <td role="gridcell" class="c-state">
        {r.unread ? <span class="mark mark-unread" title={t('list.unread')}><span class="sr-only">{t('list.unread')}</span></span> : null}
        {r.flagged ? <span class="mark mark-flag" title={t('list.flagged')}><span class="sr-only">{t('list.flagged')}</span></span> : null}
        {r.hasAttachments ? <span class="mark mark-attach" title={t('list.attachment')}><span class="sr-only">{t('list.attachment')}</span></span> : null}
      </td>
      <td role="gridcell" class="c-from">
        {who}
      </td>
      <td role="gridcell" class="c-subject">
        {/* The kind first: with long subjects cut by an ellipsis it must stay visible. */}
        {r.pecKind ? <PecBadge kind={r.pecKind} t={t} /> : null}
        <a href={urls.mail.message(r.id)} tabindex={-1} class="subject-link">
          {r.subject}
        </a>
      </td>
      <td role="gridcell" class="c-date">
        <time datetime={isoInstant(r.date)} title={formatDateTime(r.date, p.lang)}>
          {formatShortDate(r.date, p.lang)}
        </time>
      </td>
      <td role="gridcell" class="c-size">
        {formatBytes(r.size, p.lang)}
      </td>
    </tr>
  );
};

interface HeaderProps {
  readonly p: ListProps;
  readonly t: T;
  readonly col: SortKey;
  readonly label: string;
  readonly cls: string;
}

/** A sortable column header: aria-sort on the current one, a link that flips or sets the order. */
const SortHeader: FC<HeaderProps> = ({ p, t, col, label, cls }) => {
  const active = p.sort === col;
  const next: SortDir = active && p.dir === 'desc' ? 'asc' : active ? 'desc' : col === 'date' ? 'desc' : 'asc';
  const href = urls.mail.folder(p.folderId, { sort: col, dir: next, page: 1 });
  return (
    <th role="columnheader" scope="col" class={cls} aria-sort={active ? (p.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a
        href={href}
        hx-get={href}
        hx-target="#message-list"
        hx-swap="outerHTML"
        hx-push-url="true"
        title={t(next === 'asc' ? 'list.sortAsc' : 'list.sortDesc', { col: label })}
      >
        {label}
        {active ? <span class="sort-arrow" aria-hidden="true">{p.dir === 'asc' ? '▲' : '▼'}</span> : null}
      </a>
    </th>
  );
};

/** Fragment and page region: the folder's list with headers, rows and pagination; refreshed on `pec-refresh`. */
export const MessageList: FC<ListProps> = (p) => {
  const t = translator(p.lang);
  const current = urls.mail.folder(p.folderId, { page: p.paging.page, sort: p.sort, dir: p.dir });
  const who = t(p.showRecipients ? 'list.col.to' : 'list.col.from');
  const hasSelected = p.rows.some((r) => r.id === p.selectedId);
  return (
    <section id="message-list" class="message-list" aria-labelledby="list-title" data-folder-id={p.folderId} hx-get={current} hx-trigger="pec-refresh from:body" hx-swap="outerHTML">
      <h2 id="list-title" class="pane-title">
        {p.folderName}
      </h2>
      <div class="grid-scroll">
        <table id="message-grid" role="treegrid" class="treegrid" aria-labelledby="list-title" aria-readonly="true" aria-rowcount={p.rows.length + 1}>
          <thead>
            <tr role="row">
              <th role="columnheader" scope="col" class="c-state">
                <span class="sr-only">{t('list.col.state')}</span>
              </th>
              <SortHeader p={p} t={t} col="from" label={who} cls="c-from" />
              <SortHeader p={p} t={t} col="subject" label={t('list.col.subject')} cls="c-subject" />
              <SortHeader p={p} t={t} col="date" label={t('list.col.date')} cls="c-date" />
              <SortHeader p={p} t={t} col="size" label={t('list.col.size')} cls="c-size" />
            </tr>
          </thead>
          <tbody>
            {p.rows.length === 0 ? (
              <tr role="row" class="empty" aria-level={1}>
                <td role="gridcell" colspan={5}>
                  {t('list.empty')}
                </td>
              </tr>
            ) : (
              p.rows.map((row, i) => (
                <MessageRowView
                  lang={p.lang}
                  row={row}
                  index={i}
                  setSize={p.rows.length}
                  showRecipients={p.showRecipients}
                  selected={row.id === p.selectedId}
                  tabStop={hasSelected ? row.id === p.selectedId : i === 0}
                  draggable={p.can.organize}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        lang={p.lang}
        page={p.paging.page}
        pages={p.paging.pages}
        hrefFor={(page) => urls.mail.folder(p.folderId, { page, sort: p.sort, dir: p.dir })}
        target="#message-list"
      />
    </section>
  );
};
