// POP3 commands as a typed union, and the parser of one command line (RFC 1939, 2449, 2595, 5034).
import { Pop3ProtocolError } from './errors.ts';
import { MAX_TOP_LINES } from './multiline.ts';

export type Pop3Command =
  | { readonly verb: 'USER'; readonly name: string }
  | { readonly verb: 'PASS'; readonly password: string }
  /** Parsed only so that it can be refused: APOP needs the plaintext password stored (RFC 1939 §7). */
  | { readonly verb: 'APOP'; readonly name: string; readonly digest: string }
  /**
   * RFC 5034 §4. `mechanism` null is the bare `AUTH` some clients send to list mechanisms.
   * `initialResponse`: null when absent, '' for the `=` form (an empty response), else base64.
   */
  | { readonly verb: 'AUTH'; readonly mechanism: string | null; readonly initialResponse: string | null }
  | { readonly verb: 'CAPA' }
  | { readonly verb: 'STLS' }
  | { readonly verb: 'STAT' }
  | { readonly verb: 'LIST'; readonly msg: number | null }
  | { readonly verb: 'UIDL'; readonly msg: number | null }
  | { readonly verb: 'TOP'; readonly msg: number; readonly lines: number }
  | { readonly verb: 'RETR'; readonly msg: number }
  | { readonly verb: 'DELE'; readonly msg: number }
  | { readonly verb: 'RSET' }
  | { readonly verb: 'NOOP' }
  | { readonly verb: 'QUIT' };

export type Pop3Verb = Pop3Command['verb'];

/** RFC 1939 §3: the protocol states a session passes through. */
export type Pop3SessionState = 'authorization' | 'transaction';

/** Where each verb is allowed (RFC 1939 §4-7, RFC 2449 §5 CAPA in both, RFC 2595 §4 STLS before login). */
export const VERB_STATES: Readonly<Record<Pop3Verb, readonly Pop3SessionState[]>> = {
  USER: ['authorization'],
  PASS: ['authorization'],
  APOP: ['authorization'],
  AUTH: ['authorization'],
  STLS: ['authorization'],
  CAPA: ['authorization', 'transaction'],
  QUIT: ['authorization', 'transaction'],
  STAT: ['transaction'],
  LIST: ['transaction'],
  UIDL: ['transaction'],
  TOP: ['transaction'],
  RETR: ['transaction'],
  DELE: ['transaction'],
  RSET: ['transaction'],
  NOOP: ['transaction'],
};

/** Highest message number accepted; a maildrop never holds more (keeps numbers in int32). */
export const MAX_MESSAGE_NUMBER = 2_147_483_647;
/** RFC 4422 §3.1: a SASL mechanism name is 1 to 20 characters of [A-Z0-9-_]. */
const SASL_MECHANISM = /^[A-Z0-9_-]{1,20}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** RFC 1939 §7: the APOP digest is 16 octets as lowercase hex; accept either case to refuse cleanly. */
const APOP_DIGEST = /^[0-9A-Fa-f]{32}$/;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export type ParseResult =
  | { readonly ok: true; readonly command: Pop3Command }
  | { readonly ok: false; readonly error: Pop3ProtocolError };

const fail = (error: Pop3ProtocolError): ParseResult => ({ ok: false, error });
const done = (command: Pop3Command): ParseResult => ({ ok: true, command });

/** True when `s` is strict, padded base64 (RFC 4648 §4), as RFC 5034 §4 requires. */
export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

/** Decodes the bytes of one line (terminator already removed), refusing NUL, controls and bad UTF-8. */
export function decodeLineText(line: Uint8Array): string | Pop3ProtocolError {
  for (const b of line) {
    // RFC 2449 §3: commands are printable text; NUL or a stray CR/LF would let a line smuggle another.
    if (b < 0x20 || b === 0x7f) return new Pop3ProtocolError('bad-bytes', 'Control characters are not allowed');
  }
  try {
    return utf8Strict.decode(line);
  } catch {
    return new Pop3ProtocolError('bad-bytes', 'Invalid UTF-8');
  }
}

/** Parses one command line (without CRLF). */
export function parseCommandLine(line: Uint8Array): ParseResult {
  const text = decodeLineText(line);
  if (text instanceof Pop3ProtocolError) return fail(text);
  if (text.trim().length === 0) return fail(new Pop3ProtocolError('empty-command', 'Empty command'));
  const sp = text.indexOf(' ');
  const keyword = (sp < 0 ? text : text.slice(0, sp)).toUpperCase();
  const rest = sp < 0 ? '' : text.slice(sp + 1);
  if (keyword === 'PASS') return parsePass(rest, sp >= 0);
  // RFC 2449 §3 separates arguments by one space; tolerate runs of spaces and a trailing space.
  const args = rest.split(' ').filter((a) => a.length > 0);
  return parseKeyword(keyword, args);
}

