import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsrfField, CSRF_FIELD } from '../../../templates/components/csrf.tsx';
import { Checkbox, SelectField, TextArea, TextField } from '../../../templates/components/field.tsx';
import { FlashRegion } from '../../../templates/components/flash.tsx';
import { KeyboardHelp, SHORTCUTS } from '../../../templates/components/keyboard-help.tsx';
import { ConfirmDialog } from '../../../templates/components/confirm-dialog.tsx';
import { Pagination, PAGINATION_WINDOW, pageWindow } from '../../../templates/components/pagination.tsx';
import { assertEscaped, danglingIdRefs, HOSTILE, query, render, unnamedControls } from '../html.ts';

describe('form fields', () => {
  it('labels every control and wires hint and error with aria-describedby', async () => {
    const html = await render(
      <form>
        <TextField id="a" name="a" label="Nome utente" hint="h" error="e" required />
        <TextArea id="b" name="b" label="Testo" />
        <SelectField id="c" name="c" label="Tipo" value="y" options={[{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }]} />
        <Checkbox id="d" name="d" label="Letto" />
      </form>,
    );
    expect(await unnamedControls(html)).toEqual([]);
    expect(await danglingIdRefs(html)).toEqual([]);
    const [input] = await query(html, 'input#a');
    expect(input?.attrs['aria-describedby']).toBe('a-hint a-error');
    expect(input?.attrs['aria-invalid']).toBe('true');
    expect((await query(html, 'option[selected]'))[0]?.attrs.value).toBe('y');
  });

  it('escapes hostile values and labels', async () => {
    const html = await render(<TextField id="x" name="x" label={HOSTILE} value={`"><img src=x onerror=alert(1)>`} />);
    assertEscaped(html);
    expect(html).not.toContain('<img');
  });

  it('carries the CSRF token in a hidden field, escaped', async () => {
    const html = await render(<CsrfField token={`t"><script>`} />);
    const [f] = await query(html, 'input');
    expect(f?.attrs).toMatchObject({ type: 'hidden', name: CSRF_FIELD });
    expect(html).not.toContain('"><script>');
  });
});

describe('pagination', () => {
  it('elides long ranges around the current page', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(5, 10)).toEqual([1, null, 3, 4, 5, 6, 7, null, 10]);
  });

  it('renders a bounded number of links for a hostile page count', async () => {
    const html = await render(<Pagination lang="it" page={500_000} pages={1_000_000} hrefFor={(p) => `/l?page=${p}`} />);
    const links = await query(html, '.pagination li');
    expect(links.length).toBeLessThanOrEqual(2 * PAGINATION_WINDOW + 5);
    expect((await query(html, '[aria-current="page"]'))[0]?.text).toBe('500000');
  });

  it('renders nothing for a single page and swaps only the target with htmx', async () => {
    expect(await render(<Pagination lang="it" page={1} pages={1} hrefFor={() => '/'} />)).toBe('');
    const html = await render(<Pagination lang="it" page={2} pages={3} hrefFor={(p) => `/l?page=${p}`} target="#message-list" />);
    const [next] = await query(html, 'a.page-next');
    expect(next?.attrs).toMatchObject({ href: '/l?page=3', 'hx-get': '/l?page=3', 'hx-target': '#message-list' });
    expect((await query(html, 'nav'))[0]?.attrs['aria-label']).toBe('Paginazione');
  });
});

describe('flash, dialogs', () => {
  it('announces errors as alerts and other notices as status', async () => {
    const html = await render(<FlashRegion flashes={[{ kind: 'error', text: HOSTILE }, { kind: 'success', text: 'Salvato' }]} />);
    expect((await query(html, '[role="alert"]')).length).toBe(1);
    expect((await query(html, '[role="status"]')).length).toBe(1);
    assertEscaped(html);
  });

  it('renders the confirm dialog with labelled actions', async () => {
    const html = await render(<ConfirmDialog lang="it" />);
    expect((await query(html, 'dialog'))[0]?.attrs['aria-labelledby']).toBe('confirm-dialog-text');
    expect(html).toContain('Conferma');
    expect(html).toContain('Annulla');
  });

  it('lists every shortcut that public/js/keys.js binds', async () => {
    const html = await render(<KeyboardHelp lang="it" />);
    const keys = (await query(html, 'kbd')).map((k) => k.text);
    expect(keys).toEqual(['j', 'k', 'c', 'r', 'a', 'f', '#', '/', '?']);
    const script = readFileSync(join(import.meta.dir, '../../../public/js/keys.js'), 'utf8');
    for (const [key] of SHORTCUTS) expect(script).toContain(`case '${key}':`);
  });
});
