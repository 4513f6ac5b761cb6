// seed 003 "Creare", "Modificare", "Abilitare/disabilitare", "Cancellare" a casella, "Modificare lo spazio", the
// communication e-mail and "INVIA RESET PASSWORD": forms validated first, post/redirect/get, every action audited.
import type { Hono } from 'hono';
import { ConflictError, InvalidValueError, MailboxNameLockedError, type Mailbox } from '../../store/index.ts';
import { adminTranslator, type AT } from '../../../templates/admin/i18n.ts';
import { DeleteConfirmPage, MailboxCreatePage, MailboxEditPage } from '../../../templates/admin/mailbox-form.tsx';
import type { FieldError, MailboxForm } from '../../../templates/admin/props.ts';
import { adminUrls } from '../../../templates/admin/urls.ts';
import { HttpError } from '../http-error.ts';
import type { Sessions } from '../session.ts';
import { type AdminContext, type AdminDeps, type AdminEnv, addFlash, audit, consoleBase, domainOf, mailboxInDomain } from './context.ts';
import { type Checked, checkEmail, checkMailboxName, checkQuotaMb, checkSoftLimitMb, checkState, checkType, checkYesNo, field, MB } from './forms.ts';
import { cancelMailbox, changeCommunicationEmail, createMailbox, sendResetLink, updateMailbox } from './mailbox-actions.ts';
import { toDetail } from './mailbox-routes.tsx';

/** Collects the value of a checked field, or pushes its error. */
function take<T>(errors: FieldError[], t: AT, name: string, r: Checked<T>): T | undefined {
  if (r.ok) return r.value;
  errors.push({ field: name, message: t(r.key, r.params) });
  return undefined;
}

function notCancelled(c: AdminContext, m: Mailbox): void {
  if (m.state === 'cancellata') throw new HttpError(409, 'admin.err.cancelled', adminTranslator(c.get('user').lang)('admin.err.cancelled'));
}

