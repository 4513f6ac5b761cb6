// Plain template props from store rows: the folder tree with unread counts, the quota, list rows and paging.
import { parseAddressList } from '../../mime/addresses.ts';
import { FsBlobStore } from '../../store/blob-store.ts';
import type { Folder, ListSort, Mailbox, Message } from '../../store/index.ts';
import { webmailRepos } from '../../store/webmail-repos.ts';
import type { SortDir, SortKey } from '../../../templates/urls.ts';
import { PEC_KINDS, type FolderNode, type MessageRow, type PecKind, type Quota, type StandardFolder } from '../../../templates/webmail/props.ts';
import type { WebmailDeps } from './deps.ts';

/** Rows per list page (seed 000 §2.1 "elenco dei messaggi", paginated). */
export const LIST_PAGE_SIZE = 50;
/** Bytes of an envelope read to show its "Per conto di: …" sender in the list (the store keeps only the address). */
export const HEADER_PEEK_BYTES = 16 * 1024;

const STANDARD: Readonly<Record<string, StandardFolder>> = { '\\Inbox': 'inbox', '\\Sent': 'sent', '\\Drafts': 'drafts', '\\Trash': 'trash' };

export function folderTree(deps: WebmailDeps, mailboxId: number): { nodes: FolderNode[]; folders: Folder[] } {
  const folders = deps.store.folders.list(mailboxId);
  const counts = webmailRepos(deps.store).queries.folderCounts(folders.map((f) => f.id));
  const nodeOf = (f: Folder): FolderNode => ({
    id: String(f.id),
    standard: f.specialUse ? STANDARD[f.specialUse] : undefined,
    name: f.name,
    unread: counts.get(f.id)?.unread ?? 0,
    children: folders.filter((c) => c.parentId === f.id).map(nodeOf),
  });
  return { nodes: folders.filter((f) => f.parentId === null).map(nodeOf), folders };
}

export function quotaOf(m: Mailbox): Quota {
  return { usedBytes: m.usedBytes, totalBytes: m.quotaBytes };
}

export function listSort(sort: SortKey, dir: SortDir): ListSort {
  return `${sort}-${dir}` as ListSort;
}

export function parseSort(sort: string | undefined, dir: string | undefined): { sort: SortKey; dir: SortDir } {
  const s: SortKey = sort === 'from' || sort === 'subject' || sort === 'size' ? sort : 'date';
  const d: SortDir = dir === 'asc' || dir === 'desc' ? dir : s === 'date' ? 'desc' : 'asc';
  return { sort: s, dir: d };
}

export function parsePage(v: string | undefined): number {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

export function pecKindOf(v: string | null): PecKind | undefined {
  return (PEC_KINDS as readonly string[]).includes(v ?? '') ? (v as PecKind) : undefined;
}

/** The From display name of an envelope, read from the head of its blob (null when unavailable). */
async function peekFromName(deps: WebmailDeps, hash: string): Promise<string | null> {
  const blobs = deps.store.blobs;
  if (!(blobs instanceof FsBlobStore)) return null;
  try {
    const head = await Bun.file(blobs.pathOf(hash)).slice(0, HEADER_PEEK_BYTES).text();
    const end = head.search(/\r?\n\r?\n/);
    const unfolded = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
    const line = /^from:(.*)$/im.exec(unfolded)?.[1];
    return parseAddressList(line)[0]?.name || null;
  } catch {
    return null;
  }
}

export async function rowsOf(deps: WebmailDeps, messages: readonly Message[]): Promise<MessageRow[]> {
  return Promise.all(
    messages.map(async (m) => {
      const kind = pecKindOf(m.pecKind);
      // seed 000 §2.3: an envelope's sender reads "Per conto di: <mittente>"; the store keeps only the address.
      const name = kind === 'posta-certificata' || kind === 'anomalia' ? await peekFromName(deps, m.blobHash) : null;
      return {
        id: String(m.id),
        from: { name: name ?? undefined, address: m.fromAddr ?? '' },
        to: m.toAddrs.map((a) => ({ address: a })),
        subject: m.subject ?? '',
        date: m.internalDate,
        size: m.size,
        unread: !m.flags.includes('\\Seen'),
        flagged: m.flags.includes('\\Flagged'),
        hasAttachments: m.hasAttachments,
        pecKind: kind,
      };
    }),
  );
}
