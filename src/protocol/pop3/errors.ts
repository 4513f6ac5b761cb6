// Typed POP3 codec errors; each carries the -ERR reply that the session sends back (CONVENTIONS 8).
import { encodeStatus, type Pop3ResponseCode, type Pop3Status } from './encoder.ts';

export type Pop3ErrorKind =
  /** A command line longer than the tolerated limit; the rest of the line is discarded. */
  | 'line-too-long'
  /** An AUTH continuation line longer than its limit. */
  | 'sasl-too-long'
  /** More pipelined input buffered than the decoder holds: the session must close. */
  | 'buffer-overflow'
  | 'empty-command'
  | 'unknown-command'
  /** Wrong number of arguments for the keyword. */
  | 'bad-arguments'
  /** A message number or line count that is not a decimal in range. */
  | 'bad-number'
  /** Bytes that cannot appear in a POP3 command: NUL, controls, or invalid UTF-8. */
  | 'bad-bytes'
  /** A SASL response or initial response that is not base64. */
  | 'bad-base64';

/** Errors after which the session cannot go on reading the stream safely. */
const FATAL: ReadonlySet<Pop3ErrorKind> = new Set<Pop3ErrorKind>(['buffer-overflow']);

export class Pop3ProtocolError extends Error {
  override readonly name = 'Pop3ProtocolError';
  readonly reply: Pop3Status;

  constructor(
    readonly kind: Pop3ErrorKind,
    text: string,
    code?: Pop3ResponseCode,
  ) {
    super(`${kind}: ${text}`);
    this.reply = { ok: false, text, code };
  }

  /** True when the session must answer and then close the connection. */
  get fatal(): boolean {
    return FATAL.has(this.kind);
  }

  /** The -ERR line, CRLF included. */
  toWire(): Uint8Array {
    return encodeStatus(this.reply);
  }
}
