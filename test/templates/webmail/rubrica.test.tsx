import { describe, expect, it } from 'bun:test';
import { demoShell } from '../../../templates/demo-props.ts';
import { ContactDetail, ContactForm, GroupForm } from '../../../templates/webmail/rubrica-forms.tsx';
import { type Contact, type Group, RubricaPage } from '../../../templates/webmail/rubrica.tsx';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render, unnamedControls } from '../html.ts';

const contacts: Contact[] = [
  { id: 'c1', firstName: 'Giulia', lastName: 'Neri', email: 'giulia.neri@pec.ordineingegneri.fi.it', organization: 'Ordine degli Ingegneri', groupIds: ['g1'] },
  { id: 'c2', firstName: HOSTILE, lastName: HOSTILE, email: 'evil@pec.it', notes: HOSTILE, groupIds: [] },
];
const groups: Group[] = [
  { id: 'g1', name: 'Commissione gara', memberCount: 1 },
  { id: 'g2', name: HOSTILE, memberCount: 0 },
];

describe('rubrica', () => {
  it('lists groups and contacts with accessible "+" buttons and a detail pane', async () => {
    const html = await render(<RubricaPage lang="it" csrfToken="t" shell={demoShell} contacts={contacts} groups={groups} selectedId="c1" />);
    expect(await cspViolations(html)).toEqual([]);
    expect(await danglingIdRefs(html)).toEqual([]);
    expect(plain((await query(html, 'h1'))[0]?.text ?? '')).toBe('Rubrica');
    const plus = (await query(html, 'a.btn-small')).map((a) => plain(a.text));
    expect(plus).toEqual(['+Nuova lista di distribuzione (nuovo gruppo)', '+Nuovo contatto']);
    expect((await query(html, '.contact-list a[aria-current="true"]'))[0]?.attrs['hx-get']).toBe('/mail/rubrica/contacts/c1');
    expect(html).toContain('Seleziona un contatto');
    assertEscaped(html);
  });

  it('shows a contact with Modifica and the ticks that add it to groups', async () => {
    const html = await render(<ContactDetail lang="it" csrfToken="t" contact={contacts[0]!} groups={groups} canSend />);
    expect(await unnamedControls(html)).toEqual([]);
    expect((await query(html, 'a[href="/mail/rubrica/contacts/c1/edit"]'))[0]?.text).toBe('Modifica');
    const ticks = await query(html, 'input[name="groups"]');
    expect(ticks.map((b) => [b.attrs.value, 'checked' in b.attrs])).toEqual([['g1', true], ['g2', false]]);
    expect((await query(html, 'legend'))[0]?.text).toBe('Gruppi del contatto');
    expect((await query(html, 'form[data-confirm]'))[0]?.attrs['data-confirm']).toBe('Eliminare il contatto Giulia Neri?');
    assertEscaped(html);
  });

  it('edits a contact and a group with labelled fields, escaping hostile names', async () => {
    const form = await render(<ContactForm lang="it" csrfToken="t" contact={contacts[1]} />);
    expect(await unnamedControls(form)).toEqual([]);
    expect((await query(form, 'label')).map((l) => l.text)).toEqual(['Nome', 'Cognome', 'Indirizzo email', 'Ente / Organizzazione', 'Telefono', 'Note']);
    assertEscaped(form);
    const group = await render(<GroupForm lang="it" csrfToken="t" group={groups[0]} contacts={contacts} />);
    expect(await unnamedControls(group)).toEqual([]);
    expect((await query(group, 'label[for="grp-name"]'))[0]?.text).toBe('Nome della lista (o gruppo)');
    expect((await query(group, 'input[name="members"][checked]')).map((b) => b.attrs.value)).toEqual(['c1']);
    assertEscaped(group);
  });
});
