// The CSRF hidden field every state-changing form carries, and the header name htmx requests use.
import type { FC } from 'hono/jsx';

/** Form field name of the token (the route's CSRF middleware reads this field or the header). */
export const CSRF_FIELD = '_csrf';
/** Header set on every htmx request from `hx-headers` on <body> and by public/js/dnd.js. */
export const CSRF_HEADER = 'X-CSRF-Token';

export const CsrfField: FC<{ token: string }> = ({ token }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** JSON for `hx-headers` so htmx sends the token on every request it makes (escaped as an attribute by hono/jsx). */
export function csrfHeaders(token: string): string {
  return JSON.stringify({ [CSRF_HEADER]: token });
}
