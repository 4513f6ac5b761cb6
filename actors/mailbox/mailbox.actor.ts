// One actor per casella, the only writer of its folders, messages, flags, UIDs/MODSEQ and quota (ARCHITECTURE).
import type { EventBus } from '../../src/events/bus.ts';
import type { Actor, ActorContext, ActorKind } from '../../src/runtime/actor.ts';
import type { Folder } from '../../src/store/folder-repo.ts';
import type { Store } from '../../src/store/index.ts';
import type { Mailbox } from '../../src/store/mailbox-repo.ts';
import { ForeignObjectError, MailboxNotFoundError, QuotaExceededError } from './errors.ts';
import { matchFilters } from '../../src/store/filter-repo.ts';
import { webmailRepos } from '../../src/store/webmail-repos.ts';
import { type DeliveryReason, type MailboxChange, type MailboxMsg } from './messages.ts';
import { crossedThresholds, wouldExceed } from './quota.ts';
import type { MailboxWatchers } from './watchers.ts';

/** Deliveries from outside that message filters apply to (not the user's own drafts, copies or IMAP APPEND). */
const FILTERED_REASONS: ReadonlySet<DeliveryReason> = new Set(['consegna', 'ricevuta', 'anomalia']);

/** An idle casella leaves memory after this long; its state is in the store (ARCHITECTURE: 100,000 mailboxes). */
export const MAILBOX_PASSIVATE_AFTER_MS = 5 * 60_000;
export const MAILBOX_QUEUE_CAPACITY = 500;

export interface MailboxDeps {
  store: Store;
  bus: EventBus;
  watchers: MailboxWatchers;
}

export function mailboxKind(deps: MailboxDeps): ActorKind<MailboxMsg> {
  return {
    prefix: 'mailbox',
    supervision: 'restart',
    queueCapacity: MAILBOX_QUEUE_CAPACITY,
    passivateAfterMs: MAILBOX_PASSIVATE_AFTER_MS,
    create(address) {
      const mailbox = deps.store.mailboxes.byAddress(address);
      if (!mailbox) throw new MailboxNotFoundError(address);
      return new MailboxActor(deps, mailbox.id, mailbox.address);
    },
  };
}

class MailboxActor implements Actor<MailboxMsg> {
  constructor(
    private readonly deps: MailboxDeps,
    private readonly id: number,
    private readonly address: string,
  ) {}

  receive(msg: MailboxMsg, ctx: ActorContext): unknown {
    const { store } = this.deps;
    switch (msg.type) {
      case 'deliver':
        return this.deliver(msg, ctx);
      case 'move':
      case 'copy': {
        this.ownFolder(msg.toFolderId);
        this.ownMessages(msg.ids);
        return ctx.tx((tx) => {
          const before = this.mailbox().usedBytes;
          const moved = msg.type === 'move' ? store.messages.moveMessages(msg.ids, msg.toFolderId) : store.messages.copyMessages(msg.ids, msg.toFolderId);
          const after = this.mailbox();
          if (msg.type === 'copy' && after.usedBytes > after.quotaBytes) {
            throw new QuotaExceededError(this.address, before, after.quotaBytes, after.usedBytes - before);
          }
          tx.afterCommit(() => {
            for (const m of moved) this.publish({ kind: 'exists', folderId: msg.toFolderId, uid: m.uid, modseq: m.modseq, reason: msg.type });
            if (msg.type === 'move') {
              const bySource = new Map<number, number[]>();
              for (const m of moved) bySource.set(m.fromFolderId, [...(bySource.get(m.fromFolderId) ?? []), m.fromUid]);
              for (const [folderId, uids] of bySource) this.publish({ kind: 'expunge', folderId, uids, modseq: 0 });
            }
          });
          return moved;
        });
      }
      case 'set-flags': {
        this.ownMessages(msg.ids);
        return ctx.tx((tx) => {
          const r = store.messages.setFlagsConditional(msg.ids, msg.mode, msg.flags, msg.unchangedSince);
          const byFolder = new Map<number, typeof r.changed>();
          for (const c of r.changed) byFolder.set(c.folderId, [...(byFolder.get(c.folderId) ?? []), c]);
          tx.afterCommit(() => {
            for (const [folderId, changes] of byFolder) this.publish({ kind: 'flags', folderId, changes });
          });
          return { changed: r.changed, modified: r.failed };
        });
      }
      case 'expunge': {
        this.ownFolder(msg.folderId);
        if (msg.ids) this.ownMessages(msg.ids);
        return ctx.tx((tx) => {
          const r = store.messages.expunge(msg.folderId, msg.ids);
          tx.afterCommit(() => {
            if (r.uids.length) this.publish({ kind: 'expunge', folderId: msg.folderId, uids: r.uids, modseq: r.modseq });
            this.releaseBlobs(r.releasedBlobs);
          });
          return { uids: r.uids, modseq: r.modseq };
        });
      }
      case 'create-folder': {
        if (msg.parentId !== null) this.ownFolder(msg.parentId);
        return this.folderChange(ctx, () => store.folders.create(this.id, msg.name, msg.parentId, ctx.clock.now(), msg.specialUse ?? null));
      }
      case 'rename-folder': {
        this.ownFolder(msg.folderId);
        if (msg.parentId) this.ownFolder(msg.parentId);
        return this.folderChange(ctx, () => store.folders.rename(msg.folderId, msg.name, msg.parentId));
      }
      case 'delete-folder': {
        this.ownFolder(msg.folderId);
        return this.folderChange(ctx, () => store.folders.delete(msg.folderId));
      }
      case 'subscribe-folder': {
        this.ownFolder(msg.folderId);
        return this.folderChange(ctx, () => store.folders.setSubscribed(msg.folderId, msg.subscribed));
      }
    }
  }

