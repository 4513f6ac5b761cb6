// "Password dimenticata?" for a casella (seed 000 §2.7.3): the mailbox address, the communication e-mail shown
// partly masked, then a one-time link valid 24 hours sent there. The link itself opens /reset/<token>
// (src/web/reset/app.tsx), where the new password is set.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { generateToken, hashToken, issueResetToken, tokenMatches } from '../../auth/tokens.ts';
import { maskAddress, resetLinkText } from '../../notices/texts.ts';
import { consoleRepos } from '../../store/admin-repo.ts';
import type { Mailbox, PrincipalRef } from '../../store/index.ts';
import { ResetConfirmPage, ResetDonePage, ResetStartPage, type ResetKind } from '../../../templates/webmail/password-reset.tsx';
import { HttpError } from '../http-error.ts';
import { csrf } from '../session.ts';
import type { DepsSource, WebmailDeps } from './deps.ts';

/** Double-submit CSRF cookie of the request forms (no session exists yet). */
export const RESET_REQUEST_COOKIE = 'pec_reset_req';
/** Between "Avanti" and the confirmation: a short while, then the user starts again. */
export const RESET_REQUEST_TTL_MS = 10 * 60_000;
/** Pending requests kept in memory: beyond this the oldest are dropped (a flood cannot grow memory). */
export const MAX_PENDING_RESET_REQUESTS = 1_000;
/** Links requested per mailbox in RESET_REQUEST_TTL_MS: a mailbox's owner is not spammed by someone else. */
export const MAX_RESET_LINKS_PER_WINDOW = 3;

interface Pending {
  mailboxId: number;
  at: number;
}

export function resetRequestRoutes(source: DepsSource): Hono {
  const app = new Hono();
  const pending = new Map<string, Pending>();
  const sent = new Map<number, number[]>();
  app.use('/', csrf() as never);
  app.use('/confirm', csrf() as never);

  const token = (c: Context): string => {
    const existing = getCookie(c, RESET_REQUEST_COOKIE);
    if (existing) return existing;
    const t = generateToken().token;
    setCookie(c, RESET_REQUEST_COOKIE, t, { httpOnly: true, sameSite: 'Strict', path: '/reset', secure: source().config.publicUrl.startsWith('https:') });
    return t;
  };
  const checkCsrf = (c: Context, presented: unknown) => {
    const cookie = getCookie(c, RESET_REQUEST_COOKIE);
    if (!cookie || typeof presented !== 'string' || !tokenMatches(presented, hashToken(cookie))) throw new HttpError(403, 'csrf.invalid', 'Sessione non valida: ricarica la pagina e riprova');
  };

  app.get('/', (c) => c.html(<ResetStartPage lang="it" csrfToken={token(c)} />));

  app.post('/', async (c) => {
    const deps = source();
    const body = await c.req.parseBody();
    checkCsrf(c, body['_csrf']);
    const kind: ResetKind = body['kind'] === 'collaborator' ? 'collaborator' : 'mailbox';
    const address = typeof body['address'] === 'string' ? body['address'].trim().toLowerCase().slice(0, 254) : '';
    const again = (message: string, field?: string) =>
      c.html(<ResetStartPage lang="it" csrfToken={token(c)} kind={kind} address={address} errors={[{ field, message }]} />, 422);
    // Collaborators have no e-mail of their own here: their titolare resets them from the multiutenza panel.
    if (kind === 'collaborator') return again('Per le utenze collaboratore rivolgiti al titolare della casella', 'username');
    const mailbox = deps.store.mailboxes.byAddress(address);
    if (!mailbox || mailbox.state !== 'attiva' || !mailbox.communicationEmail) return again('Casella non trovata o senza indirizzo e-mail per le comunicazioni', 'address');
    const now = deps.clock.now();
    for (const [id, p] of pending) if (now - p.at > RESET_REQUEST_TTL_MS || pending.size >= MAX_PENDING_RESET_REQUESTS) pending.delete(id);
    const requestId = generateToken().token;
    pending.set(requestId, { mailboxId: mailbox.id, at: now });
    return c.html(<ResetConfirmPage lang="it" csrfToken={token(c)} requestId={requestId} maskedAddress={maskAddress(mailbox.communicationEmail)} />);
  });

  app.post('/confirm', async (c) => {
    const deps = source();
    const body = await c.req.parseBody();
    checkCsrf(c, body['_csrf']);
    const id = typeof body['request'] === 'string' ? body['request'] : '';
    const p = pending.get(id);
    pending.delete(id);
    const now = deps.clock.now();
    const mailbox = p && now - p.at <= RESET_REQUEST_TTL_MS ? deps.store.mailboxes.byId(p.mailboxId) : undefined;
    if (!mailbox || !mailbox.communicationEmail) return c.redirect('/reset', 303);
    const recent = (sent.get(mailbox.id) ?? []).filter((t) => now - t < RESET_REQUEST_TTL_MS);
    if (recent.length >= MAX_RESET_LINKS_PER_WINDOW) throw new HttpError(429, 'reset.too-many', 'Troppe richieste: riprova più tardi');
    sent.set(mailbox.id, [...recent, now]);
    await sendLink(deps, { ...mailbox, communicationEmail: mailbox.communicationEmail });
    return c.html(<ResetDonePage lang="it" />);
  });

  return app;
}

/** A new one-time link (earlier ones stop working) to the communication e-mail, as the console's reset does. */
async function sendLink(deps: WebmailDeps, m: Mailbox & { communicationEmail: string }): Promise<void> {
  if (!deps.notifier) throw new HttpError(503, 'reset.unavailable', 'Servizio momentaneamente non disponibile');
  const now = deps.clock.now();
  const holder: PrincipalRef = { kind: 'holder', id: m.id };
  const issued = issueResetToken(now);
  deps.store.transaction(() => {
    consoleRepos(deps.store).admin.revokeResetTokens(holder, now);
    deps.store.sessions.createResetToken({ tokenHash: issued.tokenHash, principal: holder, expiresAt: issued.expiresAt }, now);
  });
  const url = `${deps.config.publicUrl}/reset/${encodeURIComponent(issued.token)}`;
  await deps.notifier.email(m.communicationEmail, resetLinkText({ address: m.address, url, expiresAt: issued.expiresAt, created: false }), { kind: 'reset-link', mailboxId: m.id, domainId: m.domainId });
}
