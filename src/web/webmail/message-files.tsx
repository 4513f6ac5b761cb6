// A message's raw forms and pieces (seed 000 §2.1 "Azioni"): download as .eml, source view, print page,
// attachments, and the sanitized HTML body served alone under its own strict CSP for the sandboxed frame.
import { Hono } from 'hono';
import { safeFilename } from '../../mime/display.ts';
import { PrintPage } from '../../../templates/webmail/print.tsx';
import { HttpError } from '../http-error.ts';
import { type WebmailEnv } from './context.ts';
import { loadMessage, receiptsOf, renderMessage, type BodyWhich } from './message-model.ts';

/**
 * The frame's document (a readable default font first; the mail's own CSS comes after and wins): nothing loads but inline CSS and images carried as data: URLs, and it may be framed
 * only by our own pages. Together with `sandbox` (no allow-scripts, no allow-same-origin) on the iframe.
 */
export const BODY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
/** Downloads never render on our origin: any active content in an attachment runs nowhere. */
export const DOWNLOAD_CSP = "default-src 'none'; sandbox";

/** RFC 6266 §4.3: an ASCII fallback plus the UTF-8 name (RFC 8187). */
export function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const BODY_WHICH: readonly BodyWhich[] = ['main', 'envelope', 'original'];

export function messageFileRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/:id/eml', async (c) => {
    const { msg, raw } = await loadMessage(c.get('deps'), c.get('mbx').mailbox.id, c.req.param('id'));
    const name = safeFilename(`${(msg.subject ?? 'messaggio').slice(0, 80)}.eml`, `messaggio-${msg.id}.eml`);
    return c.body(raw as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': contentDisposition('attachment', name),
      'Content-Security-Policy': DOWNLOAD_CSP,
    });
  });

  app.get('/:id/source', async (c) => {
    const { raw } = await loadMessage(c.get('deps'), c.get('mbx').mailbox.id, c.req.param('id'));
    // text/plain with nosniff: the browser shows the bytes as text whatever they contain.
    return c.body(raw as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': DOWNLOAD_CSP });
  });

  app.get('/:id/print', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const loaded = await loadMessage(deps, mbx.mailbox.id, c.req.param('id'));
    const r = await renderMessage(deps, loaded);
    return c.html(
      <PrintPage lang={mbx.lang} csrfToken={mbx.csrf} message={r.viewed} flagged={loaded.msg.flags.includes('\\Flagged')} receipts={receiptsOf(deps, mbx.mailbox.id, loaded.msg)} />,
    );
  });

  app.get('/:id/attachments/:part', async (c) => {
    const deps = c.get('deps');
    const loaded = await loadMessage(deps, c.get('mbx').mailbox.id, c.req.param('id'));
    const r = await renderMessage(deps, loaded);
    const a = r.attachments.get(c.req.param('part'));
    if (!a) throw new HttpError(404, 'attachment.not-found', 'Allegato non trovato');
    return c.body(a.content as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': /^[\w.+-]+\/[\w.+-]+$/.test(a.contentType) ? a.contentType : 'application/octet-stream',
      'Content-Disposition': contentDisposition('attachment', a.filename),
      'Content-Security-Policy': DOWNLOAD_CSP,
    });
  });

  app.get('/:id/body/:which', async (c) => {
    const deps = c.get('deps');
    const which = c.req.param('which') as BodyWhich;
    if (!BODY_WHICH.includes(which)) throw new HttpError(404, 'body.not-found', 'Contenuto non trovato');
    const r = await renderMessage(deps, await loadMessage(deps, c.get('mbx').mailbox.id, c.req.param('id')));
    const html = r.html[which];
    if (html === undefined) throw new HttpError(404, 'body.not-found', 'Contenuto non trovato');
    const doc = `<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><base target="_blank"><style>body{font-family:system-ui,sans-serif;line-height:1.45;margin:8px;overflow-wrap:anywhere}</style></head><body>${html}</body></html>`;
    return c.html(doc, 200, { 'Content-Security-Policy': BODY_CSP, 'X-Frame-Options': 'SAMEORIGIN' });
  });

  return app;
}
