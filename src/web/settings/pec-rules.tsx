// Impostazioni › PEC - Abilita Messaggi di Notifica (seed 000 §2.7.4) and PEC - Inoltro Messaggi non Certificati
// (§2.7.5): the rules live in the PEC flow's policy repository (src/store/pec-transaction-repo.ts).
import { Hono, type Context } from 'hono';
import { InoltroSettingsPage } from '../../../templates/settings/inoltro.tsx';
import { NotificaSettingsPage } from '../../../templates/settings/notifica.tsx';
import type { FormError } from '../../../templates/webmail/props.ts';
import { requireAction, type WebmailEnv } from '../webmail/context.ts';
import { text } from '../webmail/texts.ts';
import { baseProps, done, str } from './common.ts';

/** One e-mail address typed in a settings form (RFC 5321 path limit). */
export const MAX_SETTINGS_ADDRESS_CHARS = 254;
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** An ordinary (non-PEC) address: well-formed and not in one of our PEC domains (seed 000 §2.7.4-§2.7.5). */
function ordinaryAddressError(c: Context<WebmailEnv>, v: string, allowSelf: boolean): FormError | null {
  const mbx = c.get('mbx');
  if (!EMAIL.test(v)) return { field: 'recipient', message: text(mbx.lang, 'settings.badEmail') };
  if (allowSelf && v.toLowerCase() === mbx.mailbox.address) return null;
  const domain = v.split('@')[1]!.toLowerCase();
  if (c.get('deps').store.domains.list().some((d) => d.name === domain)) return { field: 'recipient', message: text(mbx.lang, 'settings.notPec') };
  return null;
}

export function pecRuleSettings(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  const policy = (c: Context<WebmailEnv>) => c.get('deps').store.pecTransactions;

  const notificaPage = (c: Context<WebmailEnv>, errors?: FormError[], status: 200 | 422 = 200) => {
    const p = policy(c).policy(c.get('mbx').mailbox.id);
    const current = p.notifyAddress ? { sender: c.get('deps').serviceAddress, recipient: p.notifyAddress } : undefined;
    return c.html(<NotificaSettingsPage {...baseProps(c, { errors })} current={current} />, status);
  };
  app.get('/notifica', (c) => notificaPage(c));
  app.post('/notifica', async (c) => {
    requireAction(c.get('mbx'), 'settings');
    const recipient = str((await c.req.parseBody())['recipient'], MAX_SETTINGS_ADDRESS_CHARS).trim();
    const err = ordinaryAddressError(c, recipient, false);
    if (err) return notificaPage(c, [err], 422);
    policy(c).setNotifyAddress(c.get('mbx').mailbox.id, recipient);
    return done(c, '/settings/notifica', 'settings.saved');
  });
  app.post('/notifica/reset', (c) => {
    requireAction(c.get('mbx'), 'settings');
    policy(c).setNotifyAddress(c.get('mbx').mailbox.id, null);
    return done(c, '/settings/notifica', 'settings.reset');
  });

  const inoltroPage = (c: Context<WebmailEnv>, errors?: FormError[], status: 200 | 422 = 200) => {
    const mbx = c.get('mbx');
    const o = policy(c).policy(mbx.mailbox.id).ordinary;
    const current = o.mode === 'forward' ? { recipient: o.address, toSelf: false } : o.mode === 'anomalia' ? { recipient: mbx.mailbox.address, toSelf: true } : undefined;
    return c.html(<InoltroSettingsPage {...baseProps(c, { errors })} mailbox={mbx.mailbox.address} current={current} />, status);
  };
  app.get('/inoltro', (c) => inoltroPage(c));
  app.post('/inoltro', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'settings');
    const recipient = str((await c.req.parseBody())['recipient'], MAX_SETTINGS_ADDRESS_CHARS).trim();
    // seed 000 §2.7.5: the PEC address itself means "receive ordinary mail here" (as busta di anomalia).
    const err = ordinaryAddressError(c, recipient, true);
    if (err) return inoltroPage(c, [err], 422);
    policy(c).setOrdinaryForward(mbx.mailbox.id, mbx.mailbox.address, recipient);
    return done(c, '/settings/inoltro', 'settings.saved');
  });
  app.post('/inoltro/reset', (c) => {
    requireAction(c.get('mbx'), 'settings');
    policy(c).setOrdinaryPolicy(c.get('mbx').mailbox.id, { mode: 'none' });
    return done(c, '/settings/inoltro', 'settings.reset');
  });

  return app;
}
