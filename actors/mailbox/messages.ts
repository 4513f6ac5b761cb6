// The mailbox actor's messages and replies: the only way anything changes a casella's folders, messages and quota.
import type { SpecialUse } from '../../src/store/folder-repo.ts';
import type { FlagMode } from '../../src/store/message-flags.ts';
import type { FlagChange, InsertResult, NewMessage, Relocation, RemoveResult } from '../../src/store/message-types.ts';

/** Why a message entered the mailbox: the PEC point or protocol that put it there. */
export type DeliveryReason = 'consegna' | 'ricevuta' | 'anomalia' | 'append' | 'copia-inviata' | 'bozza' | 'notifica';

export type MailboxMsg =
  | { type: 'deliver'; folder?: SpecialUse | number; message: NewMessage; reason: DeliveryReason }
  | { type: 'move'; ids: number[]; toFolderId: number }
  | { type: 'copy'; ids: number[]; toFolderId: number }
  | { type: 'set-flags'; ids: number[]; mode: FlagMode; flags: string[]; unchangedSince?: number }
  | { type: 'expunge'; folderId: number; ids?: number[] }
  | { type: 'create-folder'; name: string; parentId: number | null; specialUse?: SpecialUse | null }
  | { type: 'rename-folder'; folderId: number; name: string; parentId?: number | null }
  | { type: 'delete-folder'; folderId: number }
  | { type: 'subscribe-folder'; folderId: number; subscribed: boolean };

export interface DeliverReply extends InsertResult {
  folderId: number;
}

export interface SetFlagsReply {
  changed: FlagChange[];
  /** RFC 7162 §3.1.3 UNCHANGEDSINCE: ids whose modseq was newer, left untouched (MODIFIED response code). */
  modified: number[];
}

export type MoveReply = Relocation[];
export type ExpungeReply = Omit<RemoveResult, 'releasedBlobs'>;

/** What watchers (IMAP IDLE sessions, webmail SSE) hear after a change has committed. */
export type MailboxChange =
  | { kind: 'exists'; folderId: number; uid: number; modseq: number; reason: DeliveryReason | 'move' | 'copy' }
  | { kind: 'flags'; folderId: number; changes: FlagChange[] }
  | { kind: 'expunge'; folderId: number; uids: number[]; modseq: number }
  | { kind: 'folders' }
  | { kind: 'quota'; usedBytes: number; quotaBytes: number };

export function mailboxActorName(address: string): string {
  return `mailbox:${address.toLowerCase()}`;
}
