// SASL PLAIN (RFC 4616) message decoding, shared by POP3 AUTH, IMAP AUTHENTICATE and SMTP AUTH.

/** RFC 4616 §2: each of authzid, authcid and passwd is at most 255 octets of UTF-8. */
export const MAX_SASL_PLAIN_FIELD_BYTES = 255;
/** Three fields and two NULs; anything longer is not PLAIN. */
export const MAX_SASL_PLAIN_MESSAGE_BYTES = 3 * MAX_SASL_PLAIN_FIELD_BYTES + 2;

export interface SaslPlainCredentials {
  /** Empty when the client did not ask to act as someone else. */
  readonly authzid: string;
  readonly authcid: string;
  readonly password: string;
}

export type SaslPlainFailure = 'not-base64' | 'too-long' | 'malformed' | 'empty-field' | 'bad-utf8' | 'authzid-mismatch';

export type SaslPlainResult =
  | { readonly ok: true; readonly credentials: SaslPlainCredentials }
  | { readonly ok: false; readonly reason: SaslPlainFailure };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the base64 PLAIN message `[authzid] NUL authcid NUL passwd` (RFC 4616 §2).
 * An authzid different from the authcid is refused: this server does not let one identity act as
 * another (a collaborator logs in as `username/mailbox@domain`, seed 000 §2.7.8, not by proxy).
 */
export function decodeSaslPlain(base64: string): SaslPlainResult {
  if (base64.length > Math.ceil(MAX_SASL_PLAIN_MESSAGE_BYTES / 3) * 4) return failure('too-long');
  if (!BASE64.test(base64)) return failure('not-base64');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const first = bytes.indexOf(0);
  const second = first < 0 ? -1 : bytes.indexOf(0, first + 1);
  if (first < 0 || second < 0 || bytes.indexOf(0, second + 1) >= 0) return failure('malformed');
  const parts = [bytes.subarray(0, first), bytes.subarray(first + 1, second), bytes.subarray(second + 1)];
  if (parts.some((p) => p.length > MAX_SASL_PLAIN_FIELD_BYTES)) return failure('too-long');
  if (parts[1]!.length === 0 || parts[2]!.length === 0) return failure('empty-field');
  let text: string[];
  try {
    text = parts.map((p) => utf8Strict.decode(p));
  } catch {
    return failure('bad-utf8');
  }
  const [authzid, authcid, password] = text as [string, string, string];
  if (authzid.length > 0 && authzid.toLowerCase() !== authcid.toLowerCase()) return failure('authzid-mismatch');
  return { ok: true, credentials: { authzid, authcid, password } };
}

/** Builds a PLAIN message (for tests and for the outbound side of the system's own clients). */
export function encodeSaslPlain(authcid: string, password: string, authzid = ''): string {
  const bytes = new TextEncoder().encode(`${authzid}\u0000${authcid}\u0000${password}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function failure(reason: SaslPlainFailure): SaslPlainResult {
  return { ok: false, reason };
}
