// seed 003 "Elenco", "Ricerca", "Esportare" and the detail page: every route reads only the chosen domain's mailboxes
// (another domain's id answers 404, see mailboxInDomain).
import type { Hono } from 'hono';
import { passwordState } from '../../auth/password-expiry.ts';
import type { Domain, Mailbox } from '../../store/index.ts';
import { adminTranslator } from '../../../templates/admin/i18n.ts';
import { MailboxDetailPage } from '../../../templates/admin/mailbox-detail.tsx';
import { MailboxListFragment, MailboxListPage } from '../../../templates/admin/mailbox-list.tsx';
import type { MailboxDetail, MailboxRow, PasswordInfo } from '../../../templates/admin/props.ts';
import { HttpError } from '../http-error.ts';
import type { Sessions } from '../session.ts';
import { type AdminContext, type AdminDeps, type AdminEnv, audit, consoleBase, domainOf, mailboxInDomain } from './context.ts';
import { toCsv } from './export/csv.ts';
import { toPdf } from './export/pdf.ts';
import { exportTable } from './export/table.ts';
import { toXlsx } from './export/xlsx.ts';
import { ADMIN_PAGE_SIZE, checkListQuery, type ListQuery, MAX_EXPORT_ROWS, toMb } from './forms.ts';

export function toRow(m: Mailbox): MailboxRow {
  return { id: m.id, name: m.localPart, address: m.address, createdAt: m.createdAt, state: m.state, type: m.type, quotaMb: toMb(m.quotaBytes), usedBytes: m.usedBytes };
}

export function toDetail(deps: AdminDeps, m: Mailbox, domain: Domain): MailboxDetail {
  const cred = deps.store.principals.holder(m.id);
  let password: PasswordInfo = { state: 'none' };
  if (cred) {
    const s = passwordState(cred.passwordChangedAt, deps.clock.now());
    password = s.state === 'valida' ? { state: 'valida', expiresAt: s.expiresAt } : s.state === 'in-scadenza' ? { state: 'in-scadenza', daysLeft: s.daysLeft } : { state: 'scaduta' };
  }
  return {
    ...toRow(m), domain: domain.name, communicationEmail: m.communicationEmail, softLimitMb: toMb(m.softLimitBytes),
    softLimitManual: m.softLimitManual, conservazione: m.conservazione, password,
  };
}

function listQuery(c: AdminContext): ListQuery {
  const checked = checkListQuery(c.req.query());
  if (!checked.ok) throw new HttpError(400, 'admin.err.search', adminTranslator(c.get('user').lang)(checked.key, checked.params));
  return checked.value;
}

function page(deps: AdminDeps, domain: Domain, q: ListQuery) {
  const probe = deps.repos.admin.searchMailboxes(domain.id, { text: q.q, mode: q.mode, state: q.state, limit: 1 });
  const pages = Math.max(1, Math.ceil(probe.total / ADMIN_PAGE_SIZE));
  const current = Math.min(q.page, pages);
  const { ids, total } = deps.repos.admin.searchMailboxes(domain.id, {
    text: q.q, mode: q.mode, state: q.state, offset: (current - 1) * ADMIN_PAGE_SIZE, limit: ADMIN_PAGE_SIZE,
  });
  const rows = ids.map((id) => deps.store.mailboxes.byId(id)).filter((m): m is Mailbox => !!m).map(toRow);
  return { rows, total, page: current, pages, query: { q: q.q || undefined, mode: q.mode, state: q.state } };
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export function mailboxRoutes(app: Hono<AdminEnv>, deps: AdminDeps, sessions: Sessions): void {
  app.get('/mailboxes', (c) => {
    const domain = domainOf(c);
    const data = { lang: c.get('user').lang, domain: domain.name, ...page(deps, domain, listQuery(c)) };
    c.header('Vary', 'HX-Request');
    if (c.req.header('HX-Request') === 'true') return c.html(<MailboxListFragment {...data} />);
    return c.html(<MailboxListPage {...consoleBase(c, sessions)} {...data} />);
  });

  /** seed 003 fig. 5: exports what is on screen — the whole domain or the search result — as pdf, excel or csv. */
  app.get('/mailboxes/export', async (c) => {
    const domain = domainOf(c);
    const q = listQuery(c);
    const format = c.req.query('format');
    if (format !== 'csv' && format !== 'xlsx' && format !== 'pdf') throw new HttpError(400, 'admin.err.choice', 'Formato di export non ammesso');
    const limit = deps.exportLimit ?? MAX_EXPORT_ROWS;
    const { ids, total } = deps.repos.admin.searchMailboxes(domain.id, { text: q.q, mode: q.mode, state: q.state, limit: Math.min(limit, 1000), offset: 0 });
    if (total > limit) throw new HttpError(413, 'admin.err.exportTooLarge', adminTranslator(c.get('user').lang)('admin.err.exportTooLarge', { n: total, max: limit }));
    const all = [...ids];
    while (all.length < total) {
      const more = deps.repos.admin.searchMailboxes(domain.id, { text: q.q, mode: q.mode, state: q.state, limit: 1000, offset: all.length }).ids;
      if (more.length === 0) break;
      all.push(...more);
    }
    const mailboxes = all.map((id) => deps.store.mailboxes.byId(id)).filter((m): m is Mailbox => !!m);
    const table = exportTable(mailboxes, domain.name, c.get('user').lang, deps.clock.now());
    const bytes = format === 'csv' ? toCsv(table) : format === 'xlsx' ? await toXlsx(table) : await toPdf(table);
    audit(c, deps, 'export', null, `${format}, ${mailboxes.length} caselle${q.q ? `, ricerca "${q.q}"` : ''}${q.state ? `, stato ${q.state}` : ''}`);
    const name = `caselle-${domain.name}.${format}`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/mailboxes/:id{[0-9]+}', (c) => {
    const m = mailboxInDomain(c, deps.store);
    return c.html(<MailboxDetailPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} />);
  });
}
