// The typed IMAP command union produced by parseCommand (RFC 3501, RFC 9051 and the extensions listed in decoder.ts).

/** One element of a sequence set; `'*'` is the largest number in use (RFC 9051 §9 seq-number). */
export type SeqNumber = number | '*';
export interface SeqRange {
  start: SeqNumber;
  end: SeqNumber;
}
/** A sequence set as written by the client: ranges in client order, not yet resolved against a maximum. */
export type SequenceSet = SeqRange[];

/** Date-time with its zone, as in APPEND date-time and INTERNALDATE (RFC 9051 §9 date-time). */
export interface ImapDateTime {
  /** Milliseconds since the epoch (UTC instant). */
  ms: number;
  /** Zone of the written form, minutes east of UTC (+0100 -> 60). */
  tzOffsetMinutes: number;
}
/** A calendar day as used by SEARCH BEFORE/ON/SINCE (RFC 9051 §6.4.4: time and zone are disregarded). */
export interface ImapDate {
  year: number;
  month: number; // 1..12
  day: number;
}

/** BODY[section] spec (RFC 9051 §6.4.5). `part` is empty for the top-level message. */
export interface SectionSpec {
  part: number[];
  text?: 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  /** Field names for HEADER.FIELDS[.NOT], as written (compare case-insensitively). */
  fields?: string[];
}
export interface Partial {
  offset: number;
  length: number;
}

