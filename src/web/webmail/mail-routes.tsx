// The main screen and the actions on one message (seed 000 §2.1, fig. 3-4): folders, list, preview, move, copy,
// delete (to Cestino; in Cestino for good), flag; every write through the mailbox actor, every refusal a 403.
import { Hono, type Context } from 'hono';
import type { ExpungeReply, MoveReply, SetFlagsReply } from '../../../actors/mailbox/messages.ts';
import { FolderTree } from '../../../templates/webmail/folder-tree.tsx';
import { MainPage, PreviewFragment, PreviewPane } from '../../../templates/webmail/main.tsx';
import { Toolbar } from '../../../templates/webmail/toolbar.tsx';
import { translator } from '../../../templates/i18n/index.ts';
import { MessageList } from '../../../templates/webmail/message-list.tsx';
import { MessagePage } from '../../../templates/webmail/message-view.tsx';
import { HttpError } from '../http-error.ts';
import { askMailbox, requireAction, wantsFragment, type WebmailEnv } from './context.ts';
import { currentListState, inbox, listProps, listStateOf, mainProps, ownFolder, toolbarProps, type ListState } from './mail-pages.tsx';
import { loadMessage, receiptsOf, renderMessage } from './message-model.ts';
import { folderTree, quotaOf } from './view-model.ts';

/**
 * The list after an action, plus out-of-band what the action changed elsewhere: the toolbar (the message still
 * selected, with its new flag state, or none), the emptied preview when the message left the list, the folder tree.
 */
async function afterAction(c: Context<WebmailEnv>, s: ListState, selected?: { id: string; flagged: boolean; isDraft: boolean }) {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  const props = await listProps(deps, mbx, s, selected?.id);
  const tree = folderTree(deps, mbx.mailbox.id);
  const toolbar = toolbarProps(mbx, tree.nodes, String(s.folder.id), { page: s.page, sort: s.sort, dir: s.dir }, selected);
  return c.html(
    <>
      <MessageList {...props} lang={mbx.lang} csrfToken={mbx.csrf} can={mbx.can} />
      <Toolbar {...toolbar} oob />
      {selected ? null : <PreviewPane t={translator(mbx.lang)} oob />}
      <FolderTree lang={mbx.lang} folders={tree.nodes} currentFolderId={String(s.folder.id)} quota={quotaOf(deps.store.mailboxes.byId(mbx.mailbox.id) ?? mbx.mailbox)} oob />
    </>,
  );
}

async function formField(c: Context<WebmailEnv>, name: string): Promise<string> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.includes('form')) return '';
  const v = (await c.req.parseBody())[name];
  return typeof v === 'string' ? v : '';
}

