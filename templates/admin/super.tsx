// The super-administrator's pages: the managed domains and the administrators with their domains (issue 6 §1).
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextField } from '../components/field.tsx';
import { adminTranslator } from './i18n.ts';
import { ConsoleLayout, FormErrors } from './layout.tsx';
import type { ConsoleBase, FieldError } from './props.ts';

export interface DomainView {
  readonly id: number;
  readonly name: string;
  readonly mailboxes: number;
}

const errorOf = (errors: readonly FieldError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

export const DomainsPage: FC<ConsoleBase & { domains: readonly DomainView[]; name?: string; errors?: readonly FieldError[] }> = (p) => {
  const t = adminTranslator(p.lang);
  return (
    <ConsoleLayout {...p} title={t('admin.domains.heading')} section="domains">
      <h1>{t('admin.domains.heading')}</h1>
      <div class="card">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.domains.name')}</th>
              <th scope="col">{t('admin.domains.mailboxes')}</th>
            </tr>
          </thead>
          <tbody>
            {p.domains.map((d) => (
              <tr>
                <th scope="row">{d.name}</th>
                <td>{d.mailboxes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="card stack" aria-labelledby="add-domain">
        <h2 id="add-domain">{t('admin.domains.add')}</h2>
        <FormErrors title={t('admin.err.title')} errors={p.errors ?? []} />
        <form method="post" action="/admin/domains" class="actions-bar">
          <CsrfField token={p.csrfToken} />
          <TextField id="domain-name" name="name" label={t('admin.domains.name')} value={p.name} error={errorOf(p.errors, 'name')} required />
          <button type="submit" class="btn btn-primary">
            {t('admin.domains.add')}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
};

export interface AdminView {
  readonly username: string;
  readonly superAdmin: boolean;
  readonly domains: readonly string[];
}

export interface AdminsPageProps extends ConsoleBase {
  readonly admins: readonly AdminView[];
  readonly allDomains: readonly { id: number; name: string }[];
  readonly form?: { username?: string; superAdmin?: boolean; domainIds?: readonly number[] };
  readonly errors?: readonly FieldError[];
  readonly policy: string;
}

export const AdminsPage: FC<AdminsPageProps> = (p) => {
  const t = adminTranslator(p.lang);
  const chosen = new Set(p.form?.domainIds ?? []);
  return (
    <ConsoleLayout {...p} title={t('admin.admins.heading')} section="admins">
      <h1>{t('admin.admins.heading')}</h1>
      <div class="card">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.admins.username')}</th>
              <th scope="col">{t('admin.admins.domains')}</th>
            </tr>
          </thead>
          <tbody>
            {p.admins.map((a) => (
              <tr>
                <th scope="row">{a.username}</th>
                <td>{a.superAdmin ? t('admin.admins.all') : a.domains.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section class="card stack" aria-labelledby="add-admin">
        <h2 id="add-admin">{t('admin.admins.add')}</h2>
        <FormErrors title={t('admin.err.title')} errors={p.errors ?? []} />
        <form method="post" action="/admin/admins" class="stack">
          <CsrfField token={p.csrfToken} />
          <TextField id="admin-new-username" name="username" label={t('admin.admins.username')} value={p.form?.username} error={errorOf(p.errors, 'username')} required autocomplete="off" />
          <TextField id="admin-new-password" name="password" type="password" label={t('admin.admins.password')} error={errorOf(p.errors, 'password')} required autocomplete="new-password" describedBy="admin-policy" />
          <p class="legend" id="admin-policy">
            {p.policy}
          </p>
          <fieldset class="radio-group">
            <legend>{t('admin.admins.domains')}</legend>
            {p.allDomains.map((d) => (
              <div class="check">
                <input type="checkbox" id={`grant-${d.id}`} name="domains" value={String(d.id)} checked={chosen.has(d.id)} />
                <label for={`grant-${d.id}`}>{d.name}</label>
              </div>
            ))}
          </fieldset>
          <div class="check">
            <input type="checkbox" id="admin-new-super" name="super" value="1" checked={p.form?.superAdmin} />
            <label for="admin-new-super">{t('admin.admins.super')}</label>
          </div>
          <button type="submit" class="btn btn-primary">
            {t('admin.admins.add')}
          </button>
        </form>
      </section>
    </ConsoleLayout>
  );
};
