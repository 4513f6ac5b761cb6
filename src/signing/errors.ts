// Typed errors of the signing layer: each carries a stable code (its wire form in logs and the admin console).
export type PkiErrorCode = 'pki-incomplete' | 'pki-bad-pem' | 'pki-key-mismatch' | 'pki-address-mismatch';
export type SignErrorCode = 'sign-failed' | 'signer-closed' | 'sign-queue-full' | 'skeleton-invalid';

/** Loading or creating the provider's certificates failed; the message says which file and how to fix it. */
export class PkiError extends Error {
  override readonly name = 'PkiError';
  constructor(
    readonly code: PkiErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Producing a signature failed (bad key, closed pool, broken template). */
export class SignError extends Error {
  override readonly name = 'SignError';
  constructor(
    readonly code: SignErrorCode,
    message: string,
  ) {
    super(message);
  }
}
