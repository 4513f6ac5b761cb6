// POP3 session states as a discriminated union carrying their data (RFC 1939 §3, CONVENTIONS 3), and the maildrop.
import type { MailboxPrincipal } from '../../../src/auth/principal.ts';
import { err } from '../../../src/protocol/pop3/encoder.ts';

/** One message of the maildrop snapshot; its POP3 message number is its index + 1. */
export interface MaildropEntry {
  /** Store message id (what the mailbox actor expunges). */
  readonly id: number;
  readonly uid: number;
  /** RFC822.SIZE as stored: what LIST and STAT report. */
  readonly size: number;
  readonly blobHash: string;
  /** RFC 1939 §7 unique-id: stable across sessions as long as the INBOX keeps its UIDVALIDITY. */
  readonly uidl: string;
}

/**
 * RFC 1939 §8: the maildrop is fixed at login; messages arriving later are seen by the next session.
 * `deleted` and `retrieved` hold message numbers (1-based).
 */
export interface Maildrop {
  readonly mailboxId: number;
  readonly address: string;
  readonly folderId: number;
  readonly uidvalidity: number;
  readonly entries: readonly MaildropEntry[];
  readonly deleted: Set<number>;
  readonly retrieved: Set<number>;
}

/** What an AUTHORIZATION state is waiting for: PASS after USER, or a SASL response after `AUTH PLAIN`. */
export type AuthPending = { readonly kind: 'user'; readonly name: string } | { readonly kind: 'sasl'; readonly mechanism: 'PLAIN' };

export type Pop3State =
  | { readonly kind: 'authorization'; readonly pending: AuthPending | null }
  | { readonly kind: 'transaction'; readonly principal: MailboxPrincipal; readonly maildrop: Maildrop }
  /** RFC 1939 §6: after QUIT in TRANSACTION, while the deletions are applied. */
  | { readonly kind: 'update'; readonly principal: MailboxPrincipal; readonly maildrop: Maildrop }
  | { readonly kind: 'closed' };

export type Pop3StateKind = Pop3State['kind'];
export type StateOf<K extends Pop3StateKind> = Extract<Pop3State, { kind: K }>;

export const AUTHORIZATION: StateOf<'authorization'> = { kind: 'authorization', pending: null };

/** The maildrop UIDL: `<uidvalidity>.<uid>`, within RFC 1939 §7 (1-70 chars of 0x21-0x7E). */
export function uniqueId(uidvalidity: number, uid: number): string {
  return `${uidvalidity}.${uid}`;
}

export function newMaildrop(m: Omit<Maildrop, 'deleted' | 'retrieved'>): Maildrop {
  return { ...m, deleted: new Set(), retrieved: new Set() };
}

/** Messages not marked deleted, with their numbers. */
export function liveEntries(m: Maildrop): Array<{ msg: number; entry: MaildropEntry }> {
  const out: Array<{ msg: number; entry: MaildropEntry }> = [];
  m.entries.forEach((entry, i) => {
    if (!m.deleted.has(i + 1)) out.push({ msg: i + 1, entry });
  });
  return out;
}

export function liveTotals(m: Maildrop): { count: number; octets: number } {
  let count = 0;
  let octets = 0;
  m.entries.forEach((e, i) => {
    if (m.deleted.has(i + 1)) return;
    count++;
    octets += e.size;
  });
  return { count, octets };
}

/** RFC 1939 §5: a message number must exist and not be marked deleted. */
export function lookup(m: Maildrop, msg: number): { entry: MaildropEntry } | { error: Uint8Array } {
  const entry = m.entries[msg - 1];
  if (!entry) return { error: err('No such message') };
  if (m.deleted.has(msg)) return { error: err(`Message ${msg} already deleted`) };
  return { entry };
}
