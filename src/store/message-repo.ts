// Messages of the mailboxes: UID/MODSEQ allocation, move/copy/flags/expunge, quota (used_bytes) and blob
// reference counts, kept in step with the FTS index. Synchronous; the mailbox actor calls it inside a transaction.
import { checkBlobHash } from './blob-store.ts';
import type { Db } from './db.ts';
import { InvalidValueError, NotFoundError } from './errors.ts';
import { applyFlags, decodeFlags, encodeFlags, FLAG_DELETED, sameFlags, type FlagMode, type StoredFlags } from './message-flags.ts';
import { MessageQueries } from './message-queries.ts';
import {
  MESSAGE_COLS,
  type FlagChange,
  type InsertResult,
  type MessageRow,
  type NewMessage,
  type Relocation,
  type RemoveResult,
} from './message-types.ts';
import { ftsDelete, ftsInsert, ftsCopy } from './message-search.ts';

interface FolderCounters {
  mailbox_id: number;
  uidnext: number;
  highest_modseq: number;
}

export class MessageRepo extends MessageQueries {
  constructor(db: Db) {
    super(db);
  }

  /** Stores one message: next UID, a new MODSEQ, blob reference, used_bytes, FTS row. */
  insertMessage(folderId: number, m: NewMessage): InsertResult {
    checkBlobHash(m.blobHash);
    if (!Number.isSafeInteger(m.size) || m.size < 0) throw new InvalidValueError('size', 'not a non-negative integer');
    const flags = encodeFlags(m.flags ?? []);
    return this.db.savepoint(() => {
      const { mailboxId, firstUid, modseq } = this.allocate(folderId, 1);
      this.blobRef(m.blobHash, m.size, +1);
      const { lastInsertRowid: id } = this.db.run(
        `INSERT INTO messages (mailbox_id, folder_id, uid, modseq, flags, keywords, internal_date, size, blob_hash,
           subject, from_addr, to_addrs, cc_addrs, date_header, message_id, pec_kind, pec_identificativo, has_attachments)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        mailboxId, folderId, firstUid, modseq, flags.bits, JSON.stringify(flags.keywords), m.internalDate, m.size,
        m.blobHash, m.subject ?? null, m.fromAddr ?? null, JSON.stringify(m.toAddrs ?? []), JSON.stringify(m.ccAddrs ?? []),
        m.dateHeader ?? null, m.messageId ?? null, m.pecKind ?? null, m.pecIdentificativo ?? null, m.hasAttachments ? 1 : 0,
      );
      ftsInsert(this.db, id, m);
      this.addUsed(mailboxId, m.size);
      return { id, uid: firstUid, modseq };
    });
  }

  /** RFC 6851 MOVE: same rows, new UIDs in the target, an expunge record (with modseq) in each source folder. */
  moveMessages(ids: readonly number[], toFolderId: number): Relocation[] {
    return this.db.savepoint(() => {
      const rows = this.rowsForTarget(ids, toFolderId);
      if (rows.length === 0) return [];
      const { firstUid, modseq } = this.allocate(toFolderId, rows.length);
      const sourceModseq = new Map<number, number>();
      return rows.map((r, i) => {
        let sm = sourceModseq.get(r.folder_id);
        if (sm === undefined) {
          sm = this.allocate(r.folder_id, 0).modseq;
          sourceModseq.set(r.folder_id, sm);
        }
        this.recordExpunge(r.folder_id, r.uid, sm);
        const uid = firstUid + i;
        this.db.run('UPDATE messages SET folder_id = ?, uid = ?, modseq = ? WHERE id = ?', toFolderId, uid, modseq, r.id);
        return { sourceId: r.id, id: r.id, fromFolderId: r.folder_id, fromUid: r.uid, uid, modseq };
      });
    });
  }

  /** RFC 9051 §6.4.7 COPY: new rows sharing the blob, flags kept, used_bytes counted again. */
  copyMessages(ids: readonly number[], toFolderId: number): Relocation[] {
    return this.db.savepoint(() => {
      const rows = this.rowsForTarget(ids, toFolderId);
      if (rows.length === 0) return [];
      const { mailboxId, firstUid, modseq } = this.allocate(toFolderId, rows.length);
      let bytes = 0;
      const out = rows.map((r, i) => {
        const uid = firstUid + i;
        const { lastInsertRowid: id } = this.db.run(
          `INSERT INTO messages (mailbox_id, folder_id, uid, modseq, flags, keywords, internal_date, size, blob_hash,
             subject, from_addr, to_addrs, cc_addrs, date_header, message_id, pec_kind, pec_identificativo, has_attachments)
           SELECT mailbox_id, ?, ?, ?, flags, keywords, internal_date, size, blob_hash, subject, from_addr, to_addrs,
             cc_addrs, date_header, message_id, pec_kind, pec_identificativo, has_attachments FROM messages WHERE id = ?`,
          toFolderId, uid, modseq, r.id,
        );
        ftsCopy(this.db, r.id, id);
        this.blobRef(r.blob_hash, r.size, +1);
        bytes += r.size;
        return { sourceId: r.id, id, fromFolderId: r.folder_id, fromUid: r.uid, uid, modseq };
      });
      this.addUsed(mailboxId, bytes);
      return out;
    });
  }

  /**
   * RFC 9051 §6.4.6 STORE. Returns only the rows whose flags changed, each with its new modseq (one per folder per
   * call). With unchangedSince (RFC 7162 §3.1.3), rows modified after it are left alone and listed in `failed`.
   */
  setFlags(ids: readonly number[], mode: FlagMode, flags: readonly string[]): FlagChange[] {
    return this.setFlagsConditional(ids, mode, flags).changed;
  }

  setFlagsConditional(
    ids: readonly number[],
    mode: FlagMode,
    flags: readonly string[],
    unchangedSince?: number,
  ): { changed: FlagChange[]; failed: number[] } {
    const change = encodeFlags(flags);
    return this.db.savepoint(() => {
      const changed: FlagChange[] = [];
      const failed: number[] = [];
      const folderModseq = new Map<number, number>();
      for (const r of this.rowsByIds(ids)) {
        if (unchangedSince !== undefined && r.modseq > unchangedSince) {
          failed.push(r.id);
          continue;
        }
        const current: StoredFlags = { bits: r.flags, keywords: JSON.parse(r.keywords) as string[] };
        const next = applyFlags(current, mode, change);
        if (sameFlags(current, next)) continue;
        let modseq = folderModseq.get(r.folder_id);
        if (modseq === undefined) {
          modseq = this.allocate(r.folder_id, 0).modseq;
          folderModseq.set(r.folder_id, modseq);
        }
        const keywords = JSON.stringify(next.keywords);
        this.db.run('UPDATE messages SET flags = ?, keywords = ?, modseq = ? WHERE id = ?', next.bits, keywords, modseq, r.id);
        changed.push({ id: r.id, folderId: r.folder_id, uid: r.uid, modseq, flags: decodeFlags(next.bits, keywords) });
      }
      return { changed, failed };
    });
  }

  /**
   * RFC 9051 §6.4.3 EXPUNGE: removes the folder's \Deleted messages, or exactly the given ids (those in this folder).
   * Records each UID for QRESYNC, subtracts used_bytes and releases blob references.
   */
  expunge(folderId: number, ids?: readonly number[]): RemoveResult {
    return this.db.savepoint(() => {
      const rows = ids
        ? this.rowsByIds(ids).filter((r) => r.folder_id === folderId)
        : this.db.all<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE folder_id = ? AND flags & ? ORDER BY uid`, folderId, FLAG_DELETED);
      if (rows.length === 0) return { uids: [], modseq: 0, releasedBlobs: [] };
      const { modseq } = this.allocate(folderId, 0);
      for (const r of rows) this.recordExpunge(folderId, r.uid, modseq);
      return { uids: rows.map((r) => r.uid).sort((a, b) => a - b), modseq, releasedBlobs: this.removeRows(rows) };
    });
  }

