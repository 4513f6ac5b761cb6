// Builders of the main screen's props (seed 000 §2.1): tree, list page, toolbar, preview; shared by the routes
// that answer a full page or one of its fragments.
import type { Context } from 'hono';
import type { Folder } from '../../store/index.ts';
import type { ListQuery, SortDir, SortKey } from '../../../templates/urls.ts';
import type { FolderNode, ListProps, MainProps, MessageViewProps, ToolbarProps } from '../../../templates/webmail/props.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { HttpError } from '../http-error.ts';
import type { MailboxCtx, WebmailEnv } from './context.ts';
import type { WebmailDeps } from './deps.ts';
import { folderTree, LIST_PAGE_SIZE, listSort, parsePage, parseSort, quotaOf, rowsOf } from './view-model.ts';

export interface ListState {
  folder: Folder;
  page: number;
  sort: SortKey;
  dir: SortDir;
}

/** The folder named by a URL segment, if it is this mailbox's; 404 otherwise. */
export function ownFolder(deps: WebmailDeps, mbx: MailboxCtx, idParam: string): Folder {
  const id = /^\d{1,15}$/.test(idParam) ? Number(idParam) : NaN;
  const f = Number.isSafeInteger(id) ? deps.store.folders.byId(id) : undefined;
  if (!f || f.mailboxId !== mbx.mailbox.id) throw new HttpError(404, 'folder.not-found', 'Cartella non trovata');
  return f;
}

export function inbox(deps: WebmailDeps, mbx: MailboxCtx): Folder {
  const f = deps.store.folders.bySpecialUse(mbx.mailbox.id, '\\Inbox');
  if (!f) throw new HttpError(404, 'folder.not-found', 'Cartella non trovata');
  return f;
}

export function listStateOf(deps: WebmailDeps, mbx: MailboxCtx, folderId: string, q: Record<string, string | undefined>): ListState {
  return { folder: ownFolder(deps, mbx, folderId), page: parsePage(q['page']), ...parseSort(q['sort'], q['dir']) };
}

/**
 * The list the page currently shows, from htmx's HX-Current-URL, so an action on a message answers with the
 * list the user was looking at; else the given folder's first page.
 */
export function currentListState(c: Context<WebmailEnv>, fallback: Folder): ListState {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const cur = c.req.header('HX-Current-URL');
  if (cur) {
    try {
      const u = new URL(cur);
      const m = /^\/mail\/folders\/(\d+)$/.exec(u.pathname);
      if (m) return listStateOf(deps, mbx, m[1]!, Object.fromEntries(u.searchParams));
    } catch {
      // a malformed header falls back to the message's folder
    }
  }
  return { folder: deps.store.folders.byId(fallback.id) ?? fallback, page: 1, sort: 'date', dir: 'desc' };
}

export async function listProps(deps: WebmailDeps, mbx: MailboxCtx, s: ListState, selectedId?: string): Promise<Omit<ListProps, 'lang' | 'csrfToken' | 'can'>> {
  // A covering-index count: folderStatus would also sum sizes and flags over the whole folder.
  const total = webmailRepos(deps.store).queries.folderCounts([s.folder.id]).get(s.folder.id)?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
  const page = Math.min(s.page, pages);
  const messages = deps.store.messages.listFolder(s.folder.id, { offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, sort: listSort(s.sort, s.dir) });
  return {
    folderId: String(s.folder.id),
    folderName: folderName(s.folder, mbx),
    rows: await rowsOf(deps, messages),
    paging: { page, pages, total },
    sort: s.sort,
    dir: s.dir,
    showRecipients: s.folder.specialUse === '\\Sent' || s.folder.specialUse === '\\Drafts',
    selectedId,
  };
}

const STANDARD_NAMES: Readonly<Record<string, { it: string; en: string }>> = {
  '\\Inbox': { it: 'Posta in arrivo', en: 'Inbox' },
  '\\Sent': { it: 'Posta inviata', en: 'Sent' },
  '\\Drafts': { it: 'Bozze', en: 'Drafts' },
  '\\Trash': { it: 'Cestino', en: 'Trash' },
};

export function folderName(f: Folder, mbx: MailboxCtx): string {
  return f.specialUse ? STANDARD_NAMES[f.specialUse]![mbx.lang] : f.name;
}

export async function mainProps(deps: WebmailDeps, mbx: MailboxCtx, s: ListState, preview?: Omit<MessageViewProps, 'lang' | 'csrfToken'>): Promise<MainProps> {
  const tree = folderTree(deps, mbx.mailbox.id);
  return {
    lang: mbx.lang,
    csrfToken: mbx.csrf,
    layout: mbx.prefs.layout,
    can: mbx.can,
    tree: { folders: tree.nodes, currentFolderId: String(s.folder.id), quota: quotaOf(mbx.mailbox) },
    list: await listProps(deps, mbx, s, preview?.message.id),
    preview,
  };
}

export function toolbarProps(mbx: MailboxCtx, folders: readonly FolderNode[], folderId: string, listQuery: ListQuery, selected?: { id: string; flagged: boolean; isDraft?: boolean }): ToolbarProps {
  const sel = selected && { id: selected.id, flagged: selected.flagged };
  return { lang: mbx.lang, csrfToken: mbx.csrf, can: mbx.can, folderId, listQuery, folders, selected: sel, selectedIsDraft: selected?.isDraft };
}
