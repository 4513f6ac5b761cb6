// Shared pieces of the settings sections: the page base props, the redirect-with-flash after a save, the
// folder of this mailbox named by a form field.
import type { Context } from 'hono';
import type { Folder } from '../../store/index.ts';
import type { Flash } from '../../../templates/components/flash.tsx';
import type { SettingsBase } from '../../../templates/settings/props.ts';
import type { FormError } from '../../../templates/webmail/props.ts';
import { setFlash, type WebmailEnv } from '../webmail/context.ts';
import { text, type TextKey } from '../webmail/texts.ts';

export const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export function baseProps(c: Context<WebmailEnv>, extra: { flashes?: Flash[]; errors?: FormError[] } = {}): SettingsBase {
  const mbx = c.get('mbx');
  return { lang: mbx.lang, csrfToken: mbx.csrf, shell: mbx.shell, flashes: extra.flashes, errors: extra.errors };
}

/** Post/redirect/get: the section again, with the outcome as a flash. */
export function done(c: Context<WebmailEnv>, path: string, key: TextKey) {
  setFlash(c, { kind: 'success', text: text(c.get('mbx').lang, key) });
  return c.redirect(path, 303);
}

export function ownFolder(c: Context<WebmailEnv>, id: string | undefined): Folder | undefined {
  if (!/^\d{1,15}$/.test(id ?? '')) return undefined;
  const f = c.get('deps').store.folders.byId(Number(id));
  return f && f.mailboxId === c.get('mbx').mailbox.id ? f : undefined;
}