export function mailboxEditRoutes(app: Hono<AdminEnv>, deps: AdminDeps, sessions: Sessions): void {
  const onError = (e: unknown) => void e; // a full or missing PEC mailbox must not fail the administrator's action

  app.get('/mailboxes/new', (c) => c.html(<MailboxCreatePage {...consoleBase(c, sessions)} domain={domainOf(c).name} form={{}} />));

  app.post('/mailboxes/new', async (c) => {
    const domain = domainOf(c);
    const t = adminTranslator(c.get('user').lang);
    const body = await c.req.parseBody();
    const form: MailboxForm = { name: field(body, 'name'), communicationEmail: field(body, 'communicationEmail'), conservazione: field(body, 'conservazione') === '1', type: field(body, 'type') === 'B' || field(body, 'type') === 'C' ? (field(body, 'type') as 'B' | 'C') : 'A' };
    const errors: FieldError[] = [];
    const name = take(errors, t, 'name', checkMailboxName(form.name ?? '', domain.name));
    const email = take(errors, t, 'communicationEmail', checkEmail(form.communicationEmail ?? '', true));
    const type = take(errors, t, 'type', checkType(field(body, 'type') || 'A'));
    const conservazione = take(errors, t, 'conservazione', checkYesNo(field(body, 'conservazione') || '0'));
    const again = () => c.html(<MailboxCreatePage {...consoleBase(c, sessions)} domain={domain.name} form={form} errors={errors} />, 400);
    if (errors.length || !name || !email || !type || conservazione === undefined) return again();
    const address = `${name}@${domain.name}`;
    let m: Mailbox;
    try {
      m = await createMailbox(deps, domain, { name, communicationEmail: email, conservazione, type });
    } catch (e) {
      // seed 003: "una volta cancellata la casella non sarà più possibile ... crearne una nuova con lo stesso nome".
      if (e instanceof MailboxNameLockedError) errors.push({ field: 'name', message: t('admin.err.nameLocked', { address }) });
      else if (e instanceof ConflictError) errors.push({ field: 'name', message: t('admin.err.nameTaken', { address }) });
      else if (e instanceof InvalidValueError) errors.push({ field: 'name', message: t('admin.err.nameReserved', { name }) });
      else throw e;
      return again();
    }
    audit(c, deps, 'mailbox-created', m, `tipo ${type}, e-mail ${email}, conservazione ${conservazione ? 'sì' : 'no'}`);
    addFlash(c, sessions, { kind: 'success', text: t('admin.msg.created', { address: m.address }) });
    addFlash(c, sessions, { kind: 'info', text: t('admin.msg.createdLink', { email }) });
    return c.redirect(adminUrls.list());
  });

  app.get('/mailboxes/:id{[0-9]+}/edit', (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    return c.html(<MailboxEditPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} form={{}} />);
  });

  app.post('/mailboxes/:id{[0-9]+}/edit', async (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    const t = adminTranslator(c.get('user').lang);
    const body = await c.req.parseBody();
    const errors: FieldError[] = [];
    const state = take(errors, t, 'state', checkState(field(body, 'state')));
    const quotaMb = take(errors, t, 'quotaMb', checkQuotaMb(field(body, 'quotaMb')));
    const soft = quotaMb === undefined ? undefined : take(errors, t, 'softLimitMb', checkSoftLimitMb(field(body, 'softLimitMb'), quotaMb));
    const conservazione = take(errors, t, 'conservazione', checkYesNo(field(body, 'conservazione')));
    const type = take(errors, t, 'type', checkType(field(body, 'type')));
    if (errors.length || !state || quotaMb === undefined || soft === undefined || conservazione === undefined || !type) {
      const form: MailboxForm = { quotaMb: field(body, 'quotaMb'), softLimitMb: field(body, 'softLimitMb') };
      return c.html(<MailboxEditPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} form={form} errors={errors} />, 400);
    }
    const changed = updateMailbox(deps, m, { state, quotaMb, softLimitMb: soft, conservazione, type });
    if (changed.length) audit(c, deps, state !== m.state ? 'mailbox-state' : 'mailbox-updated', m, changed.join('; '));
    addFlash(c, sessions, { kind: 'success', text: t('admin.msg.updated') });
    // seed 003: "È sconsigliato assegnare uno spazio disco inferiore a quello effettivamente utilizzato".
    if (quotaMb * MB < m.usedBytes) addFlash(c, sessions, { kind: 'error', text: t('admin.warn.quotaBelowUsed', { quota: quotaMb, used: (m.usedBytes / MB).toFixed(1) }) });
    return c.redirect(adminUrls.mailbox(m.id));
  });

  app.post('/mailboxes/:id{[0-9]+}/email', async (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    const t = adminTranslator(c.get('user').lang);
    const body = await c.req.parseBody();
    const r = checkEmail(field(body, 'communicationEmail'), true);
    if (!r.ok || r.value === null) {
      const errors = [{ field: 'communicationEmail', message: t(r.ok ? 'admin.err.emailRequired' : r.key, r.ok ? undefined : r.params) }];
      return c.html(<MailboxEditPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} form={{ communicationEmail: field(body, 'communicationEmail') }} errors={errors} />, 400);
    }
    await changeCommunicationEmail(deps, m, r.value, onError);
    audit(c, deps, 'communication-email', m, `${m.communicationEmail ?? '-'} → ${r.value}`);
    addFlash(c, sessions, { kind: 'success', text: t('admin.msg.emailChanged') });
    return c.redirect(adminUrls.mailbox(m.id));
  });

  app.post('/mailboxes/:id{[0-9]+}/reset', async (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    const t = adminTranslator(c.get('user').lang);
    if (!m.communicationEmail) {
      addFlash(c, sessions, { kind: 'error', text: t('admin.err.noEmail') });
      return c.redirect(adminUrls.mailbox(m.id));
    }
    const to = await sendResetLink(deps, m, false);
    audit(c, deps, 'reset-sent', m, to);
    addFlash(c, sessions, { kind: 'success', text: t('admin.msg.resetSent', { email: to }) });
    return c.redirect(adminUrls.mailbox(m.id));
  });

  app.get('/mailboxes/:id{[0-9]+}/delete', (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    return c.html(<DeleteConfirmPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} />);
  });

  app.post('/mailboxes/:id{[0-9]+}/delete', async (c) => {
    const m = mailboxInDomain(c, deps.store);
    notCancelled(c, m);
    const t = adminTranslator(c.get('user').lang);
    const body = await c.req.parseBody();
    if (field(body, 'confirmName').trim().toLowerCase() !== m.localPart) {
      return c.html(<DeleteConfirmPage {...consoleBase(c, sessions)} mailbox={toDetail(deps, m, domainOf(c))} error={t('admin.delete.mismatch')} />, 400);
    }
    await cancelMailbox(deps, m);
    audit(c, deps, 'mailbox-cancelled', m, `${m.usedBytes} byte eliminati`);
    addFlash(c, sessions, { kind: 'success', text: t('admin.msg.cancelled', { address: m.address }) });
    return c.redirect(adminUrls.mailbox(m.id));
  });
}
