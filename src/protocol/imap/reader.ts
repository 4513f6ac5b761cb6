// Cursor over one framed IMAP command (line segments interleaved with literal payloads): the lexical layer.
import type { ImapErrorKind } from './errors.ts';
import type { ResponseCode } from './response-types.ts';

/** A command as framed by the decoder: text lines (without CRLF) and the literals that follow `{n}` markers. */
export type Segment = { kind: 'line'; bytes: Uint8Array } | { kind: 'literal'; data: Uint8Array; binary: boolean };

/** Internal parse failure; commands.ts turns it into a tagged BAD, or a tagged NO when `refusal` is set. */
export class ParseError extends Error {
  readonly refusal: { code: ResponseCode; kind: ImapErrorKind } | undefined;
  constructor(message: string, refusal?: { code: ResponseCode; kind: ImapErrorKind }) {
    super(message);
    this.name = 'ParseError';
    this.refusal = refusal;
  }
}

const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const utf8 = new TextDecoder('utf-8');

// RFC 9051 §9: atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
function isAtomChar(c: number): boolean {
  if (c <= 0x1f || c === 0x7f || c >= 0x80) return false;
  return !(c === 0x28 || c === 0x29 || c === 0x7b || c === SP || c === 0x25 || c === 0x2a || c === DQUOTE || c === BACKSLASH || c === 0x5d);
}
/** ASTRING-CHAR = ATOM-CHAR / resp-specials; 8-bit accepted for UTF-8 mailbox names (RFC 6855 §3). */
export function isAstringChar(c: number): boolean {
  return isAtomChar(c) || c === 0x5d || c >= 0x80;
}
/** list-char = ATOM-CHAR / list-wildcards / resp-specials (RFC 9051 §9). */
function isListChar(c: number): boolean {
  return isAstringChar(c) || c === 0x25 || c === 0x2a;
}

function upper(c: number): number {
  return c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
}

export class Reader {
  private seg = 0;
  private pos = 0;
  constructor(private readonly segments: Segment[]) {}

  private line(): Uint8Array {
    const s = this.segments[this.seg];
    if (!s || s.kind !== 'line') throw new ParseError('Internal: not on a line segment');
    return s.bytes;
  }

  /** Current byte, or -1 at the end of the current line. */
  peek(offset = 0): number {
    const l = this.line();
    return this.pos + offset < l.length ? (l[this.pos + offset] as number) : -1;
  }
  advance(n = 1): void {
    this.pos += n;
  }
  /** True at the end of the whole command. */
  atEnd(): boolean {
    return this.seg === this.segments.length - 1 && this.pos >= this.line().length;
  }
  expectEnd(): void {
    if (!this.atEnd()) throw new ParseError('Unexpected extra arguments');
  }
  sp(): void {
    if (this.peek() !== SP) throw new ParseError('Expected space');
    this.pos++;
  }
  /** Consumes one space if present. */
  trySp(): boolean {
    if (this.peek() !== SP) return false;
    this.pos++;
    return true;
  }
  expectChar(ch: string): void {
    if (this.peek() !== ch.charCodeAt(0)) throw new ParseError(`Expected "${ch}"`);
    this.pos++;
  }
  tryChar(ch: string): boolean {
    if (this.peek() !== ch.charCodeAt(0)) return false;
    this.pos++;
    return true;
  }

  private takeWhile(pred: (c: number) => boolean): string {
    const l = this.line();
    const start = this.pos;
    while (this.pos < l.length && pred(l[this.pos] as number)) this.pos++;
    return utf8.decode(l.subarray(start, this.pos));
  }

