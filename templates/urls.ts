// The URL contract between templates and the web sub-apps: every href/hx-* target a template emits is built here,
// so the routes in src/web mount exactly these paths (webmail at /mail, settings at /settings, reset at /reset).

const enc = encodeURIComponent;

/** Appends defined query parameters in a stable order. */
export function withQuery(path: string, query: Readonly<Record<string, string | number | undefined>>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== '') parts.push(`${enc(k)}=${enc(String(v))}`);
  }
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export type SortKey = 'date' | 'from' | 'subject' | 'size';
export type SortDir = 'asc' | 'desc';
export interface ListQuery {
  readonly page?: number | undefined;
  readonly sort?: SortKey | undefined;
  readonly dir?: SortDir | undefined;
}

export const urls = {
  static: (file: string) => `/static/${file}`,
  login: () => '/login',
  logout: () => '/logout',
  language: () => '/language',
  passwordChange: () => '/password/change',
  reset: {
    start: () => '/reset',
    confirm: () => '/reset/confirm',
    newPassword: () => '/reset/new',
  },
  mail: {
    home: () => '/mail',
    /** GET: the full page without HX-Request, the MessageList fragment with it (Vary: HX-Request). */
    folder: (folderId: string, q: ListQuery = {}) =>
      withQuery(`/mail/folders/${enc(folderId)}`, { page: q.page, sort: q.sort, dir: q.dir }),
    /** GET fragment: the FolderTree (unread counts, quota) for live refresh. */
    folderTree: () => '/mail/folders',
    /** Server-sent events: each `changed` event makes the page refresh the list and the folder tree. */
    events: () => '/mail/events',
    /** GET: MessagePreview fragment with HX-Request, else the standalone message page. */
    message: (id: string) => `/mail/messages/${enc(id)}`,
    eml: (id: string) => `/mail/messages/${enc(id)}/eml`,
    /** GET: the sanitized HTML body alone, under its own CSP, for the sandboxed frame (`which`: main, envelope, original). */
    body: (id: string, which: 'main' | 'envelope' | 'original') => `/mail/messages/${enc(id)}/body/${which}`,
    source: (id: string) => `/mail/messages/${enc(id)}/source`,
    print: (id: string) => `/mail/messages/${enc(id)}/print`,
    attachment: (id: string, part: string) => `/mail/messages/${enc(id)}/attachments/${enc(part)}`,
    /** POST, form field `folder`. */
    move: (id: string) => `/mail/messages/${enc(id)}/move`,
    copy: (id: string) => `/mail/messages/${enc(id)}/copy`,
    delete: (id: string) => `/mail/messages/${enc(id)}/delete`,
    /** POST, form field `flagged` = "1" | "0". */
    flag: (id: string) => `/mail/messages/${enc(id)}/flag`,
    compose: () => '/mail/compose',
    reply: (id: string) => withQuery('/mail/compose', { reply: id }),
    replyAll: (id: string) => withQuery('/mail/compose', { replyAll: id }),
    forward: (id: string) => withQuery('/mail/compose', { forward: id }),
    duplicate: (id: string) => withQuery('/mail/compose', { duplicate: id }),
    /** A message of Bozze reopened in the form; sending or saving it again replaces the draft. */
    editDraft: (id: string) => withQuery('/mail/compose', { draft: id }),
    /** GET fragment: `<option>`s for the compose datalist; the query is the field named by HX-Trigger-Name. */
    suggest: () => '/mail/rubrica/suggest',
    search: () => '/mail/search',
    searchDownload: () => '/mail/search/download',
    searchDelete: () => '/mail/search/delete',
  },
  rubrica: {
    home: () => '/mail/rubrica',
    contact: (id: string) => `/mail/rubrica/contacts/${enc(id)}`,
    contactEdit: (id: string) => `/mail/rubrica/contacts/${enc(id)}/edit`,
    contactNew: () => '/mail/rubrica/contacts/new',
    contactSave: () => '/mail/rubrica/contacts',
    contactDelete: (id: string) => `/mail/rubrica/contacts/${enc(id)}/delete`,
    contactGroups: (id: string) => `/mail/rubrica/contacts/${enc(id)}/groups`,
    group: (id: string) => `/mail/rubrica/groups/${enc(id)}`,
    groupEdit: (id: string) => `/mail/rubrica/groups/${enc(id)}/edit`,
    groupNew: () => '/mail/rubrica/groups/new',
    groupSave: () => '/mail/rubrica/groups',
    groupDelete: (id: string) => `/mail/rubrica/groups/${enc(id)}/delete`,
  },
  settings: {
    home: () => '/settings',
    preferences: () => '/settings/preferences',
    folders: () => '/settings/folders',
    folderCreate: () => '/settings/folders/create',
    folderRename: (id: string) => `/settings/folders/${enc(id)}/rename`,
    folderDelete: (id: string) => `/settings/folders/${enc(id)}/delete`,
    password: () => '/settings/password',
    notifica: () => '/settings/notifica',
    notificaReset: () => '/settings/notifica/reset',
    inoltro: () => '/settings/inoltro',
    inoltroReset: () => '/settings/inoltro/reset',
    filters: () => '/settings/filters',
    filterDelete: (id: string) => `/settings/filters/${enc(id)}/delete`,
  },
} as const;
