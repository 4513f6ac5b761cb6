// The one-time password link (seed 003 "Effettuare il reset della password", fig. 15-16), mounted at /reset:
// GET /reset/<token> shows the form with the policy legend, POST /reset/new sets the password and spends the link.
// The webmail's "Password dimenticata?" issues the same links and lands on the same routes.
import { type Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { hashPassword } from '../../auth/hash.ts';
import { checkNewPassword } from '../../auth/password-policy.ts';
import { checkResetToken, generateToken, hashToken, isWellFormedToken, tokenMatches } from '../../auth/tokens.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { ConsoleRepos } from '../../store/admin-repo.ts';
import type { Mailbox, Store } from '../../store/index.ts';
import { ResetInvalidPage, ResetSavedPage } from '../../../templates/reset/pages.tsx';
import { ResetNewPasswordPage } from '../../../templates/webmail/password-reset.tsx';
import { HttpError } from '../http-error.ts';
import { csrf } from '../session.ts';

export interface ResetDeps {
  store: Store;
  clock: Clock;
  repos: ConsoleRepos;
  secureCookie: boolean;
}

/** Double-submit CSRF cookie of the reset form (there is no session before the password exists). */
export const RESET_CSRF_COOKIE = 'pec_reset';
/** A posted password longer than this is refused before hashing (the policy's maximum is far below). */
export const MAX_RESET_FIELD_LENGTH = 1_024;

type Live = { mailbox: Mailbox; tokenHash: string };

/** The mailbox of a live link (well-formed, known, unused, unexpired, a holder's, mailbox not cancelled), or null. */
function liveLink(deps: ResetDeps, token: string): Live | null {
  if (!isWellFormedToken(token)) return null;
  const tokenHash = hashToken(token);
  const rec = deps.repos.admin.resetToken(tokenHash);
  if (!rec || rec.principal.kind !== 'holder' || checkResetToken(token, rec, deps.clock.now()) !== 'valid') return null;
  const mailbox = deps.store.mailboxes.byId(rec.principal.id);
  return mailbox && mailbox.state !== 'cancellata' ? { mailbox, tokenHash } : null;
}

const str = (v: unknown): string => (typeof v === 'string' && v.length <= MAX_RESET_FIELD_LENGTH ? v : '');

export function createResetApp(deps: ResetDeps): Hono {
  const app = new Hono();
  app.use('*', csrf()); // no session here: refuses cross-origin posts; the cookie below does the rest

  const form = (c: Context, live: Live, token: string, errors: { field?: string; message: string }[] = [], status: 200 | 400 = 200) => {
    const csrfToken = getCookie(c, RESET_CSRF_COOKIE) && errors.length ? getCookie(c, RESET_CSRF_COOKIE)! : generateToken().token;
    setCookie(c, RESET_CSRF_COOKIE, csrfToken, { httpOnly: true, sameSite: 'Strict', secure: deps.secureCookie, path: '/reset' });
    c.header('Cache-Control', 'no-store');
    return c.html(<ResetNewPasswordPage lang="it" csrfToken={csrfToken} mailbox={live.mailbox.address} token={token} errors={errors} />, status);
  };

  app.post('/new', async (c) => {
    const body = await c.req.parseBody();
    const token = str(body['token']);
    if (!tokenMatches(str(body['_csrf']), hashToken(getCookie(c, RESET_CSRF_COOKIE) ?? ''))) {
      throw new HttpError(403, 'csrf.invalid', 'Sessione non valida: riapri il collegamento ricevuto');
    }
    const live = liveLink(deps, token);
    if (!live) return c.html(<ResetInvalidPage lang="it" />, 410);
    const password = str(body['password']);
    const violations = checkNewPassword({ kind: 'titolare', password, confirmation: str(body['repeat']) });
    if (violations.length) {
      // The form shows one message per field: all of the field's broken rules, joined (seed 000 §2.2 legend).
      const byField = (f: string) => violations.filter((v) => (v.rule === 'confirmation-mismatch' ? 'repeat' : 'password') === f).map((v) => v.it);
      const errors = ['password', 'repeat'].filter((f) => byField(f).length).map((f) => ({ field: f, message: byField(f).join('; ') }));
      return form(c, live, token, errors, 400);
    }
    const hash = await hashPassword(password);
    const now = deps.clock.now();
    // Spend the link and set the password together: two tabs posting the same link cannot both succeed.
    const done = deps.store.transaction(() => {
      if (!deps.store.sessions.consumeResetToken(live.tokenHash, now)) return false;
      deps.store.principals.setHolderPassword(live.mailbox.id, hash, now, false);
      deps.repos.admin.revokeResetTokens({ kind: 'holder', id: live.mailbox.id }, now);
      return true;
    });
    if (!done) return c.html(<ResetInvalidPage lang="it" />, 410);
    deps.store.sessions.deleteSessionsOf({ kind: 'holder', id: live.mailbox.id });
    return c.html(<ResetSavedPage lang="it" address={live.mailbox.address} />);
  });

  app.get('/:token', (c) => {
    const token = c.req.param('token');
    const live = liveLink(deps, token);
    if (!live) return c.html(<ResetInvalidPage lang="it" />, 410);
    return form(c, live, token);
  });

  app.onError((e, c) => {
    if (e instanceof HttpError) return c.text(e.message, e.status);
    throw e;
  });
  return app;
}
