// Builds, once per signer, the DER of a detached CMS SignedData (RFC 5652) whose per-message fields sit at fixed offsets.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignError } from './errors.ts';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
const OID_CMS_ALGORITHM_PROTECTION = '1.2.840.113549.1.9.52';

export const SHA256_LENGTH = 32;
/** RFC 5652 §11.3: UTCTime `YYMMDDHHMMSSZ` for 1950–2049, the only width the template reserves. */
export const UTC_TIME_LENGTH = 13;

/** The pre-encoded ContentInfo and where each per-message field lives in it. */
export interface SignTemplate {
  der: Uint8Array<ArrayBuffer>;
  /** The signedAttrs field ([0] IMPLICIT SET OF Attribute), start inclusive, end exclusive. */
  attrsStart: number;
  attrsEnd: number;
  digestAt: number;
  timeAt: number;
  signatureAt: number;
  signatureLength: number;
}

// RFC 5754 §2: SHA-2 AlgorithmIdentifiers omit the parameters; RFC 3370 §3.2: rsaEncryption carries NULL.
const sha256Id = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 });
const rsaId = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID_RSA_ENCRYPTION, algorithmParams: new asn1js.Null() });

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** RFC 6211: binds the digest and signature algorithms into the signed attributes. */
function algorithmProtection(): asn1js.Sequence {
  const sigAlg = rsaId().toSchema() as asn1js.Sequence;
  const implicit1 = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: sigAlg.valueBlock.value });
  return new asn1js.Sequence({ value: [sha256Id().toSchema(), implicit1] });
}

/** X.690 §11.6: a DER SET OF lists its elements in ascending order of their encodings (openssl re-encodes so). */
function derSorted(attrs: pkijs.Attribute[]): pkijs.Attribute[] {
  const enc = attrs.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }));
  return enc.sort((x, y) => Buffer.compare(x.der, y.der)).map((e) => e.a);
}

/** Offset of an asn1js block's value (after tag and length) inside the buffer it was decoded from. */
function valueOffset(block: asn1js.BaseBlock, base: Uint8Array, valueLength: number): number {
  const view = block.valueBeforeDecodeView;
  return view.byteOffset - base.byteOffset + view.byteLength - valueLength;
}

/**
 * certificates: the signer first, then its chain (SPEC §0 D8: always include the issuing CA).
 * modulusBytes: the RSA key size in bytes, i.e. the exact length of every signature.
 */
export function buildSignTemplate(certificates: readonly Uint8Array[], modulusBytes: number): SignTemplate {
  const certs = certificates.map((d) => pkijs.Certificate.fromBER(new Uint8Array(d)));
  const signer = certs[0];
  if (!signer) throw new SignError('skeleton-invalid', 'a signer certificate is required');
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSorted([
      attribute(OID_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: OID_DATA })),
      attribute(OID_SIGNING_TIME, new asn1js.UTCTime({ valueDate: new Date(Date.UTC(2000, 0, 1)) })),
      attribute(OID_MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: new ArrayBuffer(SHA256_LENGTH) })),
      attribute(OID_CMS_ALGORITHM_PROTECTION, algorithmProtection()),
    ]),
  });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256Id(),
    signedAttrs,
    signatureAlgorithm: rsaId(),
    signature: new asn1js.OctetString({ valueHex: new ArrayBuffer(modulusBytes) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Id()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
  const der = new Uint8Array(contentInfo.toSchema().toBER(false));
  return locateFields(der, modulusBytes);
}

/** Decodes the template again and records the byte offsets of the fields filled per message. */
function locateFields(der: Uint8Array<ArrayBuffer>, modulusBytes: number): SignTemplate {
  // asn1js keeps, for every decoded block, a view into `der`: its offset is where the field lives.
  const root = asn1js.fromBER(der).result as asn1js.Sequence;
  const sdSeq = (root.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const infos = sdSeq.valueBlock.value[sdSeq.valueBlock.value.length - 1] as asn1js.Set;
  const info = infos.valueBlock.value[0] as asn1js.Sequence;
  const [, , , attrs, , signature] = info.valueBlock.value;
  if (!attrs || !signature) throw new SignError('skeleton-invalid', 'template lost its SignerInfo');
  const attrView = attrs.valueBeforeDecodeView;
  const out: SignTemplate = {
    der,
    attrsStart: attrView.byteOffset - der.byteOffset,
    attrsEnd: attrView.byteOffset - der.byteOffset + attrView.byteLength,
    digestAt: -1,
    timeAt: -1,
    signatureAt: valueOffset(signature, der, modulusBytes),
    signatureLength: modulusBytes,
  };
  for (const a of (attrs as asn1js.Constructed).valueBlock.value as asn1js.Sequence[]) {
    const type = (a.valueBlock.value[0] as asn1js.ObjectIdentifier).getValue();
    const value = (a.valueBlock.value[1] as asn1js.Set).valueBlock.value[0];
    if (!value) continue;
    if (type === OID_MESSAGE_DIGEST) out.digestAt = valueOffset(value, der, SHA256_LENGTH);
    if (type === OID_SIGNING_TIME) out.timeAt = valueOffset(value, der, UTC_TIME_LENGTH);
  }
  if (out.digestAt < 0 || out.timeAt < 0) throw new SignError('skeleton-invalid', 'template lacks messageDigest or signingTime');
  return out;
}