  private deliver(msg: Extract<MailboxMsg, { type: 'deliver' }>, ctx: ActorContext) {
    const { store, bus } = this.deps;
    const filtered = this.applyFilters(msg);
    const folder = filtered.folderId !== null ? this.ownFolder(filtered.folderId) : this.targetFolder(msg.folder);
    msg = filtered.msg;
    return ctx.tx((tx) => {
      const box = this.mailbox();
      if (wouldExceed(box.usedBytes, msg.message.size, box.quotaBytes)) {
        bus.emit({ type: 'mailbox.message-refused', address: this.address, reason: 'over-quota', size: msg.message.size });
        throw new QuotaExceededError(this.address, box.usedBytes, box.quotaBytes, msg.message.size);
      }
      const inserted = store.messages.insertMessage(folder.id, msg.message);
      const after = box.usedBytes + msg.message.size;
      const crossed = crossedThresholds(box.usedBytes, after, box.quotaBytes, box.softLimitBytes);
      tx.afterCommit(() => {
        bus.emit({ type: 'mailbox.message-stored', address: this.address, folder: folder.name, uid: inserted.uid, size: msg.message.size, reason: msg.reason });
        for (const p of crossed) {
          const percent = p === 'soft' ? Math.round((box.softLimitBytes / box.quotaBytes) * 100) : p;
          bus.emit({ type: 'mailbox.quota-threshold', address: this.address, percent, usedBytes: after, quotaBytes: box.quotaBytes });
        }
        this.publish({ kind: 'exists', folderId: folder.id, uid: inserted.uid, modseq: inserted.modseq, reason: msg.reason });
        this.publish({ kind: 'quota', usedBytes: after, quotaBytes: box.quotaBytes });
      });
      return { ...inserted, folderId: folder.id };
    });
  }

  /**
   * The holder's message filters (webmail Impostazioni › Filtri) on mail arriving in Posta in arrivo: the first
   * matching folder wins, any match may mark it read. A filter's folder deleted meanwhile is ignored.
   */
  private applyFilters(msg: Extract<MailboxMsg, { type: 'deliver' }>): { msg: typeof msg; folderId: number | null } {
    if (!FILTERED_REASONS.has(msg.reason) || (msg.folder !== undefined && msg.folder !== '\\Inbox')) return { msg, folderId: null };
    const filters = webmailRepos(this.deps.store).filters.list(this.id);
    if (filters.length === 0) return { msg, folderId: null };
    const m = msg.message;
    const out = matchFilters(filters, { from: m.fromAddr ?? null, subject: m.subject ?? null, pecKind: m.pecKind ?? null });
    const target = out.moveToFolderId !== null ? this.deps.store.folders.byId(out.moveToFolderId) : undefined;
    const flags = out.markRead ? [...(m.flags ?? []), '\\Seen'] : m.flags;
    return {
      msg: { ...msg, message: flags ? { ...m, flags } : m },
      folderId: target && target.mailboxId === this.id ? target.id : null,
    };
  }

  private folderChange<T>(ctx: ActorContext, fn: () => T): T {
    return ctx.tx((tx) => {
      const r = fn();
      tx.afterCommit(() => this.publish({ kind: 'folders' }));
      const released = (r as { releasedBlobs?: string[] } | undefined)?.releasedBlobs;
      if (released?.length) tx.afterCommit(() => this.releaseBlobs(released));
      return r;
    });
  }

  private targetFolder(folder: Extract<MailboxMsg, { type: 'deliver' }>['folder']): Folder {
    const { folders } = this.deps.store;
    if (typeof folder === 'number') return this.ownFolder(folder);
    const f = folders.bySpecialUse(this.id, folder ?? '\\Inbox');
    if (!f) throw new ForeignObjectError('folder', -1);
    return f;
  }

  private ownFolder(folderId: number): Folder {
    const f = this.deps.store.folders.byId(folderId);
    if (!f || f.mailboxId !== this.id) throw new ForeignObjectError('folder', folderId);
    return f;
  }

  private ownMessages(ids: readonly number[]): void {
    for (const id of ids) {
      const m = this.deps.store.messages.getById(id);
      if (!m || m.mailboxId !== this.id) throw new ForeignObjectError('message', id);
    }
  }

  private mailbox(): Mailbox {
    const m = this.deps.store.mailboxes.byId(this.id);
    if (!m) throw new MailboxNotFoundError(this.address);
    return m;
  }

  private publish(change: MailboxChange): void {
    this.deps.watchers.publish(this.address, change);
  }

  /** Blob files go only after the commit that dropped their last reference; a crash in between leaves them for GC. */
  private releaseBlobs(hashes: readonly string[]): void {
    const { blobs, messages } = this.deps.store;
    for (const h of hashes) void blobs.delete(h).then(() => messages.forgetBlob(h)).catch(() => {});
  }
}
