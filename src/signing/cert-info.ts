// Reads what the PEC rules need from an X.509 certificate: subject, e-mail, serial, validity, key usage, hashes.
import { createHash, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { KEY_USAGE } from './cert-builder.ts';
import type { KeyUsageName } from './cert-builder.ts';

/** Short names used when rendering a DN (RFC 4514 §3 plus the e-mail attribute openssl prints). */
const DN_SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_KEY_USAGE = '2.5.29.15';
const OID_EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

export interface CertInfo {
  /** `C=IT, O=…, CN=…` in certificate order. */
  subject: string;
  /** First SAN rfc822Name, else the DN emailAddress, lowercased; null when neither exists. */
  email: string | null;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** null when the certificate has no KeyUsage extension (RFC 5280 §4.2.1.3: then any use is allowed). */
  keyUsage: ReadonlySet<KeyUsageName> | null;
  sha1Hex: string;
  sha256Hex: string;
}

export function hexOf(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('hex');
}

export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${DN_SHORT_NAMES[tv.type] ?? tv.type}=${String(tv.value.valueBlock.value ?? '')}`)
    .join(', ');
}

function sanEmail(cert: pkijs.Certificate): string | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID_SUBJECT_ALT_NAME);
  if (!ext) return null;
  const names = new pkijs.GeneralNames({ schema: asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result });
  const rfc822 = names.names.find((n) => n.type === 1);
  return rfc822 ? String(rfc822.value).toLowerCase() : null;
}

function dnEmail(cert: pkijs.Certificate): string | null {
  const tv = cert.subject.typesAndValues.find((t) => t.type === OID_EMAIL_ADDRESS);
  return tv ? String(tv.value.valueBlock.value).toLowerCase() : null;
}

function keyUsage(cert: pkijs.Certificate): Set<KeyUsageName> | null {
  const ext = cert.extensions?.find((e) => e.extnID === OID_KEY_USAGE);
  if (!ext) return null;
  const bits = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView).result;
  if (!(bits instanceof asn1js.BitString)) return new Set();
  const bytes = bits.valueBlock.valueHexView;
  const out = new Set<KeyUsageName>();
  for (const [usage, bit] of Object.entries(KEY_USAGE) as [KeyUsageName, number][]) {
    if (((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0) out.add(usage);
  }
  return out;
}

export function certInfo(der: Uint8Array): CertInfo {
  const cert = pkijs.Certificate.fromBER(new Uint8Array(der));
  return {
    subject: formatName(cert.subject),
    email: sanEmail(cert) ?? dnEmail(cert),
    serialHex: hexOf(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    keyUsage: keyUsage(cert),
    sha1Hex: createHash('sha1').update(der).digest('hex'),
    sha256Hex: createHash('sha256').update(der).digest('hex'),
  };
}

/** The private key's public half is the certificate's subjectPublicKeyInfo, byte for byte. */
export function keyMatchesCert(privateKey: KeyObject, certDer: Uint8Array): boolean {
  const fromKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const cert = pkijs.Certificate.fromBER(new Uint8Array(certDer));
  return Buffer.from(cert.subjectPublicKeyInfo.toSchema().toBER(false)).equals(fromKey);
}
