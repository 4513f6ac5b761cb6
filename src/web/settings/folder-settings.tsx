// Impostazioni › Cartelle (seed 000 §2.7.1): create with a parent, rename, delete — through the mailbox actor.
import { Hono, type Context } from 'hono';
import { StoreError } from '../../store/errors.ts';
import { FoldersSettingsPage } from '../../../templates/settings/folders.tsx';
import type { FormError } from '../../../templates/webmail/props.ts';
import { HttpError } from '../http-error.ts';
import { askMailbox, requireAction, type WebmailEnv } from '../webmail/context.ts';
import { text, type TextKey } from '../webmail/texts.ts';
import { folderTree } from '../webmail/view-model.ts';
import { baseProps, done, ownFolder, str } from './common.ts';

export function folderSettings(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  const foldersPage = (c: Context<WebmailEnv>, errors?: FormError[], status: 200 | 422 = 200) =>
    c.html(<FoldersSettingsPage {...baseProps(c, { errors })} folders={folderTree(c.get('deps'), c.get('mbx').mailbox.id).nodes} canOrganize={c.get('mbx').can.organize} />, status);

  app.get('/', (c) => foldersPage(c));

  /** Folder changes through the actor; a name clash or a bad name comes back as a form error. */
  const folderChange = async (c: Context<WebmailEnv>, run: () => Promise<unknown>, ok: TextKey) => {
    requireAction(c.get('mbx'), 'settings');
    try {
      await run();
      return done(c, '/settings/folders', ok);
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      const key = e.code === 'conflict' ? 'folders.exists' : 'folders.invalid';
      return foldersPage(c, [{ field: 'name', message: text(c.get('mbx').lang, key) }], 422);
    }
  };

  app.post('/create', async (c) => {
    const body = await c.req.parseBody();
    const parentRaw = str(body['parent'], 20);
    const parent = parentRaw === '' ? null : ownFolder(c, parentRaw);
    if (parent === undefined) throw new HttpError(404, 'folder.not-found', 'Cartella non trovata');
    const name = str(body['name'], 1000).trim();
    return folderChange(c, () => askMailbox(c.get('deps'), c.get('mbx').mailbox.address, { type: 'create-folder', name, parentId: parent?.id ?? null }), 'folders.created');
  });

  app.post('/:id/rename', async (c) => {
    const f = ownFolder(c, c.req.param('id'));
    if (!f || f.specialUse) throw new HttpError(404, 'folder.not-found', 'Cartella non trovata');
    const name = str((await c.req.parseBody())['name'], 1000).trim();
    return folderChange(c, () => askMailbox(c.get('deps'), c.get('mbx').mailbox.address, { type: 'rename-folder', folderId: f.id, name }), 'folders.renamed');
  });

  app.post('/:id/delete', async (c) => {
    const f = ownFolder(c, c.req.param('id'));
    if (!f || f.specialUse) throw new HttpError(404, 'folder.not-found', 'Cartella non trovata');
    return folderChange(c, () => askMailbox(c.get('deps'), c.get('mbx').mailbox.address, { type: 'delete-folder', folderId: f.id }), 'folders.deleted');
  });

  return app;
}
