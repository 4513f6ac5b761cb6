// Builds X.509 v3 certificates with pkijs (RFC 5280): names, validity, and the extensions our profiles need.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  countryName: '2.5.4.6',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

/** RFC 5280 §4.2.1.3 bit numbers. */
export const KEY_USAGE = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsageName = keyof typeof KEY_USAGE;

/** RFC 5280 §4.1.2.2: at most 20 octets, positive; 16 random octets with the top bit cleared. */
const SERIAL_BYTES = 16;
/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
const UTC_TIME_LAST_YEAR = 2049;

export type SubjectAltName = { email: string } | { dns: string } | { ip: string };

export interface CertSpec {
  subject: ReadonlyArray<readonly [oid: string, value: string]>;
  publicKey: CryptoKey;
  /** Issuer certificate and key; absent for a self-signed root. */
  issuer?: { cert: pkijs.Certificate; key: CryptoKey };
  /** Key that signs a self-signed certificate. */
  selfKey?: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  ca?: { pathLen: number };
  keyUsage: readonly KeyUsageName[];
  extKeyUsage?: readonly string[];
  altNames?: readonly SubjectAltName[];
}

function time(d: Date): pkijs.Time {
  return new pkijs.Time({ type: d.getUTCFullYear() > UTC_TIME_LAST_YEAR ? 1 : 0, value: d });
}

/** One attribute per RDN (C, O, CN as separate SETs): pkijs would put them all in one multi-valued RDN. */
function name(rdns: CertSpec['subject']): pkijs.RelativeDistinguishedNames {
  const sets = rdns.map(([type, value]) => {
    // RFC 5280 §4.1.2.4: countryName is PrintableString; the others UTF8String.
    const v = type === OID.countryName ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value });
    return new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value: v }).toSchema()] });
  });
  const der = new asn1js.Sequence({ value: sets }).toBER(false);
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
}

/** DER BIT STRING of the named key usages, trailing zero bits dropped (X.690 §11.2.2). */
function keyUsageBits(usages: readonly KeyUsageName[]): asn1js.BitString {
  let bits = 0;
  for (const u of usages) bits |= 0x100 >> (KEY_USAGE[u] + 1);
  const highest = Math.max(...usages.map((u) => KEY_USAGE[u]));
  return new asn1js.BitString({ valueHex: new Uint8Array([bits & 0xff]).buffer, unusedBits: 7 - highest });
}

function ipBytes(ip: string): Uint8Array<ArrayBuffer> {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new RangeError(`only IPv4 addresses are supported in subjectAltName, got ${ip}`);
  }
  return new Uint8Array(parts);
}

function generalName(n: SubjectAltName): pkijs.GeneralName {
  if ('email' in n) return new pkijs.GeneralName({ type: 1, value: n.email });
  if ('dns' in n) return new pkijs.GeneralName({ type: 2, value: n.dns });
  return new pkijs.GeneralName({ type: 7, value: new asn1js.OctetString({ valueHex: ipBytes(n.ip).buffer }) });
}

function ext(extnID: string, critical: boolean, value: { toSchema(): asn1js.AsnType } | asn1js.AsnType): pkijs.Extension {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
export async function keyIdentifier(spki: pkijs.PublicKeyInfo): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-1', new Uint8Array(spki.subjectPublicKey.valueBlock.valueHexView));
}

function randomSerial(): asn1js.Integer {
  const bytes = crypto.getRandomValues(new Uint8Array(SERIAL_BYTES));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01; // positive, and no leading zero octet to strip
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

async function extensions(spec: CertSpec, cert: pkijs.Certificate): Promise<pkijs.Extension[]> {
  const out: pkijs.Extension[] = [];
  if (spec.ca) {
    out.push(ext('2.5.29.19', true, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: spec.ca.pathLen })));
  }
  out.push(ext('2.5.29.15', true, keyUsageBits(spec.keyUsage)));
  if (spec.extKeyUsage) {
    out.push(ext('2.5.29.37', false, new pkijs.ExtKeyUsage({ keyPurposes: [...spec.extKeyUsage] })));
  }
  if (spec.altNames?.length) {
    out.push(ext('2.5.29.17', false, new pkijs.GeneralNames({ names: spec.altNames.map(generalName) })));
  }
  const ski = await keyIdentifier(cert.subjectPublicKeyInfo);
  out.push(ext('2.5.29.14', false, new asn1js.OctetString({ valueHex: ski })));
  if (spec.issuer) {
    const aki = await keyIdentifier(spec.issuer.cert.subjectPublicKeyInfo);
    const value = new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: aki }) });
    out.push(ext('2.5.29.35', false, value));
  }
  return out;
}

/** Issues (or self-signs) one certificate with SHA-256 and RSA PKCS#1 v1.5. */
export async function buildCertificate(spec: CertSpec): Promise<pkijs.Certificate> {
  const signer = spec.issuer?.key ?? spec.selfKey;
  if (!signer) throw new TypeError('buildCertificate needs an issuer or a selfKey');
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = randomSerial();
  cert.subject = name(spec.subject);
  cert.issuer = spec.issuer ? spec.issuer.cert.subject : name(spec.subject);
  cert.notBefore = time(spec.notBefore);
  cert.notAfter = time(spec.notAfter);
  await cert.subjectPublicKeyInfo.importKey(spec.publicKey);
  cert.extensions = await extensions(spec, cert);
  await cert.sign(signer, 'SHA-256');
  return cert;
}

export function certDer(cert: pkijs.Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(cert.toSchema(true).toBER(false));
}
