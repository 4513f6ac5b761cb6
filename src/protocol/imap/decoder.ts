// Resumable IMAP command decoder: frames bytes into commands (lines + literals) and parses them (CONVENTIONS 1).
import { decodeBase64Strict } from './base64.ts';
import { ByteQueue } from './byte-queue.ts';
import type { ImapCommand } from './command-types.ts';
import { parseCommand } from './commands.ts';
import { ImapProtocolError } from './errors.ts';
import { scanLine, readTag, readVerb, type LiteralMarker } from './line-scan.ts';
import type { Segment } from './reader.ts';
import type { ImapResponse } from './response-types.ts';
import {
  MAX_LINE_BYTES,
  MAX_LITERAL_BYTES,
  MAX_LITERALS_PER_COMMAND,
  MAX_NESTING,
  MAX_NONSYNC_LITERAL_MINUS_BYTES,
} from './limits.ts';

export type DecodeResult =
  | { kind: 'command'; command: ImapCommand }
  | { kind: 'need-more' }
  /** A synchronising literal is announced: send `+ ...` (or reject it with a tagged NO and call rejectLiteral()). */
  | { kind: 'continuation-needed'; size: number; tag: string | undefined; verb: string | undefined }
  /** Send `response`; if `fatal`, close the connection afterwards. */
  | { kind: 'error'; tag?: string; response: ImapResponse; fatal: boolean; error: ImapProtocolError }
  /** In IDLE mode the client sent DONE (RFC 2177 §3); the decoder is back in command mode. */
  | { kind: 'idle-done' }
  /** In AUTHENTICATE mode: the client's decoded SASL response line (RFC 9051 §6.2.2). */
  | { kind: 'auth-response'; data: Uint8Array };

export interface DecoderOptions {
  maxLineBytes?: number;
  maxLiteralBytes?: number;
  maxNesting?: number;
  /** Server advertises LITERAL- instead of LITERAL+: non-synchronising literals are capped at 4096 (RFC 7888 §4). */
  literalMinus?: boolean;
  /** Mailbox names are UTF-8 (IMAP4rev2 or UTF8=ACCEPT enabled) instead of modified UTF-7. */
  utf8Names?: boolean;
}

type Mode = { kind: 'command' } | { kind: 'idle'; tag: string } | { kind: 'auth'; tag: string } | { kind: 'closed' };

interface Pending {
  tag: string | undefined;
  /** Upper-case command name read from the first line, so the session can vet a literal before "+" (APPEND size). */
  verb: string | undefined;
  segments: Segment[];
  textBytes: number;
  literals: number;
  depth: number;
  awaiting?: LiteralMarker & { announced: boolean };
  /** An error was already reported: swallow the rest of this command. */
  discarding: boolean;
}

export class ImapDecoder {
  private readonly queue = new ByteQueue();
  private mode: Mode = { kind: 'command' };
  private pending: Pending | null = null;
  private skipBytes = 0;
  private readonly maxLineBytes: number;
  private maxLiteralBytes: number;
  private readonly maxNesting: number;
  private readonly literalMinus: boolean;
  private utf8Names: boolean;

  constructor(options: DecoderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.maxLiteralBytes = options.maxLiteralBytes ?? MAX_LITERAL_BYTES;
    this.maxNesting = options.maxNesting ?? MAX_NESTING;
    this.literalMinus = options.literalMinus ?? false;
    this.utf8Names = options.utf8Names ?? false;
  }

  push(bytes: Uint8Array): void {
    if (this.mode.kind !== 'closed') this.queue.push(bytes);
  }

