// The address book page (seed 000 §2.6, §2.6.1): groups pane, contact list, and a detail pane whose content is
// one of the fragments in rubrica-forms.tsx (detail, contact form, group form).
import type { Child, FC } from 'hono/jsx';
import { translator, type T } from '../i18n/index.ts';
import { AppLayout, type ShellProps } from '../layouts/app.tsx';
import { urls, withQuery } from '../urls.ts';
import type { PageBase } from './props.ts';

export interface Contact {
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly organization?: string | undefined;
  readonly phone?: string | undefined;
  readonly notes?: string | undefined;
  /** Ids of the groups the contact is in. */
  readonly groupIds: readonly string[];
}

export interface Group {
  readonly id: string;
  readonly name: string;
  readonly memberCount: number;
}

export function contactName(c: Pick<Contact, 'firstName' | 'lastName' | 'email'>): string {
  const n = `${c.firstName} ${c.lastName}`.trim();
  return n || c.email;
}

export interface ContactListProps extends PageBase {
  readonly contacts: readonly Contact[];
  readonly selectedId?: string | undefined;
  /** The group the list is filtered on, if any. */
  readonly groupId?: string | undefined;
}

const detailAttrs = (href: string) => ({ 'hx-get': href, 'hx-target': '#rubrica-detail', 'hx-swap': 'innerHTML' });

/** Fragment: the contacts (of one group or all), each opening its detail in the right pane. */
export const ContactList: FC<ContactListProps> = (p) => {
  const t = translator(p.lang);
  return (
    <section id="contact-list" class="card" aria-labelledby="contacts-title">
      <div class="panel-header">
        <h2 id="contacts-title">{t('rubrica.contacts')}</h2>
        <a class="btn btn-small" href={urls.rubrica.contactNew()} {...detailAttrs(urls.rubrica.contactNew())} title={t('rubrica.newContact')}>
          <span aria-hidden="true">+</span>
          <span class="sr-only">{t('rubrica.newContact')}</span>
        </a>
      </div>
      {p.contacts.length === 0 ? (
        <p class="muted">{t('rubrica.empty')}</p>
      ) : (
        <ul class="contact-list">
          {p.contacts.map((c) => (
            <li>
              <a href={urls.rubrica.contact(c.id)} aria-current={c.id === p.selectedId ? 'true' : undefined} {...detailAttrs(urls.rubrica.contact(c.id))}>
                {contactName(c)}
                <span class="contact-email">{c.email}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

const GroupsPane: FC<{ groups: readonly Group[]; groupId?: string | undefined; t: T }> = ({ groups, groupId, t }) => (
  <nav class="card side-nav" aria-labelledby="groups-title">
    <div class="panel-header">
      <h2 id="groups-title">{t('rubrica.groups')}</h2>
      <a class="btn btn-small" href={urls.rubrica.groupNew()} {...detailAttrs(urls.rubrica.groupNew())} title={t('rubrica.newGroup')}>
        <span aria-hidden="true">+</span>
        <span class="sr-only">{t('rubrica.newGroup')}</span>
      </a>
    </div>
    <ul>
      <li>
        <a href={urls.rubrica.home()} aria-current={groupId ? undefined : 'page'}>
          {t('rubrica.allContacts')}
        </a>
      </li>
      {groups.map((g) => (
        <li>
          <a href={withQuery(urls.rubrica.home(), { group: g.id })} aria-current={g.id === groupId ? 'page' : undefined}>
            {g.name} <span class="badge badge-muted">{g.memberCount}</span>
          </a>
        </li>
      ))}
    </ul>
    {groups.length === 0 ? <p class="muted">{t('rubrica.noGroups')}</p> : null}
  </nav>
);

export interface RubricaPageProps extends ContactListProps {
  readonly shell: ShellProps;
  readonly groups: readonly Group[];
  /** What the right pane shows on load: a fragment from rubrica-forms.tsx, or nothing. */
  readonly detail?: Child;
}

export const RubricaPage: FC<RubricaPageProps> = (p) => {
  const t = translator(p.lang);
  return (
    <AppLayout lang={p.lang} title={t('rubrica.heading')} csrfToken={p.csrfToken} section="rubrica" {...p.shell}>
      <h1>{t('rubrica.heading')}</h1>
      <div class="rubrica-grid">
        <GroupsPane groups={p.groups} groupId={p.groupId} t={t} />
        <ContactList {...p} />
        <section id="rubrica-detail" class="card" aria-live="polite" aria-label={t('rubrica.heading')}>
          {p.detail ?? <p class="muted">{t('rubrica.selectContact')}</p>}
        </section>
      </div>
    </AppLayout>
  );
};
