import { describe, expect, it } from 'bun:test';
import { demoMainProps, demoRows } from '../../../templates/demo-props.ts';
import { MainPage, PreviewFragment } from '../../../templates/webmail/main.tsx';
import { MessageList } from '../../../templates/webmail/message-list.tsx';
import { FolderTree, quotaPercent, FOLDER_TREE_MAX_DEPTH } from '../../../templates/webmail/folder-tree.tsx';
import { READ_ONLY, type FolderNode } from '../../../templates/webmail/props.ts';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render, unnamedControls } from '../html.ts';

const page = (o = {}) => render(<MainPage {...demoMainProps(o)} />);

describe('main page', () => {
  it('is a complete, CSP-clean document in the chosen language', async () => {
    const html = await page();
    expect(html.startsWith('<!doctype html><html lang="it">')).toBe(true);
    expect((await query(html, 'meta[name="viewport"]')).length).toBe(1);
    expect(await cspViolations(html)).toEqual([]);
    expect(await unnamedControls(html)).toEqual([]);
    expect(await danglingIdRefs(html)).toEqual([]);
    expect((await query(html, 'a.skip-link[href="#content"]')).length).toBe(1);
    expect(html).toContain('protocollo@postacert.comune-esempio.it');
  });

  it('shows the standard folders with unread counts and the quota as a meter with text', async () => {
    const html = await page();
    const names = (await query(html, '.folder-name')).map((e) => e.text);
    expect(names.slice(0, 4)).toEqual(['Posta in arrivo', 'Posta inviata', 'Bozze', 'Cestino']);
    expect(names).toContain('2026');
    expect(plain((await query(html, 'a.folder-inbox .sr-only'))[0]?.text ?? '')).toBe('3 da leggere');
    const [meter] = await query(html, 'meter#quota-meter');
    expect(meter?.attrs).toMatchObject({ value: '70', low: '70', high: '90' });
    expect((await query(html, 'label[for="quota-meter"]'))[0]?.text).toBe('Spazio occupato');
    expect(plain((await query(html, '#quota-text'))[0]?.text ?? '')).toBe('70% (2,1 GB di 3 GB)');
  });

  it('renders the list as an ARIA treegrid with one tab stop and sortable headers', async () => {
    const html = await page();
    expect((await query(html, 'table[role="treegrid"]')).length).toBe(1);
    const rows = await query(html, 'tbody tr[role="row"]');
    expect(rows.length).toBe(demoRows.length);
    expect(rows.filter((r) => r.attrs.tabindex === '0').length).toBe(1);
    expect(rows[0]?.attrs).toMatchObject({ 'aria-level': '1', 'aria-posinset': '1', 'aria-setsize': String(demoRows.length), 'aria-selected': 'true' });
    expect(rows[0]?.attrs['hx-get']).toBe('/mail/messages/1042');
    expect(rows[0]?.attrs['hx-target']).toBe('#preview');
    expect((await query(html, 'td[role="gridcell"]')).length).toBe(demoRows.length * 5);
    const [sorted] = await query(html, 'th[aria-sort]');
    expect(sorted?.attrs['aria-sort']).toBe('descending');
    expect(plain(sorted?.text ?? '')).toStartWith('Data');
    expect((await query(html, '.badge-accettazione'))[0]?.text).toBe('accettazione');
    expect((await query(html, '.badge-avvenuta-consegna'))[0]?.text).toBe('consegna');
  });

  it('wires htmx: folders load the list, the list and tree refresh on live events, pagination swaps the list', async () => {
    const html = await page();
    const [inbox] = await query(html, 'a.folder-inbox');
    expect(inbox?.attrs).toMatchObject({ 'hx-get': '/mail/folders/INBOX', 'hx-target': '#message-list', 'data-drop-folder': 'INBOX' });
    const [list] = await query(html, '#message-list');
    expect(list?.attrs['hx-trigger']).toBe('pec-refresh from:body');
    expect(list?.attrs['hx-get']).toBe('/mail/folders/INBOX?page=1&sort=date&dir=desc');
    expect((await query(html, '#folder-tree'))[0]?.attrs['hx-trigger']).toBe('pec-refresh from:body');
    expect((await query(html, '#mail-app'))[0]?.attrs['data-events-url']).toBe('/mail/events');
    expect((await query(html, '.pagination a.page-next'))[0]?.attrs['hx-get']).toBe('/mail/folders/INBOX?page=2&sort=date&dir=desc');
    expect((await query(html, 'tr[draggable="true"][data-move-url]')).length).toBe(demoRows.length);
  });

  it('shows every toolbar action, with Azioni listing the seed menu', async () => {
    const html = await page();
    const toolbar = plain((await query(html, '[role="toolbar"]'))[0]?.text ?? '');
    for (const label of ['Aggiorna', 'Nuova mail', 'Rispondi', 'Rispondi a tutti', 'Inoltra', 'Elimina', 'Contrassegna', 'Azioni']) expect(toolbar).toContain(label);
    for (const label of ['Stampa', 'Download in formato eml', 'Crea un nuovo messaggio duplicando', 'Visualizza il codice sorgente', 'Sposta', 'Copia', 'Apri in una nuova finestra'])
      expect(toolbar).toContain(label);
    expect((await query(html, '[data-key="r"]'))[0]?.attrs.href).toBe('/mail/compose?reply=1042');
  });

  it('hides the actions a read-only collaborator (solo consultazione) cannot do', async () => {
    const html = await page({ can: READ_ONLY });
    const toolbar = plain((await query(html, '[role="toolbar"]'))[0]?.text ?? '');
    for (const label of ['Nuova mail', 'Rispondi', 'Inoltra', 'Elimina', 'Contrassegna', 'Sposta', 'Copia', 'Crea un nuovo messaggio'])
      expect(toolbar).not.toContain(label);
    for (const label of ['Aggiorna', 'Stampa', 'Download in formato eml']) expect(toolbar).toContain(label);
    expect((await query(html, 'tr[draggable]')).length).toBe(0);
  });

  it('disables message actions until a message is selected', async () => {
    const html = await page({ preview: undefined });
    const reply = (await query(html, '[data-key="r"]'))[0];
    expect(reply?.tag).toBe('button');
    expect('disabled' in (reply?.attrs ?? {})).toBe(true);
    expect(html).toContain('Seleziona un messaggio');
  });

  it('switches to three columns by a class only', async () => {
    expect((await query(await page({ layout: 3 }), '#mail-app'))[0]?.attrs.class).toBe('mail-app layout-3');
  });

  it('escapes hostile subjects and sender names in the list', async () => {
    const base = demoMainProps();
    const rows = [{ ...demoRows[0]!, subject: HOSTILE, from: { name: HOSTILE, address: 'x@y.it' } }];
    const html = await render(<MessageList lang="it" csrfToken="t" can={base.can} {...base.list} rows={rows} />);
    assertEscaped(html);
  });

  it('answers a preview request with the message and an out-of-band toolbar for it', async () => {
    const base = demoMainProps();
    const html = await render(
      <PreviewFragment
        view={{ lang: 'it', csrfToken: 't', ...base.preview! }}
        toolbar={{ lang: 'it', csrfToken: 't', can: base.can, folderId: 'INBOX', listQuery: {}, folders: base.tree.folders, selected: { id: '1042', flagged: true } }}
      />,
    );
    expect((await query(html, '#toolbar'))[0]?.attrs['hx-swap-oob']).toBe('true');
    expect((await query(html, 'article.message'))[0]?.attrs['data-message-id']).toBe('1042');
  });
});

describe('folder tree', () => {
  it('clamps the quota percentage', () => {
    expect(quotaPercent({ usedBytes: 5, totalBytes: 0 })).toBe(0);
    expect(quotaPercent({ usedBytes: 4e9, totalBytes: 1e9 })).toBe(100);
  });

  it('flattens a hostile deep folder chain past the depth limit instead of nesting without end', async () => {
    let node: FolderNode = { id: 'f500', name: 'f500', unread: 0, children: [] };
    for (let i = 499; i >= 1; i--) node = { id: `f${i}`, name: HOSTILE, unread: 0, children: [node] };
    const html = await render(<FolderTree lang="it" folders={[node]} currentFolderId="f1" quota={{ usedBytes: 0, totalBytes: 1 }} />);
    expect((html.match(/<ul/g) ?? []).length).toBe(FOLDER_TREE_MAX_DEPTH);
    expect((await query(html, 'a.folder')).length).toBe(500);
    assertEscaped(html);
  });
});