  /** Per-session literal cap (e.g. the APPEND size limit). */
  setMaxLiteralBytes(n: number): void {
    this.maxLiteralBytes = n;
  }
  /** Call after ENABLE IMAP4rev2 / UTF8=ACCEPT (RFC 9051 §6.3.1, RFC 6855 §3). */
  setUtf8Names(on: boolean): void {
    this.utf8Names = on;
  }
  /** After sending `+ idling` for IDLE `tag`: the next line must be DONE. */
  enterIdle(tag: string): void {
    this.mode = { kind: 'idle', tag };
  }
  /** After sending an AUTHENTICATE challenge for `tag`: the next line is the client's base64 response. */
  expectAuthResponse(tag: string): void {
    this.mode = { kind: 'auth', tag };
  }
  /** The session refused a synchronising literal (tagged NO sent instead of "+"): the client abandons the command. */
  rejectLiteral(): void {
    if (this.pending?.awaiting?.sync) this.pending = null;
  }
  /** STARTTLS: plaintext pipelined after the command must be dropped (RFC 9051 §6.2.1, CVE-2011-0411 class). */
  discardBuffered(): number {
    return this.queue.clear();
  }
  /** Bytes received and not yet consumed. */
  get buffered(): number {
    return this.queue.length;
  }

  next(): DecodeResult {
    switch (this.mode.kind) {
      case 'closed':
        return { kind: 'need-more' };
      case 'idle':
        return this.nextIdle(this.mode.tag);
      case 'auth':
        return this.nextAuth(this.mode.tag);
      case 'command':
        return this.nextCommand();
    }
  }

  private nextCommand(): DecodeResult {
    for (;;) {
      if (this.skipBytes > 0) {
        const k = Math.min(this.skipBytes, this.queue.length);
        this.queue.skip(k);
        this.skipBytes -= k;
        if (this.skipBytes > 0) return { kind: 'need-more' };
      }
      const p = this.pending;
      if (p?.awaiting) {
        const a = p.awaiting;
        if (a.sync && !a.announced) {
          a.announced = true;
          return { kind: 'continuation-needed', size: a.size, tag: p.tag, verb: p.verb };
        }
        if (this.queue.length < a.size) return { kind: 'need-more' };
        p.segments.push({ kind: 'literal', data: this.queue.take(a.size), binary: a.binary });
        delete p.awaiting;
        continue;
      }
      const line = this.readLine(p?.textBytes ?? 0);
      if (!(line instanceof Uint8Array)) return line;
      if (!p && line.length === 0) continue; // stray CRLF between commands
      const result = this.acceptLine(p ?? this.open(line), line);
      if (result) return result;
    }
  }

  private open(line: Uint8Array): Pending {
    this.pending = { tag: readTag(line), verb: readVerb(line), segments: [], textBytes: 0, literals: 0, depth: 0, discarding: false };
    return this.pending;
  }

  /** Adds one line to the pending command; returns a result when the command completes or fails. */
  private acceptLine(p: Pending, line: Uint8Array): DecodeResult | null {
    p.textBytes += line.length;
    const scan = scanLine(line, p.depth, this.maxNesting);
    p.depth = scan.depth;
    if (p.discarding) return this.discard(p, scan.literal);
    if (scan.tooDeep) {
      return this.fail(p, scan.literal, ImapProtocolError.bad(p.tag, 'Too deeply nested', 'nesting-too-deep'));
    }
    p.segments.push({ kind: 'line', bytes: line });
    const lit = scan.literal;
    if (!lit) {
      this.pending = null;
      return this.parse(p);
    }
    if (++p.literals > MAX_LITERALS_PER_COMMAND) {
      return this.fail(p, lit, ImapProtocolError.bad(p.tag, 'Too many literals', 'too-many-literals', { kind: 'LIMIT' }));
    }
    if (lit.size > this.maxLiteralBytes) {
      if (!lit.sync) {
        // The client is already sending the bytes and we will not buffer them: resynchronising is impossible.
        this.mode = { kind: 'closed' };
        return this.errorResult(ImapProtocolError.bye('Literal too large', 'literal-too-large', { kind: 'TOOBIG' }));
      }
      return this.fail(p, lit, ImapProtocolError.bad(p.tag, 'Literal too large', 'literal-too-large', { kind: 'TOOBIG' }));
    }
    if (!lit.sync && this.literalMinus && lit.size > MAX_NONSYNC_LITERAL_MINUS_BYTES) {
      // RFC 7888 §4: tagged BAD; the literal is read and dropped so the stream stays in sync.
      const err = ImapProtocolError.bad(p.tag, 'Non-synchronizing literal too large', 'literal-too-large', { kind: 'TOOBIG' });
      return this.fail(p, lit, err);
    }
    p.awaiting = { ...lit, announced: false };
    return null;
  }

