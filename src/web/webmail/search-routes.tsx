// Search, bulk download and bulk delete (seed 000 §2.4): a phrase in one field or the whole message, in the
// current folder, with its subfolders or everywhere, with date criteria; the selection spans the page, the
// unread hits or every page; the download is a maildir in a ZIP.
import { Hono, type Context } from 'hono';
import type { ExpungeReply, MoveReply } from '../../../actors/mailbox/messages.ts';
import { italianOffsetMinutes } from '../../pec/pec-time.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import type { SearchColumn, WebmailSearch } from '../../store/webmail-queries.ts';
import { withQuery } from '../../../templates/urls.ts';
import { DATE_MODES, SEARCH_FIELDS, SEARCH_SCOPES, SearchPage, SearchResultsView, SELECTIONS, criteriaQuery, type SearchCriteria, type SearchResults } from '../../../templates/webmail/search.tsx';
import { HttpError } from '../http-error.ts';
import { askMailbox, requireAction, setFlash, wantsFragment, type MailboxCtx, type WebmailEnv } from './context.ts';
import type { WebmailDeps } from './deps.ts';
import { folderName, inbox, ownFolder } from './mail-pages.tsx';
import { buildMaildirZip, ZipTooLargeError, type MaildirEntry } from './maildir-zip.ts';
import { text } from './texts.ts';
import { LIST_PAGE_SIZE, parsePage, rowsOf } from './view-model.ts';

/** Ids one bulk request may carry explicitly (the "all pages" selection is recomputed server-side instead). */
export const MAX_SELECTED_IDS = 10_000;

const COLUMN: Readonly<Record<SearchCriteria['field'], SearchColumn>> = { subject: 'subject', from: 'sender', to: 'recipients', cc: 'cc', body: 'body', all: 'all' };
const DAY_MS = 86_400_000;
const pick = <T extends string>(v: string | undefined, all: readonly T[], d: T): T => (all.includes(v as T) ? (v as T) : d);

/** Midnight in Italy of a yyyy-mm-dd date (the form's input[type=date]), or undefined. */
export function italianMidnight(ymd: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd ?? '');
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(utc) ? utc - italianOffsetMinutes(utc) * 60_000 : undefined;
}

export function parseCriteria(q: Record<string, string | undefined>, defaultFolder: string, quick: boolean): SearchCriteria {
  return {
    q: (q['q'] ?? '').slice(0, 1000),
    field: pick(q['field'], SEARCH_FIELDS, 'all'),
    // The header's quick search has only the phrase: it looks everywhere.
    scope: pick(q['scope'], SEARCH_SCOPES, quick ? 'all' : 'current'),
    folderId: /^\d{1,15}$/.test(q['folder'] ?? '') ? q['folder']! : defaultFolder,
    dateMode: pick(q['date'], DATE_MODES, 'any'),
    dateFrom: q['from'] || undefined,
    dateTo: q['to'] || undefined,
  };
}

/** The store query for the criteria: folders by scope, dates as Italian calendar days. */
export function toQuery(deps: WebmailDeps, mbx: MailboxCtx, c: SearchCriteria): WebmailSearch {
  const folder = ownFolder(deps, mbx, c.folderId);
  const q: WebmailSearch = { mailboxId: mbx.mailbox.id, phrase: c.q, column: COLUMN[c.field] };
  if (c.scope === 'current') q.folderIds = [folder.id];
  if (c.scope === 'subfolders') q.folderIds = deps.store.folders.subtreeIds(folder.id);
  const from = italianMidnight(c.dateFrom);
  const to = italianMidnight(c.dateTo);
  switch (c.dateMode) {
    case 'before':
      if (from !== undefined) q.before = from;
      break;
    case 'after':
      if (from !== undefined) q.since = from + DAY_MS;
      break;
    case 'on':
      if (from !== undefined) (q.since = from, q.before = from + DAY_MS);
      break;
    case 'between':
      if (from !== undefined) q.since = from;
      if (to !== undefined) q.before = to + DAY_MS;
      break;
    case 'any':
      break;
  }
  return q;
}

