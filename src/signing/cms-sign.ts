// The per-message signing path: copy the template, fill digest and time, sign the attributes natively, splice.
import { createHash, createPrivateKey, sign as rsaSign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { keyMatchesCert } from './cert-info.ts';
import { buildSignTemplate, SHA256_LENGTH, UTC_TIME_LENGTH } from './cms-template.ts';
import type { SignTemplate } from './cms-template.ts';
import { SignError } from './errors.ts';
import { pemCertificates } from './pem.ts';

/** RFC 5652 §11.3: signingTime must be UTCTime from 1950 through 2049; the template reserves that width only. */
export const SIGNING_TIME_FIRST_YEAR = 1950;
export const SIGNING_TIME_LAST_YEAR = 2049;

/** `YYMMDDHHMMSSZ` in ASCII (X.680 §47, DER form: seconds present, Z). */
export function utcTimeAscii(ms: number): Uint8Array {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!(year >= SIGNING_TIME_FIRST_YEAR && year <= SIGNING_TIME_LAST_YEAR)) {
    throw new SignError('sign-failed', `signingTime ${d.toISOString()} is outside UTCTime's 1950–2049 range`);
  }
  const p2 = (n: number) => String(n).padStart(2, '0');
  const text = `${p2(year % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}Z`;
  return new TextEncoder().encode(text);
}

/** Signs detached content with one key and one prebuilt template; synchronous, so a worker can run it in a loop. */
export class CmsSigner {
  private constructor(
    private readonly template: SignTemplate,
    private readonly key: KeyObject,
  ) {}

  /** chainPem: signer certificate then its chain; keyPem: its private key (RSA). */
  static fromPem(chainPem: string, keyPem: string): CmsSigner {
    const key = createPrivateKey(keyPem);
    if (key.asymmetricKeyType !== 'rsa') {
      throw new SignError('sign-failed', `signing key must be RSA, got ${String(key.asymmetricKeyType)}`);
    }
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (!bits) throw new SignError('sign-failed', 'cannot read the RSA modulus length of the signing key');
    const chain = pemCertificates(chainPem);
    if (!chain[0] || !keyMatchesCert(key, chain[0])) {
      throw new SignError('skeleton-invalid', 'the signing key does not belong to the first certificate of the chain');
    }
    return new CmsSigner(buildSignTemplate(chain, Math.ceil(bits / 8)), key);
  }

  /** A detached CMS SignedData (DER) over exactly `content`, signed at `now` (ms since the epoch). */
  sign(content: Uint8Array, now: number): Uint8Array<ArrayBuffer> {
    const t = this.template;
    const out = t.der.slice();
    const digest = createHash('sha256').update(content).digest();
    if (digest.length !== SHA256_LENGTH) throw new SignError('sign-failed', 'unexpected SHA-256 length');
    out.set(digest, t.digestAt);
    const time = utcTimeAscii(now);
    if (time.length !== UTC_TIME_LENGTH) throw new SignError('sign-failed', 'unexpected UTCTime length');
    out.set(time, t.timeAt);
    // RFC 5652 §5.4: the signature covers the DER of signedAttrs with the EXPLICIT SET OF tag (0x31), not [0].
    const attrs = out.slice(t.attrsStart, t.attrsEnd);
    attrs[0] = 0x31;
    const signature = rsaSign('sha256', attrs, this.key);
    if (signature.length !== t.signatureLength) {
      throw new SignError('sign-failed', `signature is ${signature.length} bytes, template expects ${t.signatureLength}`);
    }
    out.set(signature, t.signatureAt);
    return out;
  }
}