  private parse(p: Pending): DecodeResult {
    try {
      return { kind: 'command', command: parseCommand(p.segments, { utf8Names: this.utf8Names }) };
    } catch (e) {
      if (e instanceof ImapProtocolError) return this.errorResult(e);
      throw e;
    }
  }

  /** Reports `err` once and swallows the rest of the command (skipping a trailing non-synchronising literal). */
  private fail(p: Pending, lit: LiteralMarker | undefined, err: ImapProtocolError): DecodeResult {
    p.discarding = true;
    this.discard(p, lit);
    return this.errorResult(err);
  }

  private discard(p: Pending, lit: LiteralMarker | undefined): null {
    if (lit && !lit.sync) this.skipBytes = lit.size; // the client sends it regardless
    else this.pending = null; // no literal, or a synchronising one the client will not send after our BAD
    void p;
    return null;
  }

  private errorResult(error: ImapProtocolError): DecodeResult {
    const tag = error.tag;
    return { kind: 'error', ...(tag !== undefined ? { tag } : {}), response: error.response, fatal: error.fatal, error };
  }

  /** One line without its CRLF (bare LF tolerated), or need-more, or the fatal line-length error. */
  private readLine(usedBytes: number): Uint8Array | DecodeResult {
    const budget = this.maxLineBytes - usedBytes;
    const lf = this.queue.indexOf(0x0a, budget + 2);
    if (lf < 0) {
      if (this.queue.length <= budget + 1) return { kind: 'need-more' };
      return this.lineTooLong();
    }
    const raw = this.queue.take(lf + 1);
    const end = lf > 0 && raw[lf - 1] === 0x0d ? lf - 1 : lf;
    if (end > budget) return this.lineTooLong();
    return raw.subarray(0, end);
  }

  private lineTooLong(): DecodeResult {
    // Without the end of the line we cannot find where the next command starts: close (RFC 9051 §7.1.5 BYE).
    this.mode = { kind: 'closed' };
    this.pending = null;
    this.queue.clear();
    return this.errorResult(ImapProtocolError.bye('Command line too long', 'line-too-long', { kind: 'LIMIT' }));
  }

  private nextIdle(tag: string): DecodeResult {
    const line = this.readLine(0);
    if (!(line instanceof Uint8Array)) return line;
    this.mode = { kind: 'command' };
    // RFC 2177 §3: the only valid input while idling is DONE.
    if (String.fromCharCode(...line).trim().toUpperCase() === 'DONE') return { kind: 'idle-done' };
    return this.errorResult(ImapProtocolError.bad(tag, 'Expected DONE', 'expected-done'));
  }

  private nextAuth(tag: string): DecodeResult {
    const line = this.readLine(0);
    if (!(line instanceof Uint8Array)) return line;
    this.mode = { kind: 'command' };
    const text = String.fromCharCode(...line).trim();
    // RFC 9051 §6.2.2: "*" cancels, and invalid base64 also rejects the command, both with tagged BAD.
    if (text === '*') return this.errorResult(ImapProtocolError.bad(tag, 'AUTHENTICATE cancelled', 'auth-cancelled'));
    const data = decodeBase64Strict(text);
    if (!data) return this.errorResult(ImapProtocolError.bad(tag, 'Invalid base64 in AUTHENTICATE response', 'bad-base64'));
    return { kind: 'auth-response', data };
  }
}
