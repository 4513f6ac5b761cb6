// Folders of a mailbox: the four standard ones, user folders in a tree, UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ counters.
import type { Db } from './db.ts';
import { ConflictError, InvalidValueError, NotFoundError, SpecialFolderError } from './errors.ts';
import { checkName, MAX_FOLDER_NAME_LENGTH } from './limits.ts';
import type { MessageRepo } from './message-repo.ts';
import type { ProviderRepo } from './provider-repo.ts';

export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Trash';

/** The hierarchy delimiter IMAP will announce; a folder name may not contain it. */
export const FOLDER_DELIMITER = '/';

/** seed 000 §2 (webmail folders) with their RFC 6154 special-use attribute; INBOX is the \Inbox one. */
export const STANDARD_FOLDERS: readonly { name: string; specialUse: SpecialUse }[] = [
  { name: 'Posta in arrivo', specialUse: '\\Inbox' },
  { name: 'Posta inviata', specialUse: '\\Sent' },
  { name: 'Bozze', specialUse: '\\Drafts' },
  { name: 'Cestino', specialUse: '\\Trash' },
];

export interface Folder {
  id: number;
  mailboxId: number;
  name: string;
  parentId: number | null;
  specialUse: SpecialUse | null;
  uidvalidity: number;
  uidnext: number;
  highestModseq: number;
  subscribed: boolean;
  createdAt: number;
}

interface Row {
  id: number;
  mailbox_id: number;
  name: string;
  parent_id: number | null;
  special_use: SpecialUse | null;
  uidvalidity: number;
  uidnext: number;
  highest_modseq: number;
  subscribed: number;
  created_at: number;
}
const COLS = 'id, mailbox_id, name, parent_id, special_use, uidvalidity, uidnext, highest_modseq, subscribed, created_at';
const toFolder = (r: Row): Folder => ({
  id: r.id,
  mailboxId: r.mailbox_id,
  name: r.name,
  parentId: r.parent_id,
  specialUse: r.special_use,
  uidvalidity: r.uidvalidity,
  uidnext: r.uidnext,
  highestModseq: r.highest_modseq,
  subscribed: r.subscribed === 1,
  createdAt: r.created_at,
});

export interface FolderDeleteResult {
  /** Ids of the folders removed: the folder and its whole subtree. */
  folderIds: number[];
  messagesRemoved: number;
  /** Blobs no message references any more (delete them from the BlobStore after commit). */
  releasedBlobs: string[];
}

export class FolderRepo {
  constructor(
    private readonly db: Db,
    private readonly provider: ProviderRepo,
    private readonly messages: MessageRepo,
  ) {}

  /** Creates the four standard folders of a new mailbox (seed 000 §2). */
  createStandard(mailboxId: number, now: number): Folder[] {
    return this.db.savepoint(() => STANDARD_FOLDERS.map((f) => this.create(mailboxId, f.name, null, now, f.specialUse)));
  }

