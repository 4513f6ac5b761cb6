// Verifies a detached CMS SignedData (RFC 5652 §5.6) over given bytes; reports the signer, never decides trust.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certInfo } from './cert-info.ts';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const DIGEST_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
/** A p7s larger than this is not a provider signature (ours are ~3 KB; real ones with chains under 10 KB). */
export const MAX_CMS_BYTES = 1_048_576;

export interface SignerDetails {
  subject: string;
  email: string | null;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  certDer: Uint8Array;
  sha1Hex: string;
  sha256Hex: string;
}

export type VerifyResult = {
  status: 'valid' | 'invalid';
  digest: 'sha1' | 'sha256' | 'sha384' | 'sha512' | string;
  signer: SignerDetails | null;
  reason?: string;
  /** The signed signingTime attribute (RFC 5652 §11.3), when present. */
  signingTime?: Date;
  /** Every certificate in the CMS bag as DER, the signer's first. */
  chain: Uint8Array[];
};

function invalid(reason: string, digest = 'unknown', signer: SignerDetails | null = null, chain: Uint8Array[] = []): VerifyResult {
  return { status: 'invalid', digest, signer, reason, chain };
}

/** The certificates field ([0] IMPLICIT CertificateSet) as the exact DER bytes received, in order. */
function rawCertificates(cmsDer: Uint8Array): Uint8Array[] {
  const root = asn1js.fromBER(cmsDer).result as asn1js.Sequence;
  const sd = (root.valueBlock.value[1] as asn1js.Constructed | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const field = sd?.valueBlock.value.find((b) => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === 0) as
    | asn1js.Constructed
    | undefined;
  return (field?.valueBlock.value ?? []).map((b) => b.valueBeforeDecodeView.slice());
}

function details(der: Uint8Array): SignerDetails {
  const i = certInfo(der);
  const { subject, email, serialHex, notBefore, notAfter, sha1Hex, sha256Hex } = i;
  return { subject, email, serialHex, notBefore, notAfter, certDer: der, sha1Hex, sha256Hex };
}

interface Parsed {
  sd: pkijs.SignedData;
  digest: string;
  raw: Uint8Array[];
  signingTime?: Date;
}

const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

function signingTimeOf(si: pkijs.SignerInfo): Date | undefined {
  const attr = si.signedAttrs?.attributes.find((a) => a.type === OID_SIGNING_TIME);
  const v: unknown = attr?.values[0];
  return v instanceof asn1js.UTCTime || v instanceof asn1js.GeneralizedTime ? v.toDate() : undefined;
}

function parse(cmsDer: Uint8Array): Parsed | string {
  if (cmsDer.byteLength > MAX_CMS_BYTES) return `CMS is ${cmsDer.byteLength} bytes, above ${MAX_CMS_BYTES}`;
  try {
    const ci = pkijs.ContentInfo.fromBER(new Uint8Array(cmsDer));
    if (ci.contentType !== OID_SIGNED_DATA) return `content type ${ci.contentType} is not SignedData`;
    const sd = new pkijs.SignedData({ schema: ci.content });
    const si = sd.signerInfos[0];
    if (!si) return 'no SignerInfo';
    if (sd.encapContentInfo.eContent) return 'CMS carries its content: not a detached signature';
    const oid = si.digestAlgorithm.algorithmId;
    const parsed: Parsed = { sd, digest: DIGEST_NAMES[oid] ?? oid, raw: rawCertificates(cmsDer) };
    const signingTime = signingTimeOf(si);
    if (signingTime) parsed.signingTime = signingTime;
    return parsed;
  } catch (e) {
    return `malformed CMS: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The signer's DER (from the bag as received) first, then the rest; null when the signer is not in the bag. */
function orderChain(p: Parsed, signerCert: pkijs.Certificate | null | undefined): { signer: SignerDetails | null; chain: Uint8Array[] } {
  const idx = signerCert ? (p.sd.certificates ?? []).indexOf(signerCert) : -1;
  const signerDer = idx >= 0 ? p.raw[idx] : undefined;
  if (!signerDer) return { signer: null, chain: p.raw };
  return { signer: details(signerDer), chain: [signerDer, ...p.raw.filter((_, i) => i !== idx)] };
}

/**
 * Checks the first SignerInfo over `content` (the signed MIME entity exactly as transmitted, CRLF).
 * Handles SHA-1/SHA-2, with or without signed attributes. A digest mismatch, a bad signature or a malformed
 * structure all give status 'invalid' with a reason; nothing throws.
 */
export async function verifyDetached(content: Uint8Array, cmsDer: Uint8Array): Promise<VerifyResult> {
  const p = parse(cmsDer);
  if (typeof p === 'string') return invalid(p);
  const data = new Uint8Array(content).buffer;
  try {
    const r = await p.sd.verify({ signer: 0, data, extendedMode: true, checkChain: false });
    const { signer, chain } = safeOrder(p, r.signerCertificate ?? null);
    if (r.signatureVerified === true) {
      const ok: VerifyResult = { status: 'valid', digest: p.digest, signer, chain };
      if (p.signingTime) ok.signingTime = p.signingTime;
      return ok;
    }
    return invalid(r.message || 'signature value does not verify', p.digest, signer, chain);
  } catch (e) {
    // pkijs throws SignedDataVerifyError for a digest mismatch, a missing signer certificate, an unknown algorithm.
    const signerCert = e instanceof pkijs.SignedDataVerifyError ? e.signerCertificate : null;
    const { signer, chain } = p.raw.length > 0 ? safeOrder(p, signerCert) : { signer: null, chain: [] };
    return invalid(e instanceof Error ? e.message : String(e), p.digest, signer, chain);
  }
}

function safeOrder(p: Parsed, cert: pkijs.Certificate | null): { signer: SignerDetails | null; chain: Uint8Array[] } {
  try {
    return orderChain(p, cert);
  } catch {
    return { signer: null, chain: p.raw };
  }
}
