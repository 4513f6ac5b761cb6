// SEARCH / UID SEARCH grammar (RFC 9051 §6.4.4) with ESEARCH RETURN (RFC 4731) and MODSEQ (RFC 7162 §3.1.5).
import { canonicalFlag, type ParseContext } from './args.ts';
import type { CommandBody, ImapDate, SearchKey, SearchReturnOption } from './command-types.ts';
import { parseImapDate } from './datetime.ts';
import { MAX_SEARCH_DEPTH, MAX_SEARCH_KEYS } from './limits.ts';
import { ParseError, type Reader } from './reader.ts';
import { parseSequenceSet } from './sequence-set.ts';

/** Charsets this codec can search in; anything else is refused with NO [BADCHARSET] (RFC 9051 §6.4.4). */
export const SEARCH_CHARSETS = ['US-ASCII', 'UTF-8'] as const;

const FLAG_KEYS: Record<string, SearchKey> = {
  ALL: { kind: 'all' },
  ANSWERED: { kind: 'flag', flag: '\\Answered', set: true },
  DELETED: { kind: 'flag', flag: '\\Deleted', set: true },
  DRAFT: { kind: 'flag', flag: '\\Draft', set: true },
  FLAGGED: { kind: 'flag', flag: '\\Flagged', set: true },
  SEEN: { kind: 'flag', flag: '\\Seen', set: true },
  RECENT: { kind: 'flag', flag: '\\Recent', set: true },
  UNANSWERED: { kind: 'flag', flag: '\\Answered', set: false },
  UNDELETED: { kind: 'flag', flag: '\\Deleted', set: false },
  UNDRAFT: { kind: 'flag', flag: '\\Draft', set: false },
  UNFLAGGED: { kind: 'flag', flag: '\\Flagged', set: false },
  UNSEEN: { kind: 'flag', flag: '\\Seen', set: false },
  // RFC 3501 §6.4.4: NEW = RECENT UNSEEN, OLD = NOT RECENT.
  NEW: {
    kind: 'and',
    keys: [
      { kind: 'flag', flag: '\\Recent', set: true },
      { kind: 'flag', flag: '\\Seen', set: false },
    ],
  },
  OLD: { kind: 'flag', flag: '\\Recent', set: false },
};

const HEADER_KEYS: Record<string, string> = { BCC: 'Bcc', CC: 'Cc', FROM: 'From', SUBJECT: 'Subject', TO: 'To' };
const DATE_KEYS: Record<string, { field: 'internal' | 'sent'; op: 'before' | 'on' | 'since' }> = {
  BEFORE: { field: 'internal', op: 'before' },
  ON: { field: 'internal', op: 'on' },
  SINCE: { field: 'internal', op: 'since' },
  SENTBEFORE: { field: 'sent', op: 'before' },
  SENTON: { field: 'sent', op: 'on' },
  SENTSINCE: { field: 'sent', op: 'since' },
};

class SearchParser {
  private keys = 0;
  constructor(private readonly r: Reader) {}

  private date(): ImapDate {
    this.r.sp();
    const d = parseImapDate(this.r.astring());
    if (!d) throw new ParseError('Invalid search date');
    return d;
  }

  private arg(): string {
    this.r.sp();
    return this.r.astring();
  }

  key(depth: number): SearchKey {
    if (depth > MAX_SEARCH_DEPTH) throw new ParseError('Search program too deeply nested');
    if (++this.keys > MAX_SEARCH_KEYS) throw new ParseError('Search program too long');
    const r = this.r;
    const c = r.peek();
    if (c === 0x28) {
      r.advance();
      const keys = [this.key(depth + 1)];
      while (r.trySp()) keys.push(this.key(depth + 1));
      r.expectChar(')');
      return keys.length === 1 ? (keys[0] as SearchKey) : { kind: 'and', keys };
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x2a) return { kind: 'seq', set: parseSequenceSet(r) };
    return this.named(r.word().toUpperCase(), depth);
  }

