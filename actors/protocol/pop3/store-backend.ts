// Pop3Backend over the provider: the Authenticator, reads straight from the store, writes through the mailbox actor.
import type { MessageRepo } from '../../../src/store/message-repo.ts';
import type { Authenticator } from '../../../src/auth/authenticator.ts';
import type { EventBus } from '../../../src/events/bus.ts';
import type { ActorSystem } from '../../../src/runtime/system.ts';
import type { Store } from '../../../src/store/index.ts';
import { MAX_PAGE_SIZE } from '../../../src/store/limits.ts';
import { mailboxActorName, type ExpungeReply, type MailboxMsg } from '../../mailbox/messages.ts';
import type { Pop3Backend } from './backend.ts';
import { MAILBOX_ASK_TIMEOUT_MS } from './limits.ts';
import { newMaildrop, uniqueId, type MaildropEntry } from './state.ts';

export class MaildropMissingError extends Error {
  override readonly name = 'MaildropMissingError';
  constructor(address: string) {
    super(`${address} has no \\Inbox folder`);
  }
}

export function storeBackend(deps: { store: Store; auth: Authenticator; system: ActorSystem; bus: EventBus }): Pop3Backend {
  const { store, auth, system, bus } = deps;
  return {
    login: (a) => auth.loginMailbox(a),

    async openMaildrop(principal, max) {
      const mailboxId = Number(principal.mailboxId);
      const inbox = store.folders.bySpecialUse(mailboxId, '\\Inbox'); // "Posta in arrivo", seed 000 §2
      if (!inbox) throw new MaildropMissingError(principal.address);
      const entries: MaildropEntry[] = [];
      for (let offset = 0; entries.length < max; offset += MAX_PAGE_SIZE) {
        const limit = Math.min(MAX_PAGE_SIZE, max - entries.length);
        const page = store.messages.listFolder(inbox.id, { sort: 'uid-asc', offset, limit });
        for (const m of page) entries.push({ id: m.id, uid: m.uid, size: m.size, blobHash: m.blobHash, uidl: uniqueId(inbox.uidvalidity, m.uid) });
        if (page.length < limit) break;
      }
      return newMaildrop({ mailboxId, address: principal.address, folderId: inbox.id, uidvalidity: inbox.uidvalidity, entries });
    },

    async readMessage(entry) {
      if (!store.messages.getById(entry.id)) return null;
      try {
        return await store.blobs.get(entry.blobHash);
      } catch {
        return null; // released between the check and the read
      }
    },

    async expunge(principal, folderId, ids) {
      // Messages already removed by another channel are skipped: the mailbox actor refuses unknown ids as a whole.
      const present = stillIn(store.messages, folderId, ids);
      if (present.length === 0) return 0;
      const msg: MailboxMsg = { type: 'expunge', folderId, ids: present };
      const reply = await system.ask<ExpungeReply>(mailboxActorName(principal.address), msg, MAILBOX_ASK_TIMEOUT_MS);
      return reply.uids.length;
    },

    markSeen(principal, ids) {
      const present = ids.filter((id) => store.messages.getById(id) !== undefined);
      if (present.length === 0) return;
      const msg: MailboxMsg = { type: 'set-flags', ids: present, mode: 'add', flags: ['\\Seen'] };
      try {
        system.tell(mailboxActorName(principal.address), msg);
      } catch {
        // Best effort: a full mailbox queue must not fail the POP3 QUIT.
      }
    },

    emit: (e) => bus.emit(e),
  };
}

function stillIn(messages: MessageRepo, folderId: number, ids: readonly number[]): number[] {
  return ids.filter((id) => messages.getById(id)?.folderId === folderId);
}
