// "Posta in uscita" (the local outbox of ordinary notices, each readable with its reset link), the activity log of
// the domain, and the super-administrator's domains and administrators.
import type { Hono } from 'hono';
import { ProvisioningError } from '../../auth/provisioning.ts';
import { passwordLegend } from '../../auth/password-policy.ts';
import { ConflictError, InvalidValueError, LimitExceededError } from '../../store/index.ts';
import { adminTranslator } from '../../../templates/admin/i18n.ts';
import { AuditPage, NoticePage, OutboxPage } from '../../../templates/admin/outbox.tsx';
import type { FieldError } from '../../../templates/admin/props.ts';
import { AdminsPage, DomainsPage } from '../../../templates/admin/super.tsx';
import { adminUrls } from '../../../templates/admin/urls.ts';
import { HttpError } from '../http-error.ts';
import type { Sessions } from '../session.ts';
import { type AdminContext, type AdminDeps, type AdminEnv, addFlash, audit, consoleBase, domainOf } from './context.ts';
import { checkListQuery, field } from './forms.ts';

/** Rows per page of the outbox and the activity log. */
export const LOG_PAGE_SIZE = 50;
/** Links shown under a notice: the reset links our own notices carry (http(s) only, never javascript:). */
const LINK = /https?:\/\/[^\s<>"]+/g;

const pageOf = (c: AdminContext) => (checkListQuery({ page: c.req.query('page') }) as { ok: true; value: { page: number } }).value.page;

export function consoleRoutes(app: Hono<AdminEnv>, deps: AdminDeps, sessions: Sessions): void {
  app.get('/outbox', (c) => {
    const page = pageOf(c);
    const { rows, total } = deps.repos.notices.list(domainOf(c).id, { offset: (page - 1) * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
    return c.html(<OutboxPage {...consoleBase(c, sessions)} smarthost={deps.notifier.hasSmarthost} rows={rows} page={page} pages={pages} />);
  });

  app.get('/outbox/:id{[0-9]{1,15}}', (c) => {
    const n = deps.repos.notices.byId(Number(c.req.param('id')));
    // Another domain's notice answers like a missing one.
    if (!n || n.domainId !== domainOf(c).id) throw new HttpError(404, 'admin.not-found', 'Comunicazione non trovata');
    return c.html(<NoticePage {...consoleBase(c, sessions)} notice={n} links={n.body.match(LINK) ?? []} />);
  });

  app.get('/audit', (c) => {
    const page = pageOf(c);
    const { rows, total } = deps.repos.admin.audit(domainOf(c).id, { offset: (page - 1) * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE });
    const view = rows.map((r) => ({ at: r.at, admin: r.adminUsername, action: r.action, mailbox: r.mailboxAddress, mailboxId: r.mailboxId, detail: r.detail }));
    return c.html(<AuditPage {...consoleBase(c, sessions)} rows={view} page={page} pages={Math.max(1, Math.ceil(total / LOG_PAGE_SIZE))} />);
  });

  const domainsView = () =>
    deps.store.domains.list().map((d) => ({ id: d.id, name: d.name, mailboxes: deps.repos.admin.searchMailboxes(d.id, { limit: 1 }).total }));

  app.get('/domains', (c) => c.html(<DomainsPage {...consoleBase(c, sessions)} domains={domainsView()} />));

  app.post('/domains', async (c) => {
    const t = adminTranslator(c.get('user').lang);
    const name = field(await c.req.parseBody(), 'name').trim().toLowerCase();
    const errors: FieldError[] = [];
    try {
      if (deps.store.domains.byName(name)) throw new ConflictError('domain', name);
      deps.store.domains.create(name, deps.clock.now());
    } catch (e) {
      if (e instanceof ConflictError) errors.push({ field: 'name', message: t('admin.err.domainExists', { domain: name }) });
      else if (e instanceof InvalidValueError || e instanceof LimitExceededError) errors.push({ field: 'name', message: t('admin.err.domainInvalid') });
      else throw e;
      return c.html(<DomainsPage {...consoleBase(c, sessions)} domains={domainsView()} name={name} errors={errors} />, 400);
    }
    audit(c, deps, 'domain-created', null, name);
    addFlash(c, sessions, { kind: 'success', text: t('admin.domains.created', { domain: name }) });
    return c.redirect(adminUrls.domains());
  });

  const adminsView = () => {
    const names = new Map(deps.store.domains.list().map((d) => [d.id, d.name]));
    return deps.repos.admin.admins().map((a) => ({ username: a.username, superAdmin: a.super, domains: a.domainIds.map((id) => names.get(id) ?? String(id)) }));
  };
  const allDomains = () => deps.store.domains.list().map((d) => ({ id: d.id, name: d.name }));
  const policy = (c: AdminContext) => passwordLegend('titolare')[c.get('user').lang];

  app.get('/admins', (c) => c.html(<AdminsPage {...consoleBase(c, sessions)} admins={adminsView()} allDomains={allDomains()} policy={policy(c)} />));

  app.post('/admins', async (c) => {
    const t = adminTranslator(c.get('user').lang);
    const body = await c.req.parseBody({ all: true });
    const username = field(body, 'username').trim().toLowerCase();
    const superAdmin = field(body, 'super') === '1';
    const raw = body['domains'];
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((v): v is string => typeof v === 'string').map(Number);
    const known = new Map(deps.store.domains.list().map((d) => [d.id, d.name]));
    const errors: FieldError[] = [];
    if (!/^[a-z0-9][a-z0-9._@-]{0,63}$/.test(username)) errors.push({ field: 'username', message: t('admin.err.usernameInvalid') });
    else if (deps.store.principals.adminByUsername(username)) errors.push({ field: 'username', message: t('admin.err.usernameTaken', { username }) });
    if (ids.some((id) => !known.has(id))) throw new HttpError(400, 'admin.err.choice', 'Dominio sconosciuto');
    if (ids.length === 0 && !superAdmin) errors.push({ field: 'domains', message: t('admin.err.domainsRequired') });
    if (errors.length === 0) {
      try {
        await deps.provisioning.addAdmin(username, field(body, 'password'), ids.map((id) => known.get(id)!), superAdmin);
      } catch (e) {
        if (!(e instanceof ProvisioningError)) throw e;
        for (const v of e.violations) errors.push({ field: 'password', message: v[c.get('user').lang] });
        if (e.violations.length === 0) errors.push({ field: 'username', message: e.message });
      }
    }
    if (errors.length) {
      const form = { username, superAdmin, domainIds: ids };
      return c.html(<AdminsPage {...consoleBase(c, sessions)} admins={adminsView()} allDomains={allDomains()} form={form} errors={errors} policy={policy(c)} />, 400);
    }
    audit(c, deps, 'admin-created', null, `${username}${superAdmin ? ' (super)' : ''}: ${ids.map((id) => known.get(id)).join(', ')}`);
    addFlash(c, sessions, { kind: 'success', text: t('admin.admins.created', { username }) });
    return c.redirect(adminUrls.admins());
  });
}
