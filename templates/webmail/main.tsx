// The main webmail page (seed 000 §2.1): folders, toolbar, message list and preview, in 2 or 3 columns (§2.1.1).
import type { Child, FC } from 'hono/jsx';
import { translator, type T } from '../i18n/index.ts';
import { AppLayout, type ShellProps } from '../layouts/app.tsx';
import { urls } from '../urls.ts';
import { FolderTree } from './folder-tree.tsx';
import { MessageList } from './message-list.tsx';
import { MessageView } from './message-view.tsx';
import type { FolderTreeProps, MainProps, MessageViewProps, ToolbarProps } from './props.ts';
import { Toolbar } from './toolbar.tsx';

export interface MainPageProps extends MainProps {
  readonly shell: ShellProps;
}

/** The preview region; its content is replaced by the row's hx-get, and emptied out of band when its message leaves the list. */
export const PreviewPane: FC<{ t: T; children?: Child; oob?: boolean }> = ({ t, children, oob }) => (
  <section id="preview" class="preview" aria-label={t('preview.label')} tabindex={-1} hx-swap-oob={oob ? 'true' : undefined}>
    {children ? children : <p class="preview-empty">{t('preview.empty')}</p>}
  </section>
);

/** The three regions without the shell, for tests and for routes that swap the whole mail area. */
export const MailArea: FC<MainProps> = (p) => {
  const t = translator(p.lang);
  const listProps = { ...p.list, lang: p.lang, csrfToken: p.csrfToken, can: p.can };
  return (
    <div id="mail-app" class={`mail-app layout-${p.layout}`} data-events-url={urls.mail.events()}>
      <aside class="pane-folders">
        <FolderTree lang={p.lang} {...p.tree} />
      </aside>
      <div class="pane-main">
        <Toolbar
          lang={p.lang}
          csrfToken={p.csrfToken}
          can={p.can}
          folderId={p.list.folderId}
          listQuery={{ page: p.list.paging.page, sort: p.list.sort, dir: p.list.dir }}
          folders={p.tree.folders}
          selected={p.preview ? { id: p.preview.message.id, flagged: p.preview.flagged } : undefined}
        />
        <div class="pane-content">
          <MessageList {...listProps} />
          <PreviewPane t={t}>{p.preview ? <MessageView lang={p.lang} csrfToken={p.csrfToken} {...p.preview} /> : null}</PreviewPane>
        </div>
      </div>
    </div>
  );
};

/** The full page: `c.html(<MainPage …/>)` for /mail and for a folder URL requested without HX-Request. */
export const MainPage: FC<MainPageProps> = (p) => (
  <AppLayout lang={p.lang} title={p.list.folderName} csrfToken={p.csrfToken} section="mail" {...p.shell}>
    <h1 class="sr-only">{translator(p.lang)('app.nav.mail')}</h1>
    <MailArea {...p} />
  </AppLayout>
);

/**
 * The answer to a row's hx-get: the message for #preview plus the toolbar swapped out-of-band, so Rispondi,
 * Elimina, Azioni… act on the message just opened; and the folder tree when opening it changed the unread count.
 */
export const PreviewFragment: FC<{ view: MessageViewProps; toolbar: ToolbarProps; tree?: FolderTreeProps | undefined }> = ({ view, toolbar, tree }) => (
  <>
    <MessageView {...view} />
    <Toolbar {...toolbar} oob />
    {tree ? <FolderTree {...tree} oob /> : null}
  </>
);
