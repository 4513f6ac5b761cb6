// The Signer port served in the calling thread: one prebuilt template, native RSA per message.
import type { Clock } from '../runtime/clock.ts';
import { certInfo } from './cert-info.ts';
import { CmsSigner } from './cms-sign.ts';
import { SignError } from './errors.ts';
import { pemCertificates } from './pem.ts';
import type { Signer } from './signer.ts';

export interface SignerOptions {
  /** Signer certificate then its chain (signing.pem). */
  chainPem: string;
  keyPem: string;
  clock: Clock;
}

/** RFC 6109 §2.1: the service address is the certificate's subjectAltName e-mail; without it nobody can check From. */
export function signerAddress(chainPem: string): string {
  const leaf = pemCertificates(chainPem)[0];
  const email = leaf ? certInfo(leaf).email : null;
  if (!email) throw new SignError('skeleton-invalid', 'the signing certificate has no e-mail address (subjectAltName rfc822Name)');
  return email;
}

export class InlineSigner implements Signer {
  readonly address: string;
  readonly chainPem: string;
  private readonly signer: CmsSigner;
  private readonly clock: Clock;
  private closed = false;

  constructor(opts: SignerOptions) {
    this.chainPem = opts.chainPem;
    this.address = signerAddress(opts.chainPem);
    this.signer = CmsSigner.fromPem(opts.chainPem, opts.keyPem);
    this.clock = opts.clock;
  }

  async signDetached(content: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new SignError('signer-closed', 'signer is closed');
    return this.signer.sign(content, this.clock.now());
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
