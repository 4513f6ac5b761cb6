// The typed IMAP response union consumed by encoder.ts (RFC 9051 §7 and the extensions' response codes).
import type { ImapDateTime, SequenceSet, StatusItem } from './command-types.ts';
import type { Envelope } from './envelope.ts';
import type { BodyStructure } from './bodystructure.ts';

/** Response codes without arguments (RFC 9051 §7.1, RFC 5530, RFC 7162, RFC 4469/7889 TOOBIG, RFC 6154 USEATTR). */
export type SimpleCode =
  | 'ALERT'
  | 'PARSE'
  | 'READ-ONLY'
  | 'READ-WRITE'
  | 'TRYCREATE'
  | 'UIDNOTSTICKY'
  | 'CLOSED'
  | 'NOMODSEQ'
  | 'UNAVAILABLE'
  | 'AUTHENTICATIONFAILED'
  | 'AUTHORIZATIONFAILED'
  | 'EXPIRED'
  | 'PRIVACYREQUIRED'
  | 'CONTACTADMIN'
  | 'NOPERM'
  | 'INUSE'
  | 'EXPUNGEISSUED'
  | 'CORRUPTION'
  | 'SERVERBUG'
  | 'CLIENTBUG'
  | 'CANNOT'
  | 'LIMIT'
  | 'OVERQUOTA'
  | 'ALREADYEXISTS'
  | 'NONEXISTENT'
  | 'TOOBIG'
  | 'HASCHILDREN'
  | 'NOTSAVED'
  | 'UNKNOWN-CTE'
  | 'USEATTR';

/** A UID/sequence list for responses: explicit numbers (kept in order, runs compressed) or ranges. */
export type NumberSet = number[] | SequenceSet;

export type ResponseCode =
  | { kind: SimpleCode }
  | { kind: 'BADCHARSET'; charsets?: string[] }
  | { kind: 'CAPABILITY'; capabilities: string[] }
  | { kind: 'PERMANENTFLAGS'; flags: string[] }
  | { kind: 'UIDNEXT' | 'UIDVALIDITY' | 'UNSEEN'; value: number }
  | { kind: 'HIGHESTMODSEQ'; value: bigint }
  /** RFC 7162 §3.1.3: the messages a conditional STORE did not change. */
  | { kind: 'MODIFIED'; set: NumberSet }
  /** RFC 4315 §3: APPENDUID uidvalidity uid-set. */
  | { kind: 'APPENDUID'; uidValidity: number; uids: NumberSet }
  /** RFC 4315 §3: COPYUID uidvalidity source-set dest-set (order is significant). */
  | { kind: 'COPYUID'; uidValidity: number; source: NumberSet; dest: NumberSet };

export type StatusValues = Partial<Record<StatusItem, number | bigint>>;

/** One FETCH response item (RFC 9051 §7.5.2). Data `null` encodes NIL. */
export type FetchItem =
  | { kind: 'UID'; uid: number }
  | { kind: 'FLAGS'; flags: string[] }
  | { kind: 'INTERNALDATE'; date: ImapDateTime }
  | { kind: 'RFC822.SIZE'; size: number }
  | { kind: 'MODSEQ'; modseq: bigint }
  | { kind: 'ENVELOPE'; envelope: Envelope }
  | { kind: 'BODYSTRUCTURE'; structure: BodyStructure; extensible: boolean }
  | { kind: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT'; data: Uint8Array | null }
  /** `section` is the canonical section text, e.g. `HEADER.FIELDS (FROM TO)`, `1.2.MIME`, ``. */
  | { kind: 'BODY'; section: string; origin?: number; data: Uint8Array | null }
  | { kind: 'BINARY'; part: number[]; origin?: number; data: Uint8Array | null }
  | { kind: 'BINARY.SIZE'; part: number[]; size: number };

export interface NamespaceEntry {
  prefix: string;
  delimiter: string | null;
}

export interface ListExtended {
  /** RFC 5258 §3.5 CHILDINFO ("SUBSCRIBED"). */
  childInfo?: string[];
  /** RFC 5465/9051 OLDNAME for renamed mailboxes. */
  oldName?: string;
}

export type ImapResponse =
  | { kind: 'tagged'; tag: string; status: 'OK' | 'NO' | 'BAD'; code?: ResponseCode; text: string }
  | { kind: 'untagged-status'; status: 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH'; code?: ResponseCode; text: string }
  /** `+ text` or `+ base64` (AUTHENTICATE challenge, RFC 9051 §7.6). */
  | { kind: 'continuation'; text?: string; data?: Uint8Array }
  | { kind: 'capability'; capabilities: string[] }
  | { kind: 'enabled'; capabilities: string[] }
  | { kind: 'exists'; count: number }
  | { kind: 'recent'; count: number }
  | { kind: 'expunge'; seq: number }
  /** RFC 7162 §3.2.10: `* VANISHED [(EARLIER)] uids`. */
  | { kind: 'vanished'; earlier: boolean; uids: NumberSet }
  | { kind: 'flags'; flags: string[] }
  | {
      kind: 'list' | 'lsub';
      attributes: string[];
      delimiter: string | null;
      mailbox: string;
      extended?: ListExtended;
    }
  | { kind: 'status'; mailbox: string; values: StatusValues }
  /** Classic SEARCH (RFC 3501 §7.2.5); `modseq` per RFC 7162 §3.1.5. */
  | { kind: 'search'; ids: number[]; modseq?: bigint }
  /** RFC 4731 / RFC 9051 §7.3.4. `all` is compressed to ranges. */
  | {
      kind: 'esearch';
      tag?: string;
      uid: boolean;
      min?: number;
      max?: number;
      all?: NumberSet;
      count?: number;
      modseq?: bigint;
    }
  | { kind: 'fetch'; seq: number; items: FetchItem[] }
  /** RFC 9208 §5.1. */
  | { kind: 'quota'; root: string; resources: Array<{ name: string; usage: number; limit: number }> }
  | { kind: 'quotaroot'; mailbox: string; roots: string[] }
  /** RFC 2971: NIL or field/value pairs. */
  | { kind: 'id'; params: Array<[string, string | null]> | null }
  /** RFC 2342: each of the three groups is NIL when empty. */
  | { kind: 'namespace'; personal: NamespaceEntry[]; other: NamespaceEntry[]; shared: NamespaceEntry[] };