async function results(deps: WebmailDeps, mbx: MailboxCtx, c: SearchCriteria, page: number): Promise<SearchResults | undefined> {
  if (c.q.trim() === '') return undefined;
  const q = toQuery(deps, mbx, c);
  const repo = webmailRepos(deps.store).queries;
  const first = repo.search(q, (page - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(first.total / LIST_PAGE_SIZE));
  const r = page > pages ? repo.search(q, (pages - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE) : first;
  const names = new Map(deps.store.folders.list(mbx.mailbox.id).map((f) => [f.id, folderName(f, mbx)]));
  const rows = await rowsOf(deps, r.rows);
  return { rows: rows.map((row, i) => ({ ...row, folderName: names.get(r.rows[i]!.folderId) ?? '' })), paging: { page: Math.min(page, pages), pages, total: r.total } };
}

/** The ids a bulk form designates: its ticks, or the whole page / the unread hits / every hit. */
async function selectedIds(c: Context<WebmailEnv>): Promise<{ ids: number[]; criteria: SearchCriteria }> {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const body = await c.req.parseBody({ all: true });
  const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const crit: Record<string, string | undefined> = {};
  for (const k of ['q', 'field', 'scope', 'folder', 'date', 'from', 'to', 'page']) crit[k] = field(`criteria.${k}`);
  const criteria = parseCriteria(crit, String(inbox(deps, mbx).id), false);
  const selection = pick(field('selection'), SELECTIONS, 'none');
  const ticked = [body['ids'] ?? []].flat().filter((v): v is string => typeof v === 'string' && /^\d{1,15}$/.test(v)).map(Number);
  if (ticked.length > MAX_SELECTED_IDS) throw new HttpError(413, 'search.too-many', 'Troppi messaggi selezionati');
  if (selection === 'none') return { ids: ticked, criteria };
  if (criteria.q.trim() === '') return { ids: [], criteria };
  const q = toQuery(deps, mbx, criteria);
  const repo = webmailRepos(deps.store).queries;
  if (selection === 'page') return { ids: repo.search(q, (parsePage(crit['page']) - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE).rows.map((m) => m.id), criteria };
  const all = repo.searchIds(q);
  return { ids: (selection === 'unread' ? all.filter((h) => h.unread) : all).map((h) => h.id), criteria };
}

export function searchRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const q = c.req.query();
    const criteria = parseCriteria(q, String(inbox(deps, mbx).id), q['field'] === undefined);
    const props = { lang: mbx.lang, csrfToken: mbx.csrf, criteria, can: mbx.can, results: await results(deps, mbx, criteria, parsePage(q['page'])) };
    if (wantsFragment(c)) return c.html(<SearchResultsView {...props} />);
    return c.html(<SearchPage {...props} shell={mbx.shell} />);
  });

  app.post('/download', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const { ids, criteria } = await selectedIds(c);
    if (ids.length === 0) {
      setFlash(c, { kind: 'error', text: text(mbx.lang, 'mail.nothingSelected') });
      return c.redirect(withQuery('/mail/search', criteriaQuery(criteria)), 303);
    }
    const folders = new Map(deps.store.folders.list(mbx.mailbox.id).map((f) => [f.id, f]));
    const entries: MaildirEntry[] = [];
    for (const id of ids) {
      const m = deps.store.messages.getById(id);
      if (!m || m.mailboxId !== mbx.mailbox.id) continue;
      const f = folders.get(m.folderId);
      entries.push({ id: m.id, folderPath: deps.store.folders.path(m.folderId), isInbox: f?.specialUse === '\\Inbox', internalDate: m.internalDate, flags: m.flags, raw: await deps.store.blobs.get(m.blobHash) });
    }
    let zip: Uint8Array;
    try {
      zip = buildMaildirZip(entries);
    } catch (e) {
      if (e instanceof ZipTooLargeError) throw new HttpError(413, 'search.zip-too-large', `Selezione troppo grande (${e.limit})`);
      throw e;
    }
    const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="maildir-${day}.zip"`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  app.post('/delete', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    requireAction(mbx, 'delete');
    const { ids, criteria } = await selectedIds(c);
    const trash = deps.store.folders.bySpecialUse(mbx.mailbox.id, '\\Trash');
    const byFolder = new Map<number, number[]>();
    for (const id of ids) {
      const m = deps.store.messages.getById(id);
      if (m && m.mailboxId === mbx.mailbox.id) byFolder.set(m.folderId, [...(byFolder.get(m.folderId) ?? []), m.id]);
    }
    let n = 0;
    for (const [folderId, list] of byFolder) {
      // As "Elimina": to the Cestino, and for good from the Cestino itself.
      if (!trash || folderId === trash.id) await askMailbox<ExpungeReply>(deps, mbx.mailbox.address, { type: 'expunge', folderId, ids: list });
      else await askMailbox<MoveReply>(deps, mbx.mailbox.address, { type: 'move', ids: list, toFolderId: trash.id });
      n += list.length;
    }
    setFlash(c, { kind: n ? 'success' : 'error', text: n ? text(mbx.lang, 'mail.deleted', { n }) : text(mbx.lang, 'mail.nothingSelected') });
    return c.redirect(withQuery('/mail/search', criteriaQuery(criteria)), 303);
  });

  return app;
}
