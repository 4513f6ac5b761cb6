// Typed errors of the raw MIME layer, carrying the SMTP enhanced status they map to on the wire.

export type MimeErrorCode = 'depth' | 'parts' | 'header-size' | 'malformed';

/**
 * Raised when a message breaks a structural limit or cannot be split at all.
 * `enhancedStatus` is the RFC 3463 code a session should answer with (X.6.0: other media error;
 * X.3.4: message too big for system), so callers never branch on message text.
 */
export class MimeError extends Error {
  override readonly name = 'MimeError';
  readonly code: MimeErrorCode;
  readonly limit: number | null;
  readonly enhancedStatus: string;

  constructor(code: MimeErrorCode, message: string, limit: number | null = null) {
    super(message);
    this.code = code;
    this.limit = limit;
    // RFC 3463 §3.7: 5.6.0 other or undefined media error; §3.4: 5.3.4 message too big.
    this.enhancedStatus = code === 'header-size' ? '5.3.4' : '5.6.0';
  }

  /** The SMTP reply a protocol session sends when this error aborts a message. */
  get smtpReply(): string {
    return `554 ${this.enhancedStatus} ${this.message}`;
  }
}
