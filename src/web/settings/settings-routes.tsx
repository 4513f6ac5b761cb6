// Impostazioni (seed 000 §2.7.1-§2.7.5, §2.1.1): the section routes under /settings — interface and layout,
// password here; folders, PEC rules and filters in their own files.
import { Hono } from 'hono';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { parseLang } from '../../../templates/i18n/index.ts';
import { PasswordSettingsPage } from '../../../templates/settings/password.tsx';
import { PreferencesPage } from '../../../templates/settings/preferences.tsx';
import { setFlash, type WebmailEnv } from '../webmail/context.ts';
import { changeOwnPassword } from '../webmail/password.ts';
import { text } from '../webmail/texts.ts';
import { baseProps, str } from './common.ts';
import { filterSettings } from './filter-settings.tsx';
import { folderSettings } from './folder-settings.tsx';
import { pecRuleSettings } from './pec-rules.tsx';

export function settingsRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  app.get('/', (c) => c.redirect('/settings/preferences', 303));

  app.get('/preferences', (c) => c.html(<PreferencesPage {...baseProps(c)} layout={c.get('mbx').prefs.layout} />));
  app.post('/preferences', async (c) => {
    const mbx = c.get('mbx');
    const body = await c.req.parseBody();
    const lang = parseLang(str(body['lang'], 5));
    const layout = str(body['layout'], 2) === '3' ? 3 : 2;
    webmailRepos(c.get('deps').store).preferences.set(mbx.mailbox.id, mbx.owner, { lang, layout });
    c.get('sessions').update(mbx.session, { lang });
    setFlash(c, { kind: 'success', text: text(lang, 'settings.saved') });
    return c.redirect('/settings/preferences', 303);
  });

  app.get('/password', (c) => c.html(<PasswordSettingsPage {...baseProps(c)} mailbox={c.get('mbx').mailbox.address} />));
  app.post('/password', async (c) => {
    const mbx = c.get('mbx');
    const body = await c.req.parseBody();
    const form = { current: str(body['current'], 1024), password: str(body['password'], 1024), repeat: str(body['repeat'], 1024) };
    const errors = await changeOwnPassword(c.get('deps'), mbx.session.principal, form, mbx.lang);
    if (errors.length) return c.html(<PasswordSettingsPage {...baseProps(c, { errors })} mailbox={mbx.mailbox.address} />, 422);
    // seed 000 §2.7.2: the fields come back empty; every other session of this principal has ended.
    c.get('sessions').start(c, mbx.session.principal, { lang: mbx.lang, flash: { kind: 'success', text: text(mbx.lang, 'password.changed') } });
    return c.redirect('/settings/password', 303);
  });

  app.route('/folders', folderSettings());
  app.route('/filters', filterSettings());
  app.route('/', pecRuleSettings());
  return app;
}
