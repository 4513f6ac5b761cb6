// Decides whether a verified signature comes from a PEC provider (SPEC §0 D8, §5.4): the index is the trust anchor.
import type { ProviderRecord, ProvidersIndex } from '../pec/providers-index.ts';
import { certInfo } from './cert-info.ts';
import type { VerifyResult } from './cms-verify.ts';

export type TrustFailure =
  | 'signature-invalid'
  | 'no-signer-certificate'
  | 'not-in-index'
  | 'key-usage'
  | 'from-mismatch'
  | 'certificate-expired';

export interface TrustDecision {
  trusted: boolean;
  provider?: string;
  /** The matched index record (its mailReceipt receives the presa in carico, SPEC §0 D4). */
  record?: ProviderRecord;
  failure?: TrustFailure;
  reason?: string;
}

export interface TrustInput {
  verify: VerifyResult;
  index: ProvidersIndex;
  /** The message's From: addr-spec (RFC 6109 §2.1: it must equal the certificate's e-mail). */
  from: string;
  /** Receipt time; the certificate must be valid at this time or at the signed signingTime (D8). */
  at: Date;
}

function within(d: Date, from: Date, to: Date): boolean {
  return d.getTime() >= from.getTime() && d.getTime() <= to.getTime();
}

function fail(failure: TrustFailure, reason: string, record?: ProviderRecord): TrustDecision {
  const d: TrustDecision = { trusted: false, failure, reason };
  if (record) {
    d.record = record;
    d.provider = record.providerName;
  }
  return d;
}

/**
 * SPEC §0 D8: require only that the SignerInfo's certificate is in the index, that its key usage allows signing,
 * that its e-mail equals From, and that it was valid at signing or receipt time. SHA-1, RSA-1024, CA:FALSE,
 * non-critical or absent key usage and a missing EKU are accepted (real 2014 Aruba certificates have all of them).
 * A From: domain outside the record's managedDomains is the caller's to log (D6), not a reason to refuse.
 */
export function decideTrust({ verify, index, from, at }: TrustInput): TrustDecision {
  if (verify.status !== 'valid') return fail('signature-invalid', verify.reason ?? 'signature does not verify');
  const signer = verify.signer;
  if (!signer) return fail('no-signer-certificate', 'the SignerInfo names no certificate in the bag');
  const record = index.findBySignerCert(signer.certDer);
  if (!record) return fail('not-in-index', `certificate SHA-1 ${signer.sha1Hex} is not in the providers' index`);
  const usage = certInfo(signer.certDer).keyUsage;
  // RFC 5280 §4.2.1.3: no KeyUsage extension means no restriction.
  if (usage && !usage.has('digitalSignature') && !usage.has('nonRepudiation')) {
    return fail('key-usage', 'key usage allows neither digitalSignature nor nonRepudiation', record);
  }
  const fromAddr = from.trim().toLowerCase();
  if (signer.email === null || signer.email !== fromAddr) {
    return fail('from-mismatch', `certificate e-mail ${signer.email ?? '(none)'} differs from From ${fromAddr}`, record);
  }
  const times = [at, ...(verify.signingTime ? [verify.signingTime] : [])];
  if (!times.some((t) => within(t, signer.notBefore, signer.notAfter))) {
    return fail('certificate-expired', `certificate valid ${signer.notBefore.toISOString()}–${signer.notAfter.toISOString()}`, record);
  }
  return { trusted: true, provider: record.providerName, record };
}