export function mailRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const s: ListState = { folder: inbox(deps, mbx), page: 1, sort: 'date', dir: 'desc' };
    return c.html(<MainPage {...await mainProps(deps, mbx, s)} shell={mbx.shell} />);
  });

  app.get('/folders', (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const cur = currentListState(c, inbox(deps, mbx));
    const tree = folderTree(deps, mbx.mailbox.id);
    return c.html(<FolderTree lang={mbx.lang} folders={tree.nodes} currentFolderId={String(cur.folder.id)} quota={quotaOf(mbx.mailbox)} />);
  });

  app.get('/folders/:id', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const s = listStateOf(deps, mbx, c.req.param('id'), c.req.query());
    // A folder click or a live refresh: the list alone (the preview and the toolbar stay as they are).
    if (wantsFragment(c)) {
      const props = await listProps(deps, mbx, s);
      return c.html(<MessageList {...props} lang={mbx.lang} csrfToken={mbx.csrf} can={mbx.can} />);
    }
    return c.html(<MainPage {...await mainProps(deps, mbx, s)} shell={mbx.shell} />);
  });

  app.get('/messages/:id', async (c) => {
    const deps = c.get('deps');
    const mbx = c.get('mbx');
    const loaded = await loadMessage(deps, mbx.mailbox.id, c.req.param('id'));
    const { msg } = loaded;
    if (!msg.flags.includes('\\Seen')) {
      // Opening a message marks it read (RFC 9051 §6.4.5: FETCH BODY[] sets \Seen); a read-only principal too.
      await askMailbox<SetFlagsReply>(deps, mbx.mailbox.address, { type: 'set-flags', ids: [msg.id], mode: 'add', flags: ['\\Seen'] });
    }
    const rendered = await renderMessage(deps, loaded);
    const flagged = msg.flags.includes('\\Flagged');
    const view = { lang: mbx.lang, csrfToken: mbx.csrf, message: rendered.viewed, flagged, receipts: receiptsOf(deps, mbx.mailbox.id, msg) };
    if (wantsFragment(c)) {
      const cur = currentListState(c, deps.store.folders.require(msg.folderId));
      const tree = folderTree(deps, mbx.mailbox.id);
      const toolbar = toolbarProps(mbx, tree.nodes, String(cur.folder.id), { page: cur.page, sort: cur.sort, dir: cur.dir }, { id: String(msg.id), flagged, isDraft: deps.store.folders.byId(msg.folderId)?.specialUse === '\\Drafts' });
      const wasUnread = !msg.flags.includes('\\Seen');
      const treeProps = wasUnread ? { lang: mbx.lang, folders: tree.nodes, currentFolderId: String(cur.folder.id), quota: quotaOf(mbx.mailbox) } : undefined;
      return c.html(<PreviewFragment view={view} toolbar={toolbar} tree={treeProps} />);
    }
    return c.html(<MessagePage {...view} shell={mbx.shell} />);
  });

  app.post('/messages/:id/move', async (c) => actOn(c, 'move'));
  app.post('/messages/:id/copy', async (c) => actOn(c, 'copy'));
  app.post('/messages/:id/delete', async (c) => actOn(c, 'delete'));
  app.post('/messages/:id/flag', async (c) => actOn(c, 'flag'));

  return app;
}

/** One action on one message, answered with the list the user is looking at (htmx swaps #message-list). */
async function actOn(c: Context<WebmailEnv>, action: 'move' | 'copy' | 'delete' | 'flag') {
  const deps = c.get('deps');
  const mbx = c.get('mbx');
  requireAction(mbx, action === 'copy' ? 'move' : action);
  const id = /^\d{1,15}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : NaN;
  const msg = Number.isSafeInteger(id) ? deps.store.messages.getById(id) : undefined;
  if (!msg || msg.mailboxId !== mbx.mailbox.id) throw new HttpError(404, 'message.not-found', 'Messaggio non trovato');
  const from = deps.store.folders.require(msg.folderId);
  const cur = currentListState(c, from);
  const address = mbx.mailbox.address;
  switch (action) {
    case 'move':
    case 'copy': {
      const target = ownFolder(deps, mbx, await formField(c, 'folder'));
      if (action === 'move' && target.id === msg.folderId) break;
      await askMailbox<MoveReply>(deps, address, { type: action, ids: [msg.id], toFolderId: target.id });
      break;
    }
    case 'delete': {
      // seed 000 §2.1 "Elimina": to the Cestino; a message already in the Cestino is removed for good.
      const trash = deps.store.folders.bySpecialUse(mbx.mailbox.id, '\\Trash');
      if (!trash || msg.folderId === trash.id) await askMailbox<ExpungeReply>(deps, address, { type: 'expunge', folderId: msg.folderId, ids: [msg.id] });
      else await askMailbox<MoveReply>(deps, address, { type: 'move', ids: [msg.id], toFolderId: trash.id });
      break;
    }
    case 'flag': {
      const on = (await formField(c, 'flagged')) !== '0';
      await askMailbox<SetFlagsReply>(deps, address, { type: 'set-flags', ids: [msg.id], mode: on ? 'add' : 'remove', flags: ['\\Flagged'] });
      break;
    }
  }
  if (!c.req.header('HX-Request')) return c.redirect(`/mail/folders/${cur.folder.id}`, 303);
  const after = deps.store.messages.getById(msg.id);
  // The message stays selected when it is still in the list shown (flag, copy, a move within the same folder).
  const stays = after && after.folderId === cur.folder.id;
  return afterAction(c, cur, stays ? { id: String(after.id), flagged: after.flags.includes('\\Flagged'), isDraft: cur.folder.specialUse === '\\Drafts' } : undefined);
}
