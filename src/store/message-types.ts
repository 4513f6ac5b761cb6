// Shapes of message rows: the input of insertMessage, the plain object repositories return, and the row mapper.
import { decodeFlags } from './message-flags.ts';

export interface NewMessage {
  /** RFC 9051 INTERNALDATE, ms since the epoch: when the message reached this folder's mailbox. */
  internalDate: number;
  /** RFC822.SIZE in octets: what the quota counts. */
  size: number;
  /** SHA-256 hex of the raw message in the BlobStore. */
  blobHash: string;
  flags?: readonly string[];
  subject?: string | null;
  fromAddr?: string | null;
  toAddrs?: readonly string[];
  ccAddrs?: readonly string[];
  /** Date: header, ms since the epoch. */
  dateHeader?: number | null;
  messageId?: string | null;
  /** X-Ricevuta / X-Trasporto value (e.g. 'accettazione', 'posta-certificata'); null for ordinary mail. */
  pecKind?: string | null;
  /** SPEC §5.2: the PEC msgid the receipts of one transaction share. */
  pecIdentificativo?: string | null;
  hasAttachments?: boolean;
  /** Plain text indexed for search only (not stored in messages). */
  bodyText?: string;
}

export interface Message {
  id: number;
  mailboxId: number;
  folderId: number;
  uid: number;
  modseq: number;
  flags: string[];
  internalDate: number;
  size: number;
  blobHash: string;
  subject: string | null;
  fromAddr: string | null;
  toAddrs: string[];
  ccAddrs: string[];
  dateHeader: number | null;
  messageId: string | null;
  pecKind: string | null;
  pecIdentificativo: string | null;
  hasAttachments: boolean;
}

export interface MessageRow {
  id: number;
  mailbox_id: number;
  folder_id: number;
  uid: number;
  modseq: number;
  flags: number;
  keywords: string;
  internal_date: number;
  size: number;
  blob_hash: string;
  subject: string | null;
  from_addr: string | null;
  to_addrs: string | null;
  cc_addrs: string | null;
  date_header: number | null;
  message_id: string | null;
  pec_kind: string | null;
  pec_identificativo: string | null;
  has_attachments: number;
}

export const MESSAGE_COLS =
  'id, mailbox_id, folder_id, uid, modseq, flags, keywords, internal_date, size, blob_hash, subject, from_addr, ' +
  'to_addrs, cc_addrs, date_header, message_id, pec_kind, pec_identificativo, has_attachments';

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    mailboxId: r.mailbox_id,
    folderId: r.folder_id,
    uid: r.uid,
    modseq: r.modseq,
    flags: decodeFlags(r.flags, r.keywords),
    internalDate: r.internal_date,
    size: r.size,
    blobHash: r.blob_hash,
    subject: r.subject,
    fromAddr: r.from_addr,
    toAddrs: r.to_addrs ? (JSON.parse(r.to_addrs) as string[]) : [],
    ccAddrs: r.cc_addrs ? (JSON.parse(r.cc_addrs) as string[]) : [],
    dateHeader: r.date_header,
    messageId: r.message_id,
    pecKind: r.pec_kind,
    pecIdentificativo: r.pec_identificativo,
    hasAttachments: r.has_attachments === 1,
  };
}

export interface InsertResult {
  id: number;
  uid: number;
  modseq: number;
}

/** One message moved or copied: where it came from and its new place (RFC 4315 COPYUID needs both uids). */
export interface Relocation {
  sourceId: number;
  id: number;
  fromFolderId: number;
  fromUid: number;
  uid: number;
  modseq: number;
}

export interface FlagChange {
  id: number;
  folderId: number;
  uid: number;
  modseq: number;
  flags: string[];
}

export interface RemoveResult {
  /** UIDs removed, ascending (for IMAP EXPUNGE / VANISHED responses). */
  uids: number[];
  /** Modseq recorded for the removal (0 when nothing was removed). */
  modseq: number;
  /** Blobs no message references any more: delete them from the BlobStore after the commit. */
  releasedBlobs: string[];
}

export type ListSort =
  | 'date-desc'
  | 'date-asc'
  | 'uid-asc'
  | 'uid-desc'
  | 'subject-asc'
  | 'subject-desc'
  | 'from-asc'
  | 'from-desc'
  | 'size-asc'
  | 'size-desc';

export interface FolderStatus {
  exists: number;
  unseen: number;
  uidnext: number;
  uidvalidity: number;
  highestModseq: number;
  /** Sum of RFC822.SIZE (RFC 8438 STATUS SIZE). */
  size: number;
}

export interface ChangesSince {
  /** Messages whose modseq is above the given one (new or with changed flags). */
  changed: FlagChange[];
  /** UIDs expunged after the given modseq (RFC 7162 §3.2.5.2 VANISHED (EARLIER)). */
  vanished: number[];
}
