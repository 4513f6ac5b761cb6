// Resumable POP3 line decoder: bytes in, typed commands or SASL continuation lines out (CONVENTIONS 1).
import { isBase64, parseCommandLine, type Pop3Command } from './commands.ts';
import { Pop3ProtocolError } from './errors.ts';

/** RFC 2449 §4: a command line is at most 255 octets including CRLF. */
export const MAX_LINE_BYTES = 255;
/**
 * What is actually enforced for command lines. Real clients exceed 255 with long collaborator logins
 * (`username/mailbox@domain`) and AUTH PLAIN initial responses, so be tolerant up to this.
 */
export const TOLERATED_LINE_BYTES = 1024;
/**
 * RFC 5034 §4 lets a response that does not fit on the AUTH line travel as a continuation line;
 * PLAIN needs at most ~1 KB, so this bounds it generously.
 */
export const MAX_SASL_LINE_BYTES = 8192;
/** Pipelined input held at most (RFC 2449 §6.6 PIPELINING); past this the session must close. */
export const MAX_BUFFERED_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;

export type SaslLine =
  /** RFC 5034 §4: a base64 client response ('' for an empty line). */
  | { readonly kind: 'response'; readonly base64: string }
  /** RFC 5034 §4: `*` cancels the exchange; the server answers -ERR. */
  | { readonly kind: 'cancel' };

export type DecodeEvent =
  | { readonly kind: 'command'; readonly command: Pop3Command }
  | { readonly kind: 'sasl'; readonly line: SaslLine }
  | { readonly kind: 'need-more' }
  | { readonly kind: 'error'; readonly error: Pop3ProtocolError };

const NEED_MORE: DecodeEvent = { kind: 'need-more' };

export class Pop3Decoder {
  private buf = new Uint8Array(1024);
  private start = 0;
  private end = 0;
  /** Where the search for LF resumes, so a line arriving byte by byte costs O(n), not O(n^2). */
  private scanFrom = 0;
  /** True while dropping the rest of an over-long line. */
  private discarding = false;
  private expectSasl = false;
  private overflowed = false;

  /** Bytes received and not yet decoded. */
  get bufferedBytes(): number {
    return this.end - this.start;
  }

  push(bytes: Uint8Array): void {
    if (this.overflowed || bytes.length === 0) return;
    if (this.bufferedBytes + bytes.length > MAX_BUFFERED_BYTES) {
      this.overflowed = true;
      return;
    }
    this.ensureRoom(bytes.length);
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** The next line is an AUTH continuation (after the server sent `+ `), not a command. */
  expectSaslResponse(): void {
    this.expectSasl = true;
  }

  /**
   * Drops everything buffered and returns how many bytes that was. Called when STLS is accepted:
   * plaintext pipelined after STLS must not be executed inside the TLS session (RFC 2595 §4,
   * the STARTTLS command-injection class of bugs, CVE-2011-0411).
   */
  discardBuffered(): number {
    const n = this.bufferedBytes;
    this.start = this.end = this.scanFrom = 0;
    this.discarding = false;
    this.expectSasl = false;
    return n;
  }

  next(): DecodeEvent {
    if (this.overflowed) {
      return { kind: 'error', error: new Pop3ProtocolError('buffer-overflow', 'Too much pipelined input', 'SYS/TEMP') };
    }
    for (;;) {
      const lf = this.buf.subarray(this.scanFrom, this.end).indexOf(LF);
      const limit = this.expectSasl ? MAX_SASL_LINE_BYTES : TOLERATED_LINE_BYTES;
      if (lf < 0) return this.waitForLineEnd(limit);
      const lfAt = this.scanFrom + lf;
      const lineEnd = lfAt > this.start && this.buf[lfAt - 1] === CR ? lfAt - 1 : lfAt;
      const line = this.buf.slice(this.start, lineEnd);
      this.start = this.scanFrom = lfAt + 1;
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      // The limit counts the CRLF (RFC 2449 §4); a bare LF is tolerated and counted as two octets.
      if (line.length + 2 > limit) return this.tooLong();
      return this.decodeLine(line);
    }
  }

  private waitForLineEnd(limit: number): DecodeEvent {
    this.scanFrom = this.end;
    if (this.discarding) {
      this.start = this.scanFrom = this.end = 0;
      return NEED_MORE;
    }
    // A CR may still be followed by LF, so the partial line can reach limit - 1 octets before failing.
    if (this.end - this.start > limit - 1) {
      this.start = this.scanFrom = this.end = 0;
      this.discarding = true;
      return this.tooLong();
    }
    return NEED_MORE;
  }

  private tooLong(): DecodeEvent {
    if (this.expectSasl) {
      this.expectSasl = false;
      return { kind: 'error', error: new Pop3ProtocolError('sasl-too-long', 'SASL response too long') };
    }
    return { kind: 'error', error: new Pop3ProtocolError('line-too-long', 'Command line too long') };
  }

  private decodeLine(line: Uint8Array): DecodeEvent {
    if (this.expectSasl) {
      this.expectSasl = false;
      return decodeSaslLine(line);
    }
    const parsed = parseCommandLine(line);
    return parsed.ok ? { kind: 'command', command: parsed.command } : { kind: 'error', error: parsed.error };
  }

  private ensureRoom(extra: number): void {
    if (this.end + extra <= this.buf.length) return;
    const live = this.end - this.start;
    if (live + extra <= this.buf.length && this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end);
    } else {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, live + extra));
      bigger.set(this.buf.subarray(this.start, this.end), 0);
      this.buf = bigger;
    }
    this.scanFrom -= this.start;
    this.end = live;
    this.start = 0;
  }
}

function decodeSaslLine(line: Uint8Array): DecodeEvent {
  const text = new TextDecoder('latin1').decode(line).trim();
  if (text === '*') return { kind: 'sasl', line: { kind: 'cancel' } };
  if (!isBase64(text)) {
    return { kind: 'error', error: new Pop3ProtocolError('bad-base64', 'SASL response is not base64') };
  }
  return { kind: 'sasl', line: { kind: 'response', base64: text } };
}
