// Typed IMAP codec errors that carry the exact response the server must send (CONVENTIONS 8).
import type { ImapResponse, ResponseCode } from './response-types.ts';

export type ImapErrorKind =
  | 'syntax'
  | 'unknown-command'
  | 'line-too-long'
  | 'literal-too-large'
  | 'too-many-literals'
  | 'nesting-too-deep'
  | 'bad-base64'
  | 'auth-cancelled'
  | 'expected-done'
  | 'bad-charset'
  | 'too-complex';

/** A decode/parse failure. `fatal` means: send `response` then close the connection (it is an untagged BYE). */
export class ImapProtocolError extends Error {
  readonly kind: ImapErrorKind;
  readonly response: ImapResponse;
  readonly fatal: boolean;

  constructor(kind: ImapErrorKind, response: ImapResponse, fatal = false) {
    super(response.kind === 'tagged' || response.kind === 'untagged-status' ? response.text : kind);
    this.name = 'ImapProtocolError';
    this.kind = kind;
    this.response = response;
    this.fatal = fatal;
  }

  /** The tag of the command that failed, when it could be read. */
  get tag(): string | undefined {
    return this.response.kind === 'tagged' ? this.response.tag : undefined;
  }

  /** Tagged BAD when the tag is known, else untagged BAD (RFC 9051 §7.1.3). */
  static bad(tag: string | undefined, text: string, kind: ImapErrorKind = 'syntax', code?: ResponseCode): ImapProtocolError {
    const response: ImapResponse =
      tag === undefined
        ? { kind: 'untagged-status', status: 'BAD', text, ...(code ? { code } : {}) }
        : { kind: 'tagged', tag, status: 'BAD', text, ...(code ? { code } : {}) };
    return new ImapProtocolError(kind, response);
  }

  /** Tagged NO: the command was well formed but cannot be honoured (e.g. BADCHARSET, TOOBIG). */
  static no(tag: string, text: string, kind: ImapErrorKind, code?: ResponseCode): ImapProtocolError {
    return new ImapProtocolError(kind, { kind: 'tagged', tag, status: 'NO', text, ...(code ? { code } : {}) });
  }

  /** Untagged BYE: the stream cannot be resynchronised, the session must close (RFC 9051 §7.1.5). */
  static bye(text: string, kind: ImapErrorKind, code?: ResponseCode): ImapProtocolError {
    return new ImapProtocolError(kind, { kind: 'untagged-status', status: 'BYE', text, ...(code ? { code } : {}) }, true);
  }
}
