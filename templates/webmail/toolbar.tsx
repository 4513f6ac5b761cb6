// The action bar above the list (seed 000 §2.1 fig. 3-4); actions the principal may not do are not rendered.
import type { Child, FC } from 'hono/jsx';
import { translator, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import { folderLabel } from './folder-tree.tsx';
import type { FolderNode, ToolbarProps } from './props.ts';

/** Every folder, depth-first, with its nesting shown by indentation in the select. */
function folderOptions(nodes: readonly FolderNode[], t: T, depth = 0): { id: string; label: string }[] {
  return nodes.flatMap((n) => [
    { id: n.id, label: `${'\u00a0\u00a0'.repeat(depth)}${folderLabel(n, t)}` },
    ...folderOptions(n.children, t, depth + 1),
  ]);
}

/** A link-looking action that needs a selected message: a disabled button until one is selected. */
const MessageLink: FC<{ href?: string | undefined; keyHint?: string; label: string; newWindow?: boolean; cls?: string }> = (p) =>
  p.href ? (
    <a
      class={p.cls ?? 'btn'}
      href={p.href}
      data-key={p.keyHint}
      target={p.newWindow ? '_blank' : undefined}
      rel={p.newWindow ? 'noopener' : undefined}
    >
      {p.label}
    </a>
  ) : (
    <button type="button" class={p.cls ?? 'btn'} disabled data-key={p.keyHint}>
      {p.label}
    </button>
  );

const FolderActionForm: FC<{ id: string; action: string; label: string; options: { id: string; label: string }[]; t: T; csrf: string }> = (p) => (
  <form method="post" action={p.action} class="menu-form" hx-post={p.action} hx-target="#message-list" hx-swap="outerHTML">
    <input type="hidden" name="_csrf" value={p.csrf} />
    <label for={p.id}>{p.label}</label>
    <select id={p.id} name="folder" aria-label={`${p.label}: ${p.t('toolbar.targetFolder')}`}>
      {p.options.map((o) => (
        <option value={o.id}>{o.label}</option>
      ))}
    </select>
    <button type="submit" class="btn btn-small">
      {p.label}
    </button>
  </form>
);

const ActionsMenu: FC<{ p: ToolbarProps; t: T; id: string }> = ({ p, t, id }) => {
  const items: Child[] = [
    <MessageLink href={urls.mail.print(id)} label={t('toolbar.print')} newWindow cls="menu-item" />,
    <a class="menu-item" href={urls.mail.eml(id)} download>
      {t('toolbar.eml')}
    </a>,
    p.can.send ? <MessageLink href={urls.mail.duplicate(id)} label={t('toolbar.duplicate')} cls="menu-item" /> : null,
    <MessageLink href={urls.mail.source(id)} label={t('toolbar.source')} newWindow cls="menu-item" />,
    <MessageLink href={urls.mail.message(id)} label={t('toolbar.openWindow')} newWindow cls="menu-item" />,
  ];
  const options = folderOptions(p.folders, t);
  return (
    <details class="menu">
      <summary class="btn">{t('toolbar.actions')}</summary>
      <div class="menu-panel">
        <ul>
          {items.filter(Boolean).map((i) => (
            <li>{i}</li>
          ))}
        </ul>
        {p.can.organize ? (
          <>
            <FolderActionForm id="move-folder" action={urls.mail.move(id)} label={t('toolbar.move')} options={options} t={t} csrf={p.csrfToken} />
            <FolderActionForm id="copy-folder" action={urls.mail.copy(id)} label={t('toolbar.copy')} options={options} t={t} csrf={p.csrfToken} />
          </>
        ) : null}
      </div>
    </details>
  );
};

/** Fragment: the preview response swaps it out-of-band (`oob`) so the actions target the message just opened. */
export const Toolbar: FC<ToolbarProps & { oob?: boolean }> = (p) => {
  const t = translator(p.lang);
  const sel = p.selected;
  const refresh = urls.mail.folder(p.folderId, p.listQuery);
  return (
    <div id="toolbar" class="toolbar" role="toolbar" aria-label={t('toolbar.label')} hx-swap-oob={p.oob ? 'true' : undefined}>
      <button type="button" class="btn" hx-get={refresh} hx-target="#message-list" hx-swap="outerHTML">
        {t('toolbar.refresh')}
      </button>
      {p.can.send ? (
        <>
          <a class="btn btn-primary" href={urls.mail.compose()} data-key="c">
            {t('toolbar.new')}
          </a>
          {sel && p.selectedIsDraft ? (
            <MessageLink href={urls.mail.editDraft(sel.id)} keyHint="r" label={t('toolbar.editDraft')} />
          ) : (
            <>
              <MessageLink href={sel && urls.mail.reply(sel.id)} keyHint="r" label={t('toolbar.reply')} />
              <MessageLink href={sel && urls.mail.replyAll(sel.id)} keyHint="a" label={t('toolbar.replyAll')} />
              <MessageLink href={sel && urls.mail.forward(sel.id)} keyHint="f" label={t('toolbar.forward')} />
            </>
          )}
        </>
      ) : null}
      {p.can.delete ? (
        <button type="button" class="btn" disabled={!sel} data-key="#" hx-post={sel && urls.mail.delete(sel.id)} hx-target="#message-list" hx-swap="outerHTML">
          {t('toolbar.delete')}
        </button>
      ) : null}
      {p.can.organize ? (
        <button
          type="button"
          class="btn"
          disabled={!sel}
          aria-pressed={sel ? String(sel.flagged) : undefined}
          hx-post={sel && urls.mail.flag(sel.id)}
          hx-vals={sel ? JSON.stringify({ flagged: sel.flagged ? '0' : '1' }) : undefined}
          hx-target="#message-list"
          hx-swap="outerHTML"
        >
          {t('toolbar.flag')}
        </button>
      ) : null}
      {sel ? (
        <ActionsMenu p={p} t={t} id={sel.id} />
      ) : (
        <button type="button" class="btn" disabled>
          {t('toolbar.actions')}
        </button>
      )}
    </div>
  );
};
