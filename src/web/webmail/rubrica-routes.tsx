// Rubrica e gruppi (seed 000 §2.6, §2.6.1): contacts list, detail, new and Modifica; groups (liste di
// distribuzione) with their members; the "Gruppi" ticks on a contact; suggestions for the compose fields.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { ConflictError, LimitExceededError, StoreError, type InvalidValueError } from '../../store/errors.ts';
import type { ContactInput, ContactRecord, GroupRecord } from '../../store/addressbook-repo.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { RubricaSuggestions, type Suggestion } from '../../../templates/webmail/compose.tsx';
import { ContactDetail, ContactForm, GroupForm } from '../../../templates/webmail/rubrica-forms.tsx';
import { contactName, RubricaPage, type Contact, type Group } from '../../../templates/webmail/rubrica.tsx';
import type { FormError } from '../../../templates/webmail/props.ts';
import { HttpError } from '../http-error.ts';
import { requireAction, setFlash, wantsFragment, type WebmailEnv } from './context.ts';
import { text } from './texts.ts';

/** Suggestions offered while typing in A/Cc. */
export const MAX_SUGGESTIONS = 10;

const toContact = (c: ContactRecord): Contact => ({
  id: String(c.id), firstName: c.firstName, lastName: c.lastName, email: c.email,
  organization: c.organization ?? undefined, phone: c.phone ?? undefined, notes: c.notes ?? undefined, groupIds: c.groupIds.map(String),
});
const toGroup = (g: GroupRecord): Group => ({ id: String(g.id), name: g.name, memberCount: g.memberCount });
const idOf = (v: string | undefined) => (/^\d{1,15}$/.test(v ?? '') ? Number(v) : NaN);
const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

function repo(c: Context<WebmailEnv>) {
  return webmailRepos(c.get('deps').store).addressBook;
}

/** The detail pane alone for htmx, else the whole rubrica page with it. */
function respond(c: Context<WebmailEnv>, detail: Child, opts: { selectedId?: string; groupId?: string; status?: 200 | 422 } = {}) {
  const mbx = c.get('mbx');
  if (wantsFragment(c)) return c.html(detail as string, opts.status ?? 200);
  const book = repo(c);
  const gid = idOf(opts.groupId);
  const contacts = book.contacts(mbx.mailbox.id, Number.isNaN(gid) ? undefined : gid).map(toContact);
  return c.html(
    <RubricaPage lang={mbx.lang} csrfToken={mbx.csrf} shell={mbx.shell} contacts={contacts} groups={book.groups(mbx.mailbox.id).map(toGroup)} selectedId={opts.selectedId} groupId={Number.isNaN(gid) ? undefined : opts.groupId} detail={detail} />,
    opts.status ?? 200,
  );
}

function contactOr404(c: Context<WebmailEnv>, id: string | undefined): ContactRecord {
  const contact = repo(c).contact(c.get('mbx').mailbox.id, idOf(id));
  if (!contact) throw new HttpError(404, 'contact.not-found', 'Contatto non trovato');
  return contact;
}

function groupOr404(c: Context<WebmailEnv>, id: string | undefined): GroupRecord {
  const g = repo(c).group(c.get('mbx').mailbox.id, idOf(id));
  if (!g) throw new HttpError(404, 'group.not-found', 'Gruppo non trovato');
  return g;
}

function contactErrors(e: unknown, lang: 'it' | 'en'): FormError[] {
  if (e instanceof LimitExceededError) return [{ message: text(lang, 'rubrica.tooLong') }];
  if (e instanceof StoreError && e.code === 'invalid-value' && (e as InvalidValueError).field === 'email') return [{ field: 'email', message: text(lang, 'rubrica.badEmail') }];
  throw e;
}

