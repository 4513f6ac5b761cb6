// Typed parse of one framed IMAP command into the CommandBody union; the registry of verbs (CONVENTIONS 2).
import { decodeBase64Strict } from './base64.ts';
import type { CommandBody, ImapCommand } from './command-types.ts';
import { mailbox, type ParseContext } from './args.ts';
import { ImapProtocolError } from './errors.ts';
import { readTag } from './line-scan.ts';
import { parseAppend } from './append-parser.ts';
import { parseFetch } from './fetch-parser.ts';
import { parseList, parseLsub, parseStatus } from './list-parser.ts';
import { ParseError, Reader, type Segment } from './reader.ts';
import { parseSearch } from './search-parser.ts';
import { parseCreate, parseSelect } from './select-parser.ts';
import { parseSequenceSet } from './sequence-set.ts';
import { parseStore } from './store-parser.ts';

export type { ParseContext } from './args.ts';

type ArgParser = (r: Reader, ctx: ParseContext, uid: boolean) => CommandBody;

const noArgs =
  (name: 'CAPABILITY' | 'NOOP' | 'LOGOUT' | 'STARTTLS' | 'CHECK' | 'CLOSE' | 'UNSELECT' | 'IDLE' | 'NAMESPACE'): ArgParser =>
  () => ({ name });

function parseAuthenticate(r: Reader): CommandBody {
  r.sp();
  const mechanism = r.atom().toUpperCase();
  if (!r.trySp()) return { name: 'AUTHENTICATE', mechanism };
  // RFC 4959 §3 (SASL-IR): "=" is an empty initial response.
  const text = r.atom();
  const initialResponse = text === '=' ? new Uint8Array(0) : decodeBase64Strict(text);
  if (!initialResponse) throw new ParseError('Invalid base64 initial response');
  return { name: 'AUTHENTICATE', mechanism, initialResponse };
}

function parseId(r: Reader): CommandBody {
  r.sp();
  if (r.tryKeyword('NIL')) return { name: 'ID', params: null };
  r.expectChar('(');
  const params: Array<[string, string | null]> = [];
  // RFC 2971 §3.3: field/value pairs; an empty list is allowed by common clients.
  if (!r.tryChar(')')) {
    do {
      const field = r.string();
      r.sp();
      params.push([field, r.nstring()]);
    } while (r.trySp());
    r.expectChar(')');
  }
  return { name: 'ID', params };
}

function parseExpunge(r: Reader, _ctx: ParseContext, uid: boolean): CommandBody {
  if (!uid) return { name: 'EXPUNGE', uid: false };
  r.sp(); // RFC 4315 §2.1: UID EXPUNGE sequence-set
  return { name: 'EXPUNGE', uid: true, set: parseSequenceSet(r) };
}

const copyOrMove =
  (name: 'COPY' | 'MOVE'): ArgParser =>
  (r, ctx, uid) => {
    r.sp();
    const set = parseSequenceSet(r);
    r.sp();
    return { name, uid, set, mailbox: mailbox(r, ctx) };
  };

const oneMailbox =
  (name: 'DELETE' | 'SUBSCRIBE' | 'UNSUBSCRIBE'): ArgParser =>
  (r, ctx) => {
    r.sp();
    return { name, mailbox: mailbox(r, ctx) };
  };

const COMMANDS: Record<string, ArgParser> = {
  CAPABILITY: noArgs('CAPABILITY'),
  NOOP: noArgs('NOOP'),
  LOGOUT: noArgs('LOGOUT'),
  STARTTLS: noArgs('STARTTLS'),
  CHECK: noArgs('CHECK'),
  CLOSE: noArgs('CLOSE'),
  UNSELECT: noArgs('UNSELECT'),
  IDLE: noArgs('IDLE'),
  NAMESPACE: noArgs('NAMESPACE'),
  AUTHENTICATE: parseAuthenticate,
  LOGIN: (r) => {
    r.sp();
    const username = r.astring();
    r.sp();
    return { name: 'LOGIN', username, password: r.astring() };
  },
  ENABLE: (r) => {
    const capabilities: string[] = [];
    while (r.trySp()) capabilities.push(r.atom().toUpperCase());
    if (capabilities.length === 0) throw new ParseError('ENABLE needs at least one capability');
    return { name: 'ENABLE', capabilities };
  },
  SELECT: parseSelect('SELECT'),
  EXAMINE: parseSelect('EXAMINE'),
  CREATE: parseCreate,
  DELETE: oneMailbox('DELETE'),
  SUBSCRIBE: oneMailbox('SUBSCRIBE'),
  UNSUBSCRIBE: oneMailbox('UNSUBSCRIBE'),
  RENAME: (r, ctx) => {
    r.sp();
    const from = mailbox(r, ctx);
    r.sp();
    return { name: 'RENAME', from, to: mailbox(r, ctx) };
  },
  LIST: parseList,
  LSUB: parseLsub,
  STATUS: parseStatus,
  APPEND: parseAppend,
  EXPUNGE: parseExpunge,
  SEARCH: parseSearch,
  FETCH: parseFetch,
  STORE: parseStore,
  COPY: copyOrMove('COPY'),
  MOVE: copyOrMove('MOVE'),
  GETQUOTA: (r) => {
    r.sp();
    return { name: 'GETQUOTA', root: r.astring() };
  },
  GETQUOTAROOT: (r, ctx) => {
    r.sp();
    return { name: 'GETQUOTAROOT', mailbox: mailbox(r, ctx) };
  },
  ID: parseId,
};

/** Verbs that accept the UID prefix (RFC 9051 §6.4.9, RFC 4315, RFC 6851). */
const UID_COMMANDS = new Set(['COPY', 'MOVE', 'FETCH', 'SEARCH', 'STORE', 'EXPUNGE']);

/** Every verb this codec parses (for the dispatcher and CAPABILITY checks). */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Parses one framed command. Throws ImapProtocolError (tagged BAD, or untagged BAD when the tag is unreadable). */
export function parseCommand(segments: Segment[], ctx: ParseContext): ImapCommand {
  const first = segments[0];
  const tag = first && first.kind === 'line' ? readTag(first.bytes) : undefined;
  if (tag === undefined) throw ImapProtocolError.bad(undefined, 'Invalid or missing tag');
  const r = new Reader(segments);
  r.advance(tag.length);
  try {
    r.sp();
    let verb = r.atom().toUpperCase();
    let uid = false;
    if (verb === 'UID') {
      r.sp();
      verb = r.atom().toUpperCase();
      uid = true;
      if (!UID_COMMANDS.has(verb)) throw new ParseError(`UID ${verb} is not a command`);
    }
    const parser = COMMANDS[verb];
    if (!parser) throw ImapProtocolError.bad(tag, `Unknown command ${verb.slice(0, 32)}`, 'unknown-command');
    const body = parser(r, ctx, uid);
    r.expectEnd();
    return { tag, ...body };
  } catch (e) {
    if (e instanceof ParseError) {
      if (e.refusal) throw ImapProtocolError.no(tag, e.message, e.refusal.kind, e.refusal.code);
      throw ImapProtocolError.bad(tag, e.message);
    }
    throw e;
  }
}