export type FetchAttribute =
  | { kind: 'ENVELOPE' }
  | { kind: 'FLAGS' }
  | { kind: 'INTERNALDATE' }
  | { kind: 'RFC822.SIZE' }
  | { kind: 'UID' }
  | { kind: 'MODSEQ' }
  /** BODYSTRUCTURE (extensible) or BODY without a section (non-extensible form). */
  | { kind: 'BODYSTRUCTURE'; extensible: boolean }
  /** RFC822, RFC822.HEADER, RFC822.TEXT: RFC822 and RFC822.TEXT set \Seen (RFC 3501 §6.4.5). */
  | { kind: 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT' }
  | { kind: 'BODY'; peek: boolean; section: SectionSpec; partial?: Partial }
  /** RFC 3516 / RFC 9051 BINARY[part]<partial> and BINARY.SIZE[part]. */
  | { kind: 'BINARY'; peek: boolean; part: number[]; partial?: Partial }
  | { kind: 'BINARY.SIZE'; part: number[] };

export type StatusItem =
  | 'MESSAGES'
  | 'UIDNEXT'
  | 'UIDVALIDITY'
  | 'UNSEEN'
  | 'DELETED'
  | 'SIZE'
  | 'HIGHESTMODSEQ'
  | 'RECENT'
  | 'APPENDLIMIT';

export type SearchKey =
  | { kind: 'all' }
  /** System flag or keyword present (`set: true`) or absent. NEW/OLD/RECENT map to \Recent and \Seen. */
  | { kind: 'flag'; flag: string; set: boolean }
  /** FROM/TO/CC/BCC/SUBJECT/HEADER: substring of the named header; empty value = header present. */
  | { kind: 'header'; field: string; value: string }
  | { kind: 'body'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'date'; field: 'internal' | 'sent'; op: 'before' | 'on' | 'since'; date: ImapDate }
  | { kind: 'size'; op: 'larger' | 'smaller'; size: number }
  | { kind: 'uid'; set: SequenceSet }
  | { kind: 'seq'; set: SequenceSet }
  /** RFC 7162 §3.1.5: MODSEQ [entry-name entry-type] value. */
  | { kind: 'modseq'; modseq: bigint; entry?: { name: string; type: 'priv' | 'shared' | 'all' } }
  | { kind: 'not'; key: SearchKey }
  | { kind: 'or'; left: SearchKey; right: SearchKey }
  | { kind: 'and'; keys: SearchKey[] };

export type SearchReturnOption = 'MIN' | 'MAX' | 'ALL' | 'COUNT' | 'SAVE';

export interface AppendMessage {
  flags: string[];
  internalDate?: ImapDateTime;
  data: Uint8Array;
  /** Sent as literal8 `~{n}` (RFC 3516): may hold NUL and bare 8-bit. */
  binary: boolean;
  /** RFC 6855 `UTF8 (literal8)` form. */
  utf8: boolean;
}

export interface ListSelection {
  subscribed: boolean;
  remote: boolean;
  recursiveMatch: boolean;
  specialUse: boolean;
}
export interface ListReturn {
  subscribed: boolean;
  children: boolean;
  specialUse: boolean;
  /** RFC 5819 LIST-STATUS. */
  status?: StatusItem[];
}

export interface QresyncParams {
  uidValidity: number;
  modseq: bigint;
  knownUids?: SequenceSet;
  seqMatch?: { seqs: SequenceSet; uids: SequenceSet };
}

/** Every command body, discriminated on `name` (uppercase). UID variants carry `uid: true`. */
export type CommandBody =
  | { name: 'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'CHECK' | 'CLOSE' | 'UNSELECT' | 'IDLE' | 'NAMESPACE' }
  /** `initialResponse` is SASL-IR (RFC 4959): `=` decodes to an empty array. */
  | { name: 'AUTHENTICATE'; mechanism: string; initialResponse?: Uint8Array }
  | { name: 'LOGIN'; username: string; password: string }
  | { name: 'ENABLE'; capabilities: string[] }
  | { name: 'SELECT' | 'EXAMINE'; mailbox: string; condstore: boolean; qresync?: QresyncParams }
  | { name: 'CREATE'; mailbox: string; specialUse: string[] }
  | { name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'; mailbox: string }
  | { name: 'RENAME'; from: string; to: string }
  | {
      name: 'LIST';
      reference: string;
      patterns: string[];
      selection: ListSelection;
      return: ListReturn;
      /** True when any LIST-EXTENDED syntax was used (RFC 5258 §3): answers then carry CHILDINFO etc. */
      extended: boolean;
    }
  | { name: 'LSUB'; reference: string; pattern: string }
  | { name: 'STATUS'; mailbox: string; items: StatusItem[] }
  | { name: 'APPEND'; mailbox: string; messages: AppendMessage[] }
  | { name: 'EXPUNGE'; uid: false }
  | { name: 'EXPUNGE'; uid: true; set: SequenceSet }
  | {
      name: 'SEARCH';
      uid: boolean;
      charset?: string;
      /** undefined: classic `* SEARCH`; defined (RETURN given, [] means ALL): ESEARCH (RFC 4731 §3.1). */
      returnOptions?: SearchReturnOption[];
      program: SearchKey;
    }
  | {
      name: 'FETCH';
      uid: boolean;
      set: SequenceSet;
      items: FetchAttribute[];
      macro?: 'ALL' | 'FAST' | 'FULL';
      /** RFC 7162 §3.1.4.1 CHANGEDSINCE: also implies MODSEQ in the answers. */
      changedSince?: bigint;
      /** RFC 7162 §3.2.6 VANISHED (UID FETCH only, requires CHANGEDSINCE). */
      vanished: boolean;
    }
  | {
      name: 'STORE';
      uid: boolean;
      set: SequenceSet;
      op: 'replace' | 'add' | 'remove';
      silent: boolean;
      flags: string[];
      unchangedSince?: bigint;
    }
  | { name: 'COPY' | 'MOVE'; uid: boolean; set: SequenceSet; mailbox: string }
  | { name: 'GETQUOTA'; root: string }
  | { name: 'GETQUOTAROOT'; mailbox: string }
  /** RFC 2971: NIL or field/value pairs (values may be NIL). */
  | { name: 'ID'; params: Array<[string, string | null]> | null };

export type ImapCommand = CommandBody & { tag: string };
export type CommandName = CommandBody['name'];