export function rubricaRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/', (c) => respond(c, null, { groupId: c.req.query('group') }));

  app.get('/suggest', (c) => {
    const mbx = c.get('mbx');
    // htmx sends the typing field's value under its own name (HX-Trigger-Name: "to" or "cc").
    const field = c.req.header('HX-Trigger-Name') === 'cc' ? 'cc' : 'to';
    const value = (c.req.query(field) ?? '').slice(0, 2000);
    const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf(';'));
    const head = cut >= 0 ? `${value.slice(0, cut + 1).trimEnd()} ` : '';
    const { contacts, groups } = repo(c).suggest(mbx.mailbox.id, value.slice(cut + 1), MAX_SUGGESTIONS);
    // Each option is the whole field with the last token completed, so a datalist pick keeps earlier recipients.
    const suggestions: Suggestion[] = [
      ...groups.map((g) => ({ label: `${g.name} (${g.memberCount})`, value: `${head}${g.name}` })),
      ...contacts.map((ct) => ({ label: `${contactName(ct)} <${ct.email}>`, value: `${head}${ct.email}` })),
    ];
    return c.html(<RubricaSuggestions lang={mbx.lang} suggestions={suggestions} />);
  });

  app.get('/contacts/new', (c) => {
    const mbx = c.get('mbx');
    return respond(c, <ContactForm lang={mbx.lang} csrfToken={mbx.csrf} />);
  });

  app.get('/contacts/:id', (c) => {
    const mbx = c.get('mbx');
    const contact = contactOr404(c, c.req.param('id'));
    const groups = repo(c).groups(mbx.mailbox.id).map(toGroup);
    return respond(c, <ContactDetail lang={mbx.lang} csrfToken={mbx.csrf} contact={toContact(contact)} groups={groups} canSend={mbx.can.send} />, { selectedId: String(contact.id) });
  });

  app.get('/contacts/:id/edit', (c) => {
    const mbx = c.get('mbx');
    const contact = contactOr404(c, c.req.param('id'));
    return respond(c, <ContactForm lang={mbx.lang} csrfToken={mbx.csrf} contact={toContact(contact)} />, { selectedId: String(contact.id) });
  });

  app.post('/contacts', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'settings');
    const body = await c.req.parseBody();
    const input: ContactInput = {
      firstName: str(body['firstName'], 1000), lastName: str(body['lastName'], 1000), email: str(body['email'], 1000),
      organization: str(body['organization'], 1000), phone: str(body['phone'], 1000), notes: str(body['notes'], 10_000),
    };
    const id = idOf(str(body['id'], 20));
    const existing = Number.isNaN(id) ? undefined : contactOr404(c, String(id));
    try {
      const saved = existing ? repo(c).updateContact(mbx.mailbox.id, existing.id, input) : repo(c).createContact(mbx.mailbox.id, input, c.get('deps').clock.now());
      setFlash(c, { kind: 'success', text: text(mbx.lang, 'rubrica.saved') });
      return c.redirect(`/mail/rubrica/contacts/${saved.id}`, 303);
    } catch (e) {
      const errors = contactErrors(e, mbx.lang);
      const values = { ...input, organization: input.organization ?? undefined, phone: input.phone ?? undefined, notes: input.notes ?? undefined };
      return respond(c, <ContactForm lang={mbx.lang} csrfToken={mbx.csrf} contact={existing && toContact(existing)} values={values} errors={errors} />, { status: 422 });
    }
  });

  app.post('/contacts/:id/delete', (c) => {
    requireAction(c.get('mbx'), 'settings');
    const contact = contactOr404(c, c.req.param('id'));
    repo(c).deleteContact(c.get('mbx').mailbox.id, contact.id);
    return c.redirect('/mail/rubrica', 303);
  });

  app.post('/contacts/:id/groups', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'settings');
    const contact = contactOr404(c, c.req.param('id'));
    const body = await c.req.parseBody({ all: true });
    const ids = [body['groups'] ?? []].flat().map((v) => idOf(typeof v === 'string' ? v : '')).filter((n) => !Number.isNaN(n));
    repo(c).setContactGroups(mbx.mailbox.id, contact.id, ids);
    if (!c.req.header('HX-Request')) return c.redirect(`/mail/rubrica/contacts/${contact.id}`, 303);
    const fresh = contactOr404(c, String(contact.id));
    return c.html(<ContactDetail lang={mbx.lang} csrfToken={mbx.csrf} contact={toContact(fresh)} groups={repo(c).groups(mbx.mailbox.id).map(toGroup)} canSend={mbx.can.send} />);
  });

  const groupForm = (c: Context<WebmailEnv>, g?: GroupRecord, errors?: FormError[], name?: string) => {
    const mbx = c.get('mbx');
    const contacts = repo(c).contacts(mbx.mailbox.id).map(toContact);
    return <GroupForm lang={mbx.lang} csrfToken={mbx.csrf} group={g && toGroup(g)} contacts={contacts} errors={errors} name={name} />;
  };

  app.get('/groups/new', (c) => respond(c, groupForm(c)));
  app.get('/groups/:id', (c) => {
    const g = groupOr404(c, c.req.param('id'));
    return respond(c, groupForm(c, g), { groupId: String(g.id) });
  });
  app.get('/groups/:id/edit', (c) => {
    const g = groupOr404(c, c.req.param('id'));
    return respond(c, groupForm(c, g), { groupId: String(g.id) });
  });

  app.post('/groups', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'settings');
    const body = await c.req.parseBody({ all: true });
    const id = idOf(str(body['id'], 20));
    const existing = Number.isNaN(id) ? undefined : groupOr404(c, String(id));
    const name = str(body['name'], 1000);
    const members = [body['members'] ?? []].flat().map((v) => idOf(typeof v === 'string' ? v : '')).filter((n) => !Number.isNaN(n));
    try {
      const g = repo(c).saveGroup(mbx.mailbox.id, { id: existing?.id, name, memberIds: members }, c.get('deps').clock.now());
      setFlash(c, { kind: 'success', text: text(mbx.lang, 'rubrica.groupSaved') });
      return c.redirect(`/mail/rubrica?group=${g.id}`, 303);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      const message = e instanceof ConflictError ? text(mbx.lang, 'rubrica.groupExists') : e instanceof LimitExceededError ? text(mbx.lang, 'rubrica.tooLong') : text(mbx.lang, 'folders.invalid');
      return respond(c, groupForm(c, existing, [{ field: 'name', message }], name), { status: 422 });
    }
  });

  app.post('/groups/:id/delete', (c) => {
    requireAction(c.get('mbx'), 'settings');
    const g = groupOr404(c, c.req.param('id'));
    repo(c).deleteGroup(c.get('mbx').mailbox.id, g.id);
    return c.redirect('/mail/rubrica', 303);
  });

  return app;
}