function parsePass(rest: string, hasArg: boolean): ParseResult {
  // RFC 1939 §7: PASS has exactly one argument, so spaces belong to the password.
  if (!hasArg || rest.length === 0) return fail(badArgs('PASS needs a password'));
  return done({ verb: 'PASS', password: rest });
}

function parseKeyword(keyword: string, args: string[]): ParseResult {
  switch (keyword) {
    case 'CAPA':
    case 'STLS':
    case 'STAT':
    case 'RSET':
    case 'NOOP':
    case 'QUIT':
      return args.length === 0 ? done({ verb: keyword }) : fail(badArgs(`${keyword} takes no argument`));
    case 'USER':
      return args.length === 1 ? done({ verb: 'USER', name: args[0]! }) : fail(badArgs('USER needs one name'));
    case 'APOP':
      if (args.length !== 2 || !APOP_DIGEST.test(args[1]!)) return fail(badArgs('APOP needs a name and a digest'));
      return done({ verb: 'APOP', name: args[0]!, digest: args[1]!.toLowerCase() });
    case 'AUTH':
      return parseAuth(args);
    case 'LIST':
    case 'UIDL':
      return parseOptionalMsg(keyword, args);
    case 'RETR':
    case 'DELE':
      return parseMsg(keyword, args);
    case 'TOP':
      return parseTop(args);
    default:
      return fail(new Pop3ProtocolError('unknown-command', 'Unknown command'));
  }
}

function parseAuth(args: string[]): ParseResult {
  if (args.length === 0) return done({ verb: 'AUTH', mechanism: null, initialResponse: null });
  if (args.length > 2) return fail(badArgs('AUTH takes a mechanism and an optional initial response'));
  const mechanism = args[0]!.toUpperCase();
  if (!SASL_MECHANISM.test(mechanism)) return fail(badArgs('Invalid SASL mechanism name'));
  const ir = args[1];
  if (ir === undefined) return done({ verb: 'AUTH', mechanism, initialResponse: null });
  // RFC 5034 §4: "=" stands for an empty initial response.
  if (ir === '=') return done({ verb: 'AUTH', mechanism, initialResponse: '' });
  if (!isBase64(ir)) return fail(new Pop3ProtocolError('bad-base64', 'Initial response is not base64'));
  return done({ verb: 'AUTH', mechanism, initialResponse: ir });
}

function parseOptionalMsg(verb: 'LIST' | 'UIDL', args: string[]): ParseResult {
  if (args.length === 0) return done({ verb, msg: null });
  if (args.length > 1) return fail(badArgs(`${verb} takes at most one message number`));
  const msg = parseNumber(args[0]!, 1, MAX_MESSAGE_NUMBER);
  return msg === null ? fail(badNumber('Invalid message number')) : done({ verb, msg });
}

function parseMsg(verb: 'RETR' | 'DELE', args: string[]): ParseResult {
  if (args.length !== 1) return fail(badArgs(`${verb} needs one message number`));
  const msg = parseNumber(args[0]!, 1, MAX_MESSAGE_NUMBER);
  return msg === null ? fail(badNumber('Invalid message number')) : done({ verb, msg });
}

function parseTop(args: string[]): ParseResult {
  if (args.length !== 2) return fail(badArgs('TOP needs a message number and a line count'));
  const msg = parseNumber(args[0]!, 1, MAX_MESSAGE_NUMBER);
  if (msg === null) return fail(badNumber('Invalid message number'));
  // RFC 1939 §7: n is a non-negative number of lines.
  const lines = parseNumber(args[1]!, 0, MAX_TOP_LINES);
  return lines === null ? fail(badNumber('Invalid line count')) : done({ verb: 'TOP', msg, lines });
}

/** A plain decimal (no sign, no exponent, no spaces) within [min, max]; null otherwise. */
export function parseNumber(s: string, min: number, max: number): number | null {
  if (!/^[0-9]{1,12}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

function badArgs(text: string): Pop3ProtocolError {
  return new Pop3ProtocolError('bad-arguments', text);
}

function badNumber(text: string): Pop3ProtocolError {
  return new Pop3ProtocolError('bad-number', text);
}
