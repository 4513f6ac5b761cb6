// The folder pane (seed 000 §2.1): standard and own folders with unread counts, drop targets, and the quota bar.
import type { FC } from 'hono/jsx';
import { formatBytes } from '../i18n/format.ts';
import { translator, type Lang, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { FolderNode, FolderTreeProps, Quota, StandardFolder } from './props.ts';

/** Nesting rendered as nested lists up to this depth; deeper folders are listed flat at the last level. */
export const FOLDER_TREE_MAX_DEPTH = 8;

/** The notification thresholds of seed 000 §2.1 (70% and 90%) drive the meter's low/high colouring. */
export const QUOTA_WARN_PCT = 70;
export const QUOTA_ALERT_PCT = 90;

const STANDARD_KEYS: Readonly<Record<StandardFolder, 'folder.inbox' | 'folder.sent' | 'folder.drafts' | 'folder.trash'>> = {
  inbox: 'folder.inbox',
  sent: 'folder.sent',
  drafts: 'folder.drafts',
  trash: 'folder.trash',
};

/** The label of a folder: standard ones from the catalogue, own ones by their name. */
export function folderLabel(folder: FolderNode, t: T): string {
  return folder.standard ? t(STANDARD_KEYS[folder.standard]) : folder.name;
}

/** Whole percent used, clamped to 0..100 (a mailbox over quota still shows 100). */
export function quotaPercent(q: Quota): number {
  if (q.totalBytes <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((q.usedBytes / q.totalBytes) * 100)));
}

interface ItemProps {
  readonly folder: FolderNode;
  readonly current: string;
  readonly t: T;
  readonly depth: number;
}

const FolderLink: FC<{ folder: FolderNode; current: string; t: T }> = ({ folder, current, t }) => (
  <a
    href={urls.mail.folder(folder.id)}
    class={`folder${folder.standard ? ` folder-${folder.standard}` : ''}${folder.unread > 0 ? ' has-unread' : ''}`}
    aria-current={folder.id === current ? 'page' : undefined}
    data-drop-folder={folder.id}
    hx-get={urls.mail.folder(folder.id)}
    hx-target="#message-list"
    hx-swap="outerHTML"
    hx-push-url="true"
  >
    <span class="folder-icon" aria-hidden="true"></span>
    <span class="folder-name">{folderLabel(folder, t)}</span>
    {folder.unread > 0 ? (
      <span class="unread-count">
        <span aria-hidden="true">{folder.unread}</span>
        <span class="sr-only">{t('folder.unread', { n: folder.unread })}</span>
      </span>
    ) : null}
  </a>
);

/** Children below the depth limit are nested; beyond it they are flattened into this list. */
function flatten(nodes: readonly FolderNode[]): FolderNode[] {
  return nodes.flatMap((n) => [{ ...n, children: [] }, ...flatten(n.children)]);
}

const FolderItem: FC<ItemProps> = ({ folder, current, t, depth }) => {
  const nested = depth < FOLDER_TREE_MAX_DEPTH;
  return (
    <>
      <li>
        <FolderLink folder={folder} current={current} t={t} />
        {nested && folder.children.length > 0 ? (
          <ul>
            {folder.children.map((c) => (
              <FolderItem folder={c} current={current} t={t} depth={depth + 1} />
            ))}
          </ul>
        ) : null}
      </li>
      {!nested
        ? flatten(folder.children).map((c) => (
            <li>
              <FolderLink folder={c} current={current} t={t} />
            </li>
          ))
        : null}
    </>
  );
};

export const QuotaBar: FC<{ quota: Quota; lang: Lang }> = ({ quota, lang }) => {
  const t = translator(lang);
  const pct = quotaPercent(quota);
  const text = t('quota.text', { pct, used: formatBytes(quota.usedBytes, lang), total: formatBytes(quota.totalBytes, lang) });
  return (
    <div class="quota">
      <label for="quota-meter" class="quota-label">
        {t('quota.label')}
      </label>
      <meter id="quota-meter" min={0} max={100} low={QUOTA_WARN_PCT} high={QUOTA_ALERT_PCT} optimum={0} value={pct} aria-describedby="quota-text">
        {pct}%
      </meter>
      <p id="quota-text" class="quota-text">
        {text}
      </p>
    </div>
  );
};

/**
 * Fragment: refreshed on live updates (`pec-refresh` on <body>) to keep counts and quota current; `oob` when it
 * rides along another answer (opening a message changes the unread count).
 */
export const FolderTree: FC<FolderTreeProps & { oob?: boolean }> = (p) => {
  const t = translator(p.lang);
  return (
    <nav
      id="folder-tree"
      class="folder-tree"
      aria-label={t('folder.tree')}
      hx-get={urls.mail.folderTree()}
      hx-trigger="pec-refresh from:body"
      hx-swap="outerHTML"
      hx-swap-oob={p.oob ? 'true' : undefined}
    >
      <h2 class="pane-title">{t('folder.tree')}</h2>
      <ul class="folders">
        {p.folders.map((f) => (
          <FolderItem folder={f} current={p.currentFolderId} t={t} depth={1} />
        ))}
      </ul>
      <QuotaBar quota={p.quota} lang={p.lang} />
    </nav>
  );
};