  /** Fetch/search attribute names: letters, digits, ".", "-" (stops before "[" and "<"). */
  word(): string {
    const w = this.takeWhile((c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d);
    if (w === '') throw new ParseError('Expected keyword');
    return w;
  }

  atom(): string {
    const a = this.takeWhile(isAtomChar);
    if (a === '') throw new ParseError('Expected atom');
    return a;
  }
  /** Reads an atom if one starts here, else returns ''. */
  tryAtom(): string {
    return this.takeWhile(isAtomChar);
  }
  number(): number {
    const d = this.takeWhile((c) => c >= 0x30 && c <= 0x39);
    if (d === '' || d.length > 10) throw new ParseError('Expected number');
    const n = Number(d);
    if (n > 0xffffffff) throw new ParseError('Number out of range');
    return n;
  }
  nzNumber(): number {
    const n = this.number();
    if (n === 0) throw new ParseError('Expected non-zero number');
    return n;
  }
  /** mod-sequence-value (RFC 7162 §7): 1*DIGIT up to 2^63-1. */
  number64(): bigint {
    const d = this.takeWhile((c) => c >= 0x30 && c <= 0x39);
    if (d === '' || d.length > 19) throw new ParseError('Expected 63-bit number');
    const n = BigInt(d);
    if (n > 0x7fffffffffffffffn) throw new ParseError('Number out of range');
    return n;
  }

  /** Raw bytes of a quoted string or literal. */
  stringBytes(): Uint8Array {
    const c = this.peek();
    if (c === DQUOTE) return this.quoted();
    if (c === 0x7b || (c === 0x7e && this.peek(1) === 0x7b)) return this.literal().data;
    throw new ParseError('Expected string');
  }
  string(): string {
    return utf8.decode(this.stringBytes());
  }
  astring(): string {
    const c = this.peek();
    if (c === DQUOTE || c === 0x7b || (c === 0x7e && this.peek(1) === 0x7b)) return this.string();
    const a = this.takeWhile(isAstringChar);
    if (a === '') throw new ParseError('Expected astring');
    return a;
  }
  nstring(): string | null {
    if (this.tryKeyword('NIL')) return null;
    return this.string();
  }
  /** list-mailbox = 1*list-char / string. */
  listMailbox(): string {
    const c = this.peek();
    if (c === DQUOTE || c === 0x7b) return this.string();
    const a = this.takeWhile(isListChar);
    if (a === '') throw new ParseError('Expected mailbox pattern');
    return a;
  }

  /** Case-insensitive keyword not followed by another atom char. */
  tryKeyword(word: string): boolean {
    const l = this.line();
    if (this.pos + word.length > l.length) return false;
    for (let i = 0; i < word.length; i++) {
      if (upper(l[this.pos + i] as number) !== upper(word.charCodeAt(i))) return false;
    }
    const after = this.pos + word.length < l.length ? (l[this.pos + word.length] as number) : -1;
    if (after !== -1 && isAtomChar(after) && isAtomChar(word.charCodeAt(word.length - 1))) return false;
    this.pos += word.length;
    return true;
  }

  private quoted(): Uint8Array {
    const l = this.line();
    this.pos++; // opening DQUOTE
    const out: number[] = [];
    while (this.pos < l.length) {
      const c = l[this.pos++] as number;
      if (c === DQUOTE) return Uint8Array.from(out);
      if (c === BACKSLASH) {
        const e = this.pos < l.length ? (l[this.pos++] as number) : -1;
        // RFC 9051 §9 quoted-specials: only \" and \\ are escapes.
        if (e !== DQUOTE && e !== BACKSLASH) throw new ParseError('Invalid escape in quoted string');
        out.push(e);
      } else if (c === 0x0d || c === 0x0a || c === 0) {
        throw new ParseError('Invalid character in quoted string');
      } else out.push(c);
    }
    throw new ParseError('Unterminated quoted string');
  }

  /** `{n}` / `{n+}` / `~{n}` at the end of a line, then the literal segment the decoder attached. */
  literal(): { data: Uint8Array; binary: boolean } {
    const binary = this.tryChar('~');
    this.expectChar('{');
    const n = this.number();
    this.tryChar('+');
    this.expectChar('}');
    if (this.pos !== this.line().length) throw new ParseError('Literal marker must end the line');
    const lit = this.segments[this.seg + 1];
    const next = this.segments[this.seg + 2];
    if (!lit || lit.kind !== 'literal' || lit.data.length !== n || !next) throw new ParseError('Missing literal');
    this.seg += 2;
    this.pos = 0;
    return { data: lit.data, binary };
  }
}
