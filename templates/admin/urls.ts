// The URL contract between the admin templates and src/web/admin (mounted at /admin) and src/web/reset (at /reset).
import { withQuery } from '../urls.ts';

const enc = encodeURIComponent;

export interface ListQueryAdmin {
  readonly q?: string | undefined;
  readonly mode?: 'starts' | 'contains' | undefined;
  readonly state?: string | undefined;
  readonly page?: number | undefined;
}

const listParams = (l: ListQueryAdmin) => ({ q: l.q, mode: l.mode === 'contains' ? undefined : l.mode, state: l.state, page: l.page && l.page > 1 ? l.page : undefined });

export const adminUrls = {
  home: () => '/admin',
  login: () => '/admin/login',
  logout: () => '/admin/logout',
  language: () => '/admin/language',
  domain: () => '/admin/domain',
  list: (l: ListQueryAdmin = {}) => withQuery('/admin/mailboxes', listParams(l)),
  export: () => '/admin/mailboxes/export',
  create: () => '/admin/mailboxes/new',
  mailbox: (id: number) => `/admin/mailboxes/${id}`,
  edit: (id: number) => `/admin/mailboxes/${id}/edit`,
  email: (id: number) => `/admin/mailboxes/${id}/email`,
  reset: (id: number) => `/admin/mailboxes/${id}/reset`,
  remove: (id: number) => `/admin/mailboxes/${id}/delete`,
  outbox: (page?: number) => withQuery('/admin/outbox', { page: page && page > 1 ? page : undefined }),
  notice: (id: number) => `/admin/outbox/${id}`,
  audit: (page?: number) => withQuery('/admin/audit', { page: page && page > 1 ? page : undefined }),
  domains: () => '/admin/domains',
  admins: () => '/admin/admins',
  /** The one-time link of seed 003 fig. 15 (src/web/reset). */
  resetLink: (token: string) => `/reset/${enc(token)}`,
} as const;
