// How the webmail answers a failure: the HttpError's status and text (CONVENTIONS 8), an actor's typed refusal
// mapped to its HTTP form; a short text for htmx requests, a page otherwise. Unknown errors say nothing inside.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { MailboxError } from '../../../actors/mailbox/errors.ts';
import { AskTimeoutError } from '../../runtime/errors.ts';
import { StoreError } from '../../store/errors.ts';
import { translator } from '../../../templates/i18n/index.ts';
import { AuthLayout, ErrorBanner } from '../../../templates/layouts/auth.tsx';
import { urls } from '../../../templates/urls.ts';
import type { WebmailEnv } from './context.ts';
import { text } from './texts.ts';

export function statusOf(e: unknown): { status: ContentfulStatusCode; message: string } {
  if (e instanceof HTTPException) return { status: e.status as ContentfulStatusCode, message: e.message };
  if (e instanceof MailboxError) {
    if (e.code === 'over-quota') return { status: 507, message: 'Casella piena: libera spazio e riprova' };
    return { status: 404, message: 'Non trovato' };
  }
  if (e instanceof StoreError && e.code === 'not-found') return { status: 404, message: 'Non trovato' };
  if (e instanceof StoreError && (e.code === 'invalid-value' || e.code === 'limit-exceeded')) return { status: 400, message: 'Richiesta non valida' };
  if (e instanceof AskTimeoutError) return { status: 503, message: 'Servizio momentaneamente non disponibile: riprova' };
  return { status: 500, message: 'Errore interno' };
}

export function onWebmailError(e: Error, c: Context<WebmailEnv>): Response | Promise<Response> {
  const { status, message } = statusOf(e);
  if (status === 500) console.error('webmail error', e);
  const lang = c.get('mbx')?.lang ?? 'it';
  const shown = status === 403 && message === '' ? text(lang, 'error.forbidden') : message;
  if (c.req.header('HX-Request')) return c.text(shown, status);
  const t = translator(lang);
  return c.html(
    <AuthLayout lang={lang} title={shown}>
      <ErrorBanner errors={[{ message: shown }]} />
      <p>
        <a class="btn" href={urls.mail.home()}>
          {t('app.nav.mail')}
        </a>
      </p>
    </AuthLayout>,
    status,
  );
}