  /** Deletes every message of a folder without expunge records (the folder itself is going away). */
  purgeFolder(folderId: number): { count: number; releasedBlobs: string[] } {
    return this.db.savepoint(() => {
      const rows = this.db.all<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE folder_id = ?`, folderId);
      return { count: rows.length, releasedBlobs: this.removeRows(rows) };
    });
  }

  /** seed 003 "Cancellare una casella": every message of the mailbox is deleted for good. */
  purgeMailbox(mailboxId: number): { count: number; releasedBlobs: string[] } {
    return this.db.savepoint(() => {
      const rows = this.db.all<MessageRow>(`SELECT ${MESSAGE_COLS} FROM messages WHERE mailbox_id = ?`, mailboxId);
      this.db.run('DELETE FROM expunged WHERE folder_id IN (SELECT id FROM folders WHERE mailbox_id = ?)', mailboxId);
      return { count: rows.length, releasedBlobs: this.removeRows(rows) };
    });
  }

  /**
   * A reference held by something other than a message (the outbound queue still has to send this busta): the file
   * must outlive every mailbox copy until unpinBlob. Returns nothing; see unpinBlob.
   */
  pinBlob(hash: string, size = 0): void {
    this.blobRef(hash, size, +1);
  }

  /** Drops a pin; true when no reference is left (the caller deletes the file after the commit). */
  unpinBlob(hash: string): boolean {
    return this.blobRef(hash, 0, -1);
  }

  /** Blobs with no reference left (after a crash between commit and blob deletion): a GC sweep reads these. */
  unreferencedBlobs(limit = 1000): string[] {
    return this.db.all<{ hash: string }>('SELECT hash FROM blobs WHERE refcount = 0 LIMIT ?', limit).map((r) => r.hash);
  }

  /** Forgets a blob row once the BlobStore file is gone; refuses while a message still references it. */
  forgetBlob(hash: string): boolean {
    return this.db.run('DELETE FROM blobs WHERE hash = ? AND refcount = 0', hash).changes > 0;
  }

  // --- internals -------------------------------------------------------------------------------------------------

  /** Reserves `count` UIDs and one new MODSEQ in a folder (RFC 7162 §3.1: modseq grows on every change). */
  private allocate(folderId: number, count: number): { mailboxId: number; firstUid: number; modseq: number } {
    const f = this.db.get<FolderCounters>('SELECT mailbox_id, uidnext, highest_modseq FROM folders WHERE id = ?', folderId);
    if (!f) throw new NotFoundError('folder', folderId);
    const modseq = f.highest_modseq + 1;
    this.db.run('UPDATE folders SET uidnext = ?, highest_modseq = ? WHERE id = ?', f.uidnext + count, modseq, folderId);
    return { mailboxId: f.mailbox_id, firstUid: f.uidnext, modseq };
  }

  private recordExpunge(folderId: number, uid: number, modseq: number): void {
    this.db.run(
      'INSERT INTO expunged (folder_id, uid, modseq) VALUES (?, ?, ?) ON CONFLICT (folder_id, uid) DO UPDATE SET modseq = excluded.modseq',
      folderId, uid, modseq,
    );
  }

  private blobRef(hash: string, size: number, delta: 1 | -1): boolean {
    if (delta > 0) {
      this.db.run('INSERT INTO blobs (hash, size, refcount) VALUES (?, ?, 1) ON CONFLICT (hash) DO UPDATE SET refcount = refcount + 1', hash, size);
      return false;
    }
    this.db.run('UPDATE blobs SET refcount = refcount - 1 WHERE hash = ?', hash);
    return this.db.get<{ refcount: number }>('SELECT refcount FROM blobs WHERE hash = ?', hash)?.refcount === 0;
  }

  private addUsed(mailboxId: number, bytes: number): void {
    if (bytes !== 0) this.db.run('UPDATE mailboxes SET used_bytes = MAX(0, used_bytes + ?) WHERE id = ?', bytes, mailboxId);
  }

  /** Deletes rows, their FTS entries, their quota and blob references; returns the blobs now unreferenced. */
  private removeRows(rows: readonly MessageRow[]): string[] {
    const released: string[] = [];
    const bytesByMailbox = new Map<number, number>();
    for (const r of rows) {
      ftsDelete(this.db, r.id);
      this.db.run('DELETE FROM messages WHERE id = ?', r.id);
      if (this.blobRef(r.blob_hash, r.size, -1)) released.push(r.blob_hash);
      bytesByMailbox.set(r.mailbox_id, (bytesByMailbox.get(r.mailbox_id) ?? 0) + r.size);
    }
    for (const [mailboxId, bytes] of bytesByMailbox) this.addUsed(mailboxId, -bytes);
    return released;
  }

  /** Rows to move/copy into a folder, ordered by (folder, uid) so new UIDs follow the old order; same mailbox only. */
  private rowsForTarget(ids: readonly number[], toFolderId: number): MessageRow[] {
    const target = this.db.get<{ mailbox_id: number }>('SELECT mailbox_id FROM folders WHERE id = ?', toFolderId);
    if (!target) throw new NotFoundError('folder', toFolderId);
    const rows = this.rowsByIds(ids);
    if (rows.some((r) => r.mailbox_id !== target.mailbox_id)) throw new InvalidValueError('ids', 'message of another mailbox');
    return rows;
  }
}
