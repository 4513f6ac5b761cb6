// The HTML document shell: language, viewport, stylesheet and scripts by URL only (CSP: no inline script or style).
import { raw } from 'hono/html';
import type { Child, FC } from 'hono/jsx';
import { csrfHeaders } from '../components/csrf.tsx';
import type { Lang } from '../i18n/index.ts';
import { urls } from '../urls.ts';

/** The vendored htmx build (public/vendor/README.md says where it came from). */
export const HTMX_FILE = 'vendor/htmx-2.0.11.min.js';
/** Our scripts, each a no-op on pages without its elements, so every page loads the same small set. */
export const APP_SCRIPTS = ['js/app.js', 'js/keys.js', 'js/dnd.js', 'js/live.js', 'js/compose.js'] as const;
export const STYLESHEET = 'css/app.css';

/**
 * htmx settings that keep it inside a strict CSP: no injected <style> for indicators, no eval for hx-on / filters,
 * no inline scripts executed from swapped content.
 */
export const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
});

export interface BaseLayoutProps {
  readonly lang: Lang;
  readonly title: string;
  /** Sent as a header on every htmx request; absent on pages before login that have no session yet. */
  readonly csrfToken?: string | undefined;
  readonly bodyClass?: string | undefined;
  /** The print page: app.js opens the print dialog once the page has loaded (no inline script under the CSP). */
  readonly autoPrint?: boolean | undefined;
  readonly children?: Child;
}

export const BaseLayout: FC<BaseLayoutProps> = (p) => (
  <>
    {raw('<!doctype html>')}
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content="same-origin" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{p.title}</title>
        <link rel="stylesheet" href={urls.static(STYLESHEET)} />
        <script src={urls.static(HTMX_FILE)} defer></script>
        {APP_SCRIPTS.map((s) => (
          <script src={urls.static(s)} defer></script>
        ))}
      </head>
      <body class={p.bodyClass} hx-headers={p.csrfToken ? csrfHeaders(p.csrfToken) : undefined} data-auto-print={p.autoPrint ? '1' : undefined}>
        {p.children}
      </body>
    </html>
  </>
);
