import { describe, expect, it } from 'bun:test';
import { demoFolders, demoShell } from '../../../templates/demo-props.ts';
import { FiltersSettingsPage } from '../../../templates/settings/filters.tsx';
import { FoldersSettingsPage } from '../../../templates/settings/folders.tsx';
import { InoltroSettingsPage } from '../../../templates/settings/inoltro.tsx';
import { NotificaSettingsPage } from '../../../templates/settings/notifica.tsx';
import { PasswordSettingsPage } from '../../../templates/settings/password.tsx';
import { PreferencesPage } from '../../../templates/settings/preferences.tsx';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render, unnamedControls } from '../html.ts';

const base = { lang: 'it' as const, csrfToken: 't', shell: demoShell };

async function common(html: string, title: string) {
  expect(await cspViolations(html)).toEqual([]);
  expect(await unnamedControls(html)).toEqual([]);
  expect(await danglingIdRefs(html)).toEqual([]);
  expect(plain((await query(html, '#settings-title'))[0]?.text ?? '')).toBe(title);
  expect(plain((await query(html, '.side-nav a[aria-current="page"]'))[0]?.text ?? '')).toBe(title);
}

describe('settings', () => {
  it('creates folders with Nome cartella and Cartella padre, and renames or deletes own folders only', async () => {
    const html = await render(<FoldersSettingsPage {...base} folders={demoFolders} canOrganize />);
    await common(html, 'Cartelle');
    expect((await query(html, 'label[for="folder-name"]'))[0]?.text).toBe('Nome cartella');
    expect((await query(html, 'label[for="folder-parent"]'))[0]?.text).toBe('Cartella padre');
    expect((await query(html, '#folder-parent option')).map((o) => o.text)).toContain('Appalti / 2026');
    const rows = (await query(html, 'tbody th')).map((th) => th.text);
    expect(rows).toEqual(['Appalti', 'Appalti / 2025', 'Appalti / 2026', 'Fatture']);
    expect((await query(html, 'form[action="/settings/folders/Appalti%2F2026/delete"]'))[0]?.attrs['data-confirm']).toContain('Appalti / 2026');
  });

  it('shows folders without controls to a read-only collaborator', async () => {
    const html = await render(<FoldersSettingsPage {...base} folders={demoFolders} canOrganize={false} />);
    expect(html).not.toContain('/settings/folders/create');
    expect(html).not.toContain('/rename');
  });

  it('changes the password with the policy legend', async () => {
    const html = await render(<PasswordSettingsPage {...base} mailbox="a@pec.it" errors={[{ field: 'current', message: 'Password attuale errata' }]} />);
    await common(html, 'PEC - Modifica Password');
    expect((await query(html, 'form#password-change-form'))[0]?.attrs.action).toBe('/settings/password');
    expect((await query(html, '#pw-current-error'))[0]?.text).toBe('Password attuale errata');
    expect(html).toContain('un carattere speciale tra @?#+-:~_!');
  });

  it('shows the notification rule with Mittente and Destinatario, and Reset', async () => {
    const html = await render(<NotificaSettingsPage {...base} current={{ sender: 'posta-certificata@sicurezzapostale.it', recipient: HOSTILE }} />);
    await common(html, 'PEC - Abilita Messaggi di Notifica');
    expect((await query(html, '#notifica-type option'))[0]?.text).toBe('via email');
    expect((await query(html, 'label[for="notifica-type"]'))[0]?.text).toBe('Tipo di Notifica');
    const rule = await query(html, '.current-rule dd');
    expect(rule.map((d) => d.text)).toEqual(['posta-certificata@sicurezzapostale.it', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;']);
    expect((await query(html, '.current-rule h3'))[0]?.text).toBe('Attuale Regola impostata');
    expect((await query(html, 'form[action="/settings/notifica/reset"] button'))[0]?.text).toBe('Reset');
    assertEscaped(html);
    const empty = await render(<NotificaSettingsPage {...base} />);
    expect(empty).toContain('Nessuna regola impostata.');
    expect(empty).not.toContain('/settings/notifica/reset');
  });

  it('forwards ordinary mail, explaining that the PEC address itself means busta di anomalia', async () => {
    const html = await render(<InoltroSettingsPage {...base} mailbox="a@pec.it" current={{ recipient: 'a@pec.it', toSelf: true }} />);
    await common(html, 'PEC - Inoltro Messaggi non Certificati');
    expect(plain((await query(html, '#inoltro-to-text'))[0]?.text ?? '')).toBe("Inoltra i messaggi di posta convenzionale (NON certificati) all'indirizzo email:");
    expect(plain((await query(html, '#inoltro-self-note'))[0]?.text ?? '')).toContain('busta di anomalia');
    expect(plain((await query(html, '.current-rule'))[0]?.text ?? '')).toContain('Indirizzo Attuale di Inoltro');
    expect(html).toContain('Ricevuti nella casella PEC come busta di anomalia');
  });

  it('builds filters from sender, subject and PEC kind to move and mark as read', async () => {
    const html = await render(
      <FiltersSettingsPage
        {...base}
        folders={demoFolders}
        filters={[{ id: 'f1', name: HOSTILE, senderContains: 'regione.toscana', pecKind: 'avvenuta-consegna', moveToFolderId: 'Appalti/2026', markRead: true }]}
      />,
    );
    await common(html, 'Filtri');
    const row = plain((await query(html, 'tbody tr'))[0]?.text ?? '');
    expect(row).toContain('Tipo di messaggio PEC: consegna');
    expect(row).toContain('Sposta nella cartella: Appalti / 2026');
    expect(row).toContain('Segna come letto');
    expect((await query(html, '#filter-kind option')).map((o) => o.attrs.value)).toContain('accettazione');
    assertEscaped(html);
  });

  it('chooses language and the 2- or 3-column layout', async () => {
    const html = await render(<PreferencesPage {...base} layout={3} />);
    await common(html, 'Interfaccia Utente');
    expect((await query(html, 'input[name="layout"][checked]'))[0]?.attrs.value).toBe('3');
    expect((await query(html, 'input[name="lang"][checked]'))[0]?.attrs.value).toBe('it');
    expect(html).toContain('Visualizzazione a 3 colonne');
  });
});
