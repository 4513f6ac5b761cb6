// The rubrica's right-pane fragments: contact detail with its groups (§2.6.1 "Gruppi" ticks), the contact form
// (new / Modifica, §2.6) and the group form (name and members, §2.6.1).
import type { FC } from 'hono/jsx';
import { confirmAttrs } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { TextArea, TextField } from '../components/field.tsx';
import { translator } from '../i18n/index.ts';
import { ErrorBanner } from '../layouts/auth.tsx';
import { urls, withQuery } from '../urls.ts';
import { type Contact, contactName, type Group } from './rubrica.tsx';
import type { FormError, PageBase } from './props.ts';

const err = (errors: readonly FormError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

export interface ContactDetailProps extends PageBase {
  readonly contact: Contact;
  readonly groups: readonly Group[];
  readonly canSend: boolean;
}

/** Fragment: the contact with Modifica, and the ticks that put it in groups. */
export const ContactDetail: FC<ContactDetailProps> = (p) => {
  const t = translator(p.lang);
  const c = p.contact;
  return (
    <article aria-labelledby="contact-title">
      <div class="panel-header">
        <h2 id="contact-title">{contactName(c)}</h2>
        <a class="btn" href={urls.rubrica.contactEdit(c.id)} hx-get={urls.rubrica.contactEdit(c.id)} hx-target="#rubrica-detail" hx-swap="innerHTML">
          {t('rubrica.edit')}
        </a>
      </div>
      <dl class="facts">
        <dt>{t('rubrica.email')}</dt>
        <dd>{c.email}</dd>
        {c.organization ? (<><dt>{t('rubrica.organization')}</dt><dd>{c.organization}</dd></>) : null}
        {c.phone ? (<><dt>{t('rubrica.phone')}</dt><dd>{c.phone}</dd></>) : null}
        {c.notes ? (<><dt>{t('rubrica.notes')}</dt><dd class="pre">{c.notes}</dd></>) : null}
      </dl>
      {p.canSend ? (
        <p>
          <a class="btn btn-primary" href={withQuery(urls.mail.compose(), { to: c.email })}>
            {t('rubrica.writeTo')}
          </a>
        </p>
      ) : null}
      <form method="post" action={urls.rubrica.contactGroups(c.id)} hx-post={urls.rubrica.contactGroups(c.id)} hx-target="#rubrica-detail" hx-swap="innerHTML">
        <CsrfField token={p.csrfToken} />
        <fieldset>
          <legend>{t('rubrica.contactGroups')}</legend>
          {p.groups.length === 0 ? <p class="muted">{t('rubrica.noGroups')}</p> : null}
          {p.groups.map((g) => (
            <div class="check">
              <input type="checkbox" id={`cg-${g.id}`} name="groups" value={g.id} checked={c.groupIds.includes(g.id)} />
              <label for={`cg-${g.id}`}>{g.name}</label>
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn">{t('rubrica.save')}</button>
        </div>
      </form>
      <form method="post" action={urls.rubrica.contactDelete(c.id)} class="form-actions" {...confirmAttrs(t('rubrica.confirmDeleteContact', { name: contactName(c) }), false)}>
        <CsrfField token={p.csrfToken} />
        <button type="submit" class="btn btn-danger">{t('rubrica.delete')}</button>
      </form>
    </article>
  );
};

export interface ContactFormProps extends PageBase {
  /** Absent for a new contact. */
  readonly contact?: Contact | undefined;
  readonly values?: Partial<Omit<Contact, 'id' | 'groupIds'>> | undefined;
  readonly errors?: readonly FormError[] | undefined;
}

/** Fragment: new contact ("+") or Modifica; Salva confirms (§2.6). */
export const ContactForm: FC<ContactFormProps> = (p) => {
  const t = translator(p.lang);
  const v = { ...(p.contact ?? {}), ...(p.values ?? {}) };
  return (
    <form method="post" action={urls.rubrica.contactSave()} class="stack" aria-labelledby="contact-form-title">
      <h2 id="contact-form-title">{p.contact ? `${t('rubrica.edit')}: ${contactName(p.contact)}` : t('rubrica.newContact')}</h2>
      <ErrorBanner errors={(p.errors ?? []).filter((e) => !e.field)} />
      <CsrfField token={p.csrfToken} />
      {p.contact ? <input type="hidden" name="id" value={p.contact.id} /> : null}
      <div class="form-grid">
        <TextField id="ct-first" name="firstName" label={t('rubrica.firstName')} value={v.firstName} autocomplete="off" error={err(p.errors, 'firstName')} />
        <TextField id="ct-last" name="lastName" label={t('rubrica.lastName')} value={v.lastName} autocomplete="off" error={err(p.errors, 'lastName')} />
        <TextField id="ct-email" name="email" type="email" label={t('rubrica.email')} value={v.email} required autocomplete="off" error={err(p.errors, 'email')} />
        <TextField id="ct-org" name="organization" label={t('rubrica.organization')} value={v.organization} error={err(p.errors, 'organization')} />
        <TextField id="ct-phone" name="phone" type="tel" label={t('rubrica.phone')} value={v.phone} error={err(p.errors, 'phone')} />
        <div class="wide">
          <TextArea id="ct-notes" name="notes" label={t('rubrica.notes')} value={v.notes} rows={4} error={err(p.errors, 'notes')} />
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary">{t('rubrica.save')}</button>
        <a class="btn" href={p.contact ? urls.rubrica.contact(p.contact.id) : urls.rubrica.home()}>{t('rubrica.cancel')}</a>
      </div>
    </form>
  );
};

export interface GroupFormProps extends PageBase {
  readonly group?: Group | undefined;
  readonly name?: string | undefined;
  /** Every contact, with the ones in the group ticked. */
  readonly contacts: readonly Contact[];
  readonly errors?: readonly FormError[] | undefined;
}

/** Fragment: a distribution list's name and members (§2.6.1); its name in A/Cc expands to the members. */
export const GroupForm: FC<GroupFormProps> = (p) => {
  const t = translator(p.lang);
  const g = p.group;
  return (
    <div class="stack">
      <form method="post" action={urls.rubrica.groupSave()} class="stack" aria-labelledby="group-form-title">
        <h2 id="group-form-title">{g ? `${t('rubrica.edit')}: ${g.name}` : t('rubrica.newGroup')}</h2>
        <ErrorBanner errors={(p.errors ?? []).filter((e) => !e.field)} />
        <CsrfField token={p.csrfToken} />
        {g ? <input type="hidden" name="id" value={g.id} /> : null}
        <TextField id="grp-name" name="name" label={t('rubrica.groupName')} value={p.name ?? g?.name} required error={err(p.errors, 'name')} />
        <fieldset>
          <legend>{t('rubrica.members')}</legend>
          {p.contacts.length === 0 ? <p class="muted">{t('rubrica.empty')}</p> : null}
          {p.contacts.map((c) => (
            <div class="check">
              <input type="checkbox" id={`gm-${c.id}`} name="members" value={c.id} checked={g ? c.groupIds.includes(g.id) : false} />
              <label for={`gm-${c.id}`}>{contactName(c)} &lt;{c.email}&gt;</label>
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">{t('rubrica.save')}</button>
        </div>
      </form>
      {g ? (
        <form method="post" action={urls.rubrica.groupDelete(g.id)} {...confirmAttrs(t('rubrica.confirmDeleteGroup', { name: g.name }), false)}>
          <CsrfField token={p.csrfToken} />
          <button type="submit" class="btn btn-danger">{t('rubrica.delete')}</button>
        </form>
      ) : null}
    </div>
  );
};