  create(mailboxId: number, name: string, parentId: number | null, now: number, specialUse: SpecialUse | null = null): Folder {
    const n = checkFolderName(name);
    return this.db.savepoint(() => {
      if (parentId !== null && this.require(parentId).mailboxId !== mailboxId) throw new InvalidValueError('parent', 'in another mailbox');
      if (this.byName(mailboxId, parentId, n)) throw new ConflictError('folder', n);
      const uidvalidity = this.provider.nextUidValidity(now);
      const { lastInsertRowid } = this.db.run(
        `INSERT INTO folders (mailbox_id, name, parent_id, special_use, uidvalidity, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        mailboxId,
        n,
        parentId,
        specialUse,
        uidvalidity,
        now,
      );
      return this.require(lastInsertRowid);
    });
  }

  byId(id: number): Folder | undefined {
    const r = this.db.get<Row>(`SELECT ${COLS} FROM folders WHERE id = ?`, id);
    return r && toFolder(r);
  }

  require(id: number): Folder {
    const f = this.byId(id);
    if (!f) throw new NotFoundError('folder', id);
    return f;
  }

  byName(mailboxId: number, parentId: number | null, name: string): Folder | undefined {
    const r = this.db.get<Row>(
      `SELECT ${COLS} FROM folders WHERE mailbox_id = ? AND IFNULL(parent_id, 0) = ? AND name = ?`,
      mailboxId,
      parentId ?? 0,
      name,
    );
    return r && toFolder(r);
  }

  bySpecialUse(mailboxId: number, use: SpecialUse): Folder | undefined {
    const r = this.db.get<Row>(`SELECT ${COLS} FROM folders WHERE mailbox_id = ? AND special_use = ?`, mailboxId, use);
    return r && toFolder(r);
  }

  /** All folders of a mailbox: special-use ones first in standard order, then by name. */
  list(mailboxId: number): Folder[] {
    return this.db
      .all<Row>(
        `SELECT ${COLS} FROM folders WHERE mailbox_id = ?
         ORDER BY CASE special_use WHEN '\\Inbox' THEN 0 WHEN '\\Sent' THEN 1 WHEN '\\Drafts' THEN 2
                  WHEN '\\Trash' THEN 3 ELSE 4 END, name, id`,
        mailboxId,
      )
      .map(toFolder);
  }

  children(folderId: number): Folder[] {
    return this.db.all<Row>(`SELECT ${COLS} FROM folders WHERE parent_id = ? ORDER BY name`, folderId).map(toFolder);
  }

  /** Path from the root, names joined with FOLDER_DELIMITER. */
  path(folderId: number): string {
    const names: string[] = [];
    for (let f: Folder | undefined = this.require(folderId); f; f = f.parentId === null ? undefined : this.byId(f.parentId)) {
      names.unshift(f.name);
    }
    return names.join(FOLDER_DELIMITER);
  }

  /** Renames and/or moves under another parent. Special-use folders keep their name (clients find them by it). */
  rename(folderId: number, newName: string, newParentId: number | null = this.require(folderId).parentId): Folder {
    const n = checkFolderName(newName);
    return this.db.savepoint(() => {
      const f = this.require(folderId);
      if (f.specialUse) throw new SpecialFolderError(folderId, 'rename');
      if (newParentId !== null) {
        if (this.require(newParentId).mailboxId !== f.mailboxId) throw new InvalidValueError('parent', 'in another mailbox');
        if (this.subtreeIds(folderId).includes(newParentId)) throw new InvalidValueError('parent', 'inside the folder itself');
      }
      const clash = this.byName(f.mailboxId, newParentId, n);
      if (clash && clash.id !== folderId) throw new ConflictError('folder', n);
      this.db.run('UPDATE folders SET name = ?, parent_id = ? WHERE id = ?', n, newParentId, folderId);
      return this.require(folderId);
    });
  }

  setSubscribed(folderId: number, subscribed: boolean): void {
    if (this.db.run('UPDATE folders SET subscribed = ? WHERE id = ?', subscribed ? 1 : 0, folderId).changes === 0) {
      throw new NotFoundError('folder', folderId);
    }
  }

  /**
   * Deletes a folder with its whole subtree and every message in them (what a webmail user expects when deleting
   * a folder). Refused when the folder or any descendant is special-use. An IMAP session that wants RFC 9051 §6.3.5
   * "has inferiors" behaviour checks children() first.
   */
  delete(folderId: number): FolderDeleteResult {
    return this.db.savepoint(() => {
      const ids = this.subtreeIds(folderId);
      for (const id of ids) if (this.require(id).specialUse) throw new SpecialFolderError(id, 'delete');
      let messagesRemoved = 0;
      const releasedBlobs: string[] = [];
      // Deepest first, so no row is deleted while a child still points at it.
      for (const id of [...ids].reverse()) {
        const r = this.messages.purgeFolder(id);
        messagesRemoved += r.count;
        releasedBlobs.push(...r.releasedBlobs);
        this.db.run('DELETE FROM folders WHERE id = ?', id);
      }
      return { folderIds: ids, messagesRemoved, releasedBlobs };
    });
  }

  /** The folder and all its descendants, parents before children. */
  subtreeIds(folderId: number): number[] {
    this.require(folderId);
    return this.db
      .all<{ id: number }>(
        `WITH RECURSIVE t(id, depth) AS (SELECT ?, 0 UNION ALL SELECT f.id, t.depth + 1 FROM folders f JOIN t ON f.parent_id = t.id)
         SELECT id FROM t ORDER BY depth, id`,
        folderId,
      )
      .map((r) => r.id);
  }
}

function checkFolderName(name: string): string {
  const n = checkName('folder name', 'MAX_FOLDER_NAME_LENGTH', MAX_FOLDER_NAME_LENGTH, name);
  if (n.includes(FOLDER_DELIMITER)) throw new InvalidValueError('folder name', `contains the delimiter ${FOLDER_DELIMITER}`);
  if (n !== n.trim()) throw new InvalidValueError('folder name', 'leading or trailing spaces');
  return n;
}
