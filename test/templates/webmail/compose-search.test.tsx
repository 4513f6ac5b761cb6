import { describe, expect, it } from 'bun:test';
import { demoRows, demoShell } from '../../../templates/demo-props.ts';
import { ComposePage, type ComposeProps, RubricaSuggestions } from '../../../templates/webmail/compose.tsx';
import { ALL_PERMISSIONS, READ_ONLY } from '../../../templates/webmail/props.ts';
import { SearchPage, type SearchProps, SearchResultsView } from '../../../templates/webmail/search.tsx';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render, unnamedControls } from '../html.ts';

const MAX = 50 * 1024 * 1024;
const compose = (over: Partial<ComposeProps> = {}) =>
  render(
    <ComposePage
      lang="it"
      csrfToken="t"
      shell={demoShell}
      identities={['protocollo@postacert.comune-esempio.it']}
      maxMessageBytes={MAX}
      draft={{ from: 'protocollo@postacert.comune-esempio.it', to: '', cc: '', subject: '', body: '', receiptType: 'completa', attachments: [] }}
      {...over}
    />,
  );

describe('compose', () => {
  it('labels Da, A, Cc, Oggetto, text, attachments and Tipo ricevuta', async () => {
    const html = await compose();
    expect(await cspViolations(html)).toEqual([]);
    expect(await unnamedControls(html)).toEqual([]);
    expect(await danglingIdRefs(html)).toEqual([]);
    const labels = (await query(html, 'form.compose label')).map((l) => l.text);
    expect(labels).toEqual(['Da', 'Tipo ricevuta', 'A', 'Cc', 'Oggetto', 'Testo del messaggio', 'Allegati']);
    const options = (await query(html, '#compose-receipt option')).map((o) => [o.attrs.value, o.text, 'selected' in o.attrs]);
    expect(options).toEqual([['completa', 'completa', true], ['breve', 'breve', false], ['sintetica', 'sintetica', false]]);
    expect((await query(html, 'button[name="action"]')).map((b) => b.text)).toEqual(['Invia', 'Salva bozza']);
  });

  it('gives the size limit to the client-side check and fetches rubrica suggestions into a datalist', async () => {
    const html = await compose();
    const [file] = await query(html, 'input[type="file"]');
    expect(file?.attrs['data-max-bytes']).toBe(String(MAX));
    expect(file?.attrs['data-too-big']).toBe('Il messaggio supera il limite di 50 MB (dimensione × destinatari).');
    const [to] = await query(html, '#compose-to');
    expect(to?.attrs).toMatchObject({ list: 'rubrica-suggestions', 'hx-get': '/mail/rubrica/suggest', 'hx-target': '#rubrica-suggestions' });
    expect((await query(html, 'datalist#rubrica-suggestions')).length).toBe(1);
  });

  it('lists errors and keeps carried-over attachments with their size for the check', async () => {
    const html = await compose({
      errors: [{ field: 'to', message: 'Destinatario non valido' }, { message: HOSTILE }],
      draft: { from: 'a@pec.it', to: HOSTILE, cc: '', subject: HOSTILE, body: HOSTILE, receiptType: 'breve', attachments: [{ part: '2', filename: 'a.pdf', contentType: 'application/pdf', size: 1000 }] },
    });
    expect(plain((await query(html, '[role="alert"]'))[0]?.text ?? '')).toContain('Il messaggio non è stato inviato:');
    expect((await query(html, '#compose-to-error'))[0]?.text).toBe('Destinatario non valido');
    expect((await query(html, 'input[name="keep"]'))[0]?.attrs['data-kept-size']).toBe('1000');
    expect((await query(html, '#compose-receipt option[selected]'))[0]?.attrs.value).toBe('breve');
    assertEscaped(html);
  });

  it('renders suggestions as escaped options', async () => {
    const html = await render(<RubricaSuggestions lang="it" suggestions={[{ label: HOSTILE, value: 'a@pec.it' }]} />);
    expect((await query(html, 'option'))[0]?.attrs.value).toBe('a@pec.it');
    assertEscaped(html);
  });
});

const searchProps = (over: Partial<SearchProps> = {}): SearchProps => ({
  lang: 'it',
  csrfToken: 't',
  can: ALL_PERMISSIONS,
  criteria: { q: 'gara', field: 'subject', scope: 'current', folderId: 'INBOX', dateMode: 'any' },
  results: { rows: demoRows.slice(0, 3).map((r) => ({ ...r, folderName: 'Posta in arrivo' })), paging: { page: 1, pages: 2, total: 31 } },
  ...over,
});

describe('search', () => {
  it('offers the fields, scopes and date criteria of seed 000 §2.4', async () => {
    const html = await render(<SearchPage {...searchProps()} shell={demoShell} />);
    expect(await cspViolations(html)).toEqual([]);
    expect(await unnamedControls(html)).toEqual([]);
    expect(await danglingIdRefs(html)).toEqual([]);
    expect((await query(html, '#search-field option')).map((o) => o.text)).toEqual(['Oggetto', 'Mittente', 'Destinatario', 'Cc', 'Body', 'Intero messaggio']);
    expect((await query(html, 'input[name="scope"]')).map((o) => o.attrs.value)).toEqual(['current', 'subfolders', 'all']);
    expect((await query(html, '#search-date option')).length).toBe(5);
    expect((await query(html, 'input[type="date"]')).length).toBe(2);
  });

  it('lets the selection span every page and offers ZIP download and delete', async () => {
    const html = await render(<SearchResultsView {...searchProps()} />);
    expect(plain((await query(html, 'h2'))[0]?.text ?? '')).toBe('31 messaggi trovati');
    expect((await query(html, '#search-selection-mode option')).map((o) => o.text)).toEqual(['Nessuno', 'Pagina corrente', 'Non letti', 'Tutti (tutte le pagine)']);
    expect((await query(html, 'input[name="criteria.q"]'))[0]?.attrs.value).toBe('gara');
    expect((await query(html, 'input[name="ids"]')).length).toBe(3);
    expect(html).toContain('Scarica in formato maildir (.zip)');
    expect((await query(html, 'button[formaction="/mail/search/delete"]'))[0]?.attrs['data-confirm']).toBe('Eliminare i messaggi selezionati?');
    expect((await query(html, '.pagination a.page-next'))[0]?.attrs['hx-target']).toBe('#search-results');
  });

  it('hides delete from a read-only collaborator and escapes hostile results', async () => {
    const rows = [{ ...demoRows[0]!, subject: HOSTILE, from: { name: HOSTILE, address: 'x@y.it' }, folderName: HOSTILE }];
    const html = await render(<SearchResultsView {...searchProps({ can: READ_ONLY, results: { rows, paging: { page: 1, pages: 1, total: 1 } } })} />);
    expect(html).not.toContain('/mail/search/delete');
    assertEscaped(html);
  });
});