  private named(name: string, depth: number): SearchKey {
    const r = this.r;
    const simple = FLAG_KEYS[name];
    if (simple) return structuredClone(simple);
    const header = HEADER_KEYS[name];
    if (header) return { kind: 'header', field: header, value: this.arg() };
    const date = DATE_KEYS[name];
    if (date) return { kind: 'date', ...date, date: this.date() };
    switch (name) {
      case 'BODY':
      case 'TEXT':
        return { kind: name === 'BODY' ? 'body' : 'text', value: this.arg() };
      case 'HEADER': {
        const field = this.arg();
        return { kind: 'header', field, value: this.arg() };
      }
      case 'KEYWORD':
      case 'UNKEYWORD':
        r.sp();
        return { kind: 'flag', flag: canonicalFlag(r.atom()), set: name === 'KEYWORD' };
      case 'LARGER':
      case 'SMALLER':
        r.sp();
        return { kind: 'size', op: name === 'LARGER' ? 'larger' : 'smaller', size: Number(r.number64()) };
      case 'UID':
        r.sp();
        return { kind: 'uid', set: parseSequenceSet(r) };
      case 'NOT':
        r.sp();
        return { kind: 'not', key: this.key(depth + 1) };
      case 'OR': {
        r.sp();
        const left = this.key(depth + 1);
        r.sp();
        return { kind: 'or', left, right: this.key(depth + 1) };
      }
      case 'MODSEQ':
        return this.modseq();
      default:
        throw new ParseError(`Unknown search key ${name.slice(0, 32)}`);
    }
  }

  /** MODSEQ SP [entry-name SP entry-type-req SP] mod-sequence-valzer (RFC 7162 §3.1.5). */
  private modseq(): SearchKey {
    const r = this.r;
    r.sp();
    if (r.peek() === 0x22) {
      const name = r.string();
      r.sp();
      const type = r.atom().toLowerCase();
      if (type !== 'priv' && type !== 'shared' && type !== 'all') throw new ParseError('Invalid MODSEQ entry type');
      r.sp();
      return { kind: 'modseq', modseq: r.number64(), entry: { name, type } };
    }
    return { kind: 'modseq', modseq: r.number64() };
  }
}

function returnOptions(r: Reader): SearchReturnOption[] {
  r.sp();
  r.expectChar('(');
  const opts: SearchReturnOption[] = [];
  if (!r.tryChar(')')) {
    do {
      const o = r.atom().toUpperCase();
      if (o !== 'MIN' && o !== 'MAX' && o !== 'ALL' && o !== 'COUNT' && o !== 'SAVE') {
        throw new ParseError(`Unknown SEARCH return option ${o}`);
      }
      if (!opts.includes(o)) opts.push(o);
    } while (r.trySp());
    r.expectChar(')');
  }
  return opts;
}

/** search = "SEARCH" [search-return-opts] [SP "CHARSET" SP charset] 1*(SP search-key) */
export function parseSearch(r: Reader, _ctx: ParseContext, uid: boolean): CommandBody {
  r.sp();
  let returnOpts: SearchReturnOption[] | undefined;
  if (r.tryKeyword('RETURN')) {
    returnOpts = returnOptions(r);
    r.sp();
  }
  let charset: string | undefined;
  if (r.tryKeyword('CHARSET')) {
    r.sp();
    charset = r.astring().toUpperCase();
    if (!(SEARCH_CHARSETS as readonly string[]).includes(charset)) {
      throw new ParseError('Unsupported charset', { kind: 'bad-charset', code: { kind: 'BADCHARSET', charsets: [...SEARCH_CHARSETS] } });
    }
    r.sp();
  }
  const p = new SearchParser(r);
  const keys = [p.key(0)];
  while (r.trySp()) keys.push(p.key(0));
  const program: SearchKey = keys.length === 1 ? (keys[0] as SearchKey) : { kind: 'and', keys };
  return {
    name: 'SEARCH',
    uid,
    ...(charset ? { charset } : {}),
    ...(returnOpts ? { returnOptions: returnOpts } : {}),
    program,
  };
}
