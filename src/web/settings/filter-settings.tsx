// Impostazioni › Filtri: conditions on sender, subject and kind of PEC message, actions move / mark as read,
// stored here and applied by the mailbox actor at delivery (actors/mailbox/mailbox.actor.ts applyFilters).
import { Hono, type Context } from 'hono';
import { StoreError } from '../../store/errors.ts';
import { FILTER_PEC_KINDS, type MailFilter } from '../../store/filter-repo.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import { FiltersSettingsPage } from '../../../templates/settings/filters.tsx';
import type { FilterRule } from '../../../templates/settings/props.ts';
import type { FormError, PecKind } from '../../../templates/webmail/props.ts';
import { HttpError } from '../http-error.ts';
import { requireAction, type WebmailEnv } from '../webmail/context.ts';
import { text } from '../webmail/texts.ts';
import { folderTree } from '../webmail/view-model.ts';
import { baseProps, done, ownFolder, str } from './common.ts';

const toRule = (f: MailFilter): FilterRule => ({
  id: String(f.id), name: f.name, senderContains: f.senderContains ?? undefined, subjectContains: f.subjectContains ?? undefined,
  pecKind: (f.pecKind ?? undefined) as PecKind | undefined, moveToFolderId: f.moveToFolderId === null ? undefined : String(f.moveToFolderId), markRead: f.markRead,
});

export function filterSettings(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();
  const filtersPage = (c: Context<WebmailEnv>, extra: { errors?: FormError[]; draft?: Partial<Omit<FilterRule, 'id'>> } = {}, status: 200 | 422 = 200) => {
    const mbx = c.get('mbx');
    const filters = webmailRepos(c.get('deps').store).filters.list(mbx.mailbox.id).map(toRule);
    return c.html(<FiltersSettingsPage {...baseProps(c, { errors: extra.errors })} filters={filters} folders={folderTree(c.get('deps'), mbx.mailbox.id).nodes} draft={extra.draft} />, status);
  };
  app.get('/', (c) => filtersPage(c));
  app.post('/', async (c) => {
    const mbx = c.get('mbx');
    requireAction(mbx, 'settings');
    const body = await c.req.parseBody();
    const kind = str(body['pecKind'], 40);
    const draft = {
      name: str(body['name'], 1000), senderContains: str(body['senderContains'], 1000) || undefined, subjectContains: str(body['subjectContains'], 1000) || undefined,
      pecKind: (FILTER_PEC_KINDS as readonly string[]).includes(kind) ? (kind as PecKind) : undefined,
      moveToFolderId: str(body['moveToFolderId'], 20) || undefined, markRead: body['markRead'] === '1',
    };
    const target = draft.moveToFolderId ? ownFolder(c, draft.moveToFolderId) : null;
    if (target === undefined) return filtersPage(c, { errors: [{ field: 'moveToFolderId', message: text(mbx.lang, 'filters.invalid') }], draft }, 422);
    try {
      webmailRepos(c.get('deps').store).filters.create(
        mbx.mailbox.id,
        { name: draft.name, senderContains: draft.senderContains, subjectContains: draft.subjectContains, pecKind: draft.pecKind, moveToFolderId: target?.id ?? null, markRead: draft.markRead },
        c.get('deps').clock.now(),
      );
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      return filtersPage(c, { errors: [{ message: text(mbx.lang, 'filters.invalid') }], draft }, 422);
    }
    return done(c, '/settings/filters', 'filters.saved');
  });
  app.post('/:id/delete', (c) => {
    requireAction(c.get('mbx'), 'settings');
    const id = /^\d{1,15}$/.test(c.req.param('id')) ? Number(c.req.param('id')) : NaN;
    if (!webmailRepos(c.get('deps').store).filters.delete(c.get('mbx').mailbox.id, id)) throw new HttpError(404, 'filter.not-found', 'Filtro non trovato');
    return done(c, '/settings/filters', 'filters.deleted');
  });

  return app;
}
