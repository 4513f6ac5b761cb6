import { describe, expect, it } from 'bun:test';
import { AppLayout } from '../../../templates/layouts/app.tsx';
import { BaseLayout, HTMX_CONFIG, HTMX_FILE } from '../../../templates/layouts/base.tsx';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, query, render } from '../html.ts';

describe('layouts', () => {
  it('loads the vendored htmx and our scripts by URL only, with htmx kept off eval and inline styles', async () => {
    const html = await render(<BaseLayout lang="it" title="x" csrfToken="tok" />);
    expect(await cspViolations(html)).toEqual([]);
    const srcs = (await query(html, 'script')).map((s) => s.attrs.src);
    expect(srcs[0]).toBe(`/static/${HTMX_FILE}`);
    for (const src of srcs) expect(existsSync(join(import.meta.dir, '../../../public', src!.replace('/static/', '')))).toBe(true);
    expect(JSON.parse(HTMX_CONFIG)).toMatchObject({ includeIndicatorStyles: false, allowEval: false });
    expect(JSON.parse((await query(html, 'body'))[0]?.attrs['hx-headers'] ?? '{}')).toEqual({ 'X-CSRF-Token': 'tok' });
  });

  it('shows the mailbox, the collaborator in solo consultazione, language switch and logout as CSRF-protected posts', async () => {
    const html = await render(
      <AppLayout lang="it" title={HOSTILE} csrfToken="tok" mailbox="ufficio@pec.it" collaborator={HOSTILE} readOnly section="mail">
        <p>contenuto</p>
      </AppLayout>,
    );
    expect(await danglingIdRefs(html)).toEqual([]);
    expect((await query(html, '.identity-mailbox'))[0]?.text).toBe('ufficio@pec.it');
    expect(html).toContain('solo consultazione');
    const lang = await query(html, 'form[action="/language"] input');
    expect(lang.map((i) => [i.attrs.name, i.attrs.value])).toEqual([['_csrf', 'tok'], ['lang', 'en']]);
    expect((await query(html, 'form[action="/logout"]'))[0]?.attrs.method).toBe('post');
    expect((await query(html, '.app-nav a[aria-current="page"]'))[0]?.text).toBe('Posta');
    expect((await query(html, 'main#content'))[0]?.text).toBe('contenuto');
    assertEscaped(html);
  });
});
