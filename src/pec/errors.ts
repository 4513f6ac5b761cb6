// Typed PEC errors carrying their wire form: the daticert `errore` code and an RFC 3463 enhanced status.
import type { Errore } from './types.ts';

export type PecErrorCode =
  | 'daticert-malformed'
  | 'daticert-too-large'
  | 'invalid-input'
  | 'not-seven-bit';

export class PecError extends Error {
  override readonly name = 'PecError';
  readonly code: PecErrorCode;
  /** The daticert `errore` attribute this failure maps to (DTD, SPEC §0 D1). */
  readonly errore: Errore;
  /** RFC 3463 enhanced status code for SMTP replies and `errore-esteso`. */
  readonly enhancedStatus: string;

  constructor(code: PecErrorCode, message: string, errore: Errore = 'altro', enhancedStatus = '5.6.0') {
    super(message);
    this.code = code;
    this.errore = errore;
    this.enhancedStatus = enhancedStatus;
  }
}
