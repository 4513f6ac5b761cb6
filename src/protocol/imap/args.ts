// Shared IMAP argument grammar: mailbox names, flags, flag lists, status items, date-time (RFC 9051 §9).
import type { ImapDateTime, StatusItem } from './command-types.ts';
import { parseImapDateTime } from './datetime.ts';
import { decodeMutf7 } from './mutf7.ts';
import { ParseError, type Reader } from './reader.ts';

export interface ParseContext {
  /** UTF-8 mailbox names (IMAP4rev2 / UTF8=ACCEPT) instead of modified UTF-7. */
  utf8Names: boolean;
}

/** Wire mailbox name -> Unicode. RFC 9051 §5.1: INBOX is case-insensitive, so it is normalised to upper case. */
export function decodeMailboxName(wire: string, ctx: ParseContext): string {
  if (wire.toUpperCase() === 'INBOX') return 'INBOX';
  if (ctx.utf8Names) return wire;
  const name = decodeMutf7(wire);
  if (name === null) throw new ParseError('Mailbox name is not valid modified UTF-7');
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

export function mailbox(r: Reader, ctx: ParseContext): string {
  return decodeMailboxName(r.astring(), ctx);
}

const SYSTEM_FLAGS = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft', '\\Recent'];
const SYSTEM_BY_UPPER = new Map(SYSTEM_FLAGS.map((f) => [f.toUpperCase(), f]));

/** System flags are case-insensitive: return their canonical spelling (`\seen` -> `\Seen`). */
export function canonicalFlag(flag: string): string {
  return SYSTEM_BY_UPPER.get(flag.toUpperCase()) ?? flag;
}

/** flag = "\Answered" / ... / flag-keyword / flag-extension (RFC 9051 §9). `\*` only where `allowWildcard`. */
export function flag(r: Reader, allowWildcard = false): string {
  if (r.tryChar('\\')) {
    if (allowWildcard && r.tryChar('*')) return '\\*';
    return canonicalFlag(`\\${r.atom()}`);
  }
  return r.atom();
}

/** flag-list = "(" [flag *(SP flag)] ")" */
export function flagList(r: Reader): string[] {
  r.expectChar('(');
  const flags: string[] = [];
  if (!r.tryChar(')')) {
    do flags.push(flag(r));
    while (r.trySp());
    r.expectChar(')');
  }
  return flags;
}

const STATUS_ITEMS: readonly StatusItem[] = [
  'MESSAGES',
  'UIDNEXT',
  'UIDVALIDITY',
  'UNSEEN',
  'DELETED',
  'SIZE',
  'HIGHESTMODSEQ',
  'RECENT',
  'APPENDLIMIT',
];

/** "(" status-att *(SP status-att) ")" (RFC 9051 §6.3.11, RFC 7162 HIGHESTMODSEQ, RFC 7889 APPENDLIMIT). */
export function statusItems(r: Reader): StatusItem[] {
  r.expectChar('(');
  const items: StatusItem[] = [];
  do {
    const a = r.atom().toUpperCase();
    const item = STATUS_ITEMS.find((s) => s === a);
    if (!item) throw new ParseError(`Unknown STATUS item ${a}`);
    if (!items.includes(item)) items.push(item);
  } while (r.trySp());
  r.expectChar(')');
  return items;
}

/** date-time as a quoted string. */
export function dateTime(r: Reader): ImapDateTime {
  if (r.peek() !== 0x22) throw new ParseError('Expected quoted date-time');
  const dt = parseImapDateTime(r.string());
  if (!dt) throw new ParseError('Invalid date-time');
  return dt;
}
