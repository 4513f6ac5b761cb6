// The provider's own PKI: creates on first start, then loads, the CA, the signing and the TLS certificates.
//
// Replacing the generated certificates (production, or a real TLS certificate):
//   <dataDir>/pki/ holds ca.pem, ca-key.pem, signing.pem, signing-key.pem, tls.pem, tls-key.pem (PEM, keys 0600).
//   * signing.pem = the provider certificate issued by AgID CA1 (SPEC §5.3) followed by its chain, issuer last;
//     signing-key.pem = its private key (PKCS#8 or PKCS#1 PEM, unencrypted). The certificate must carry the
//     service address (posta-certificata@<domain>) as subjectAltName rfc822Name (RFC 6109 §2.1, §5.5).
//   * tls.pem / tls-key.pem = any server certificate (+ chain) for the configured host names.
//   * ca.pem = the CA(s) that peers and our own tests should trust; ca-key.pem may be removed when the CA is not ours.
//   Stop the service, replace the files, start again: files that exist are used as they are (never regenerated);
//   each key is checked against its certificate and a mismatch stops the start with a PkiError naming the file.
//   To regenerate the test PKI (e.g. after changing host names), delete the whole pki/ folder.
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { buildCertificate, certDer, OID } from './cert-builder.ts';
import { certInfo, keyMatchesCert } from './cert-info.ts';
import { PkiError } from './errors.ts';
import { certsToPem, pemCertificates, toPem } from './pem.ts';
import { PKI_FILES, pkiDir, readPkiFiles, writePkiFiles } from './pki-store.ts';
import type { PkiFileKey, PkiFiles } from './pki-store.ts';

export const CA_KEY_BITS = 3072;
export const LEAF_KEY_BITS = 2048;
const DAY_MS = 86_400_000;
export const CA_VALIDITY_DAYS = 3_652; // 10 years
/** SPEC §5.3: real provider certificates are valid 2–3 years. */
export const SIGNING_VALIDITY_DAYS = 1_095;
/** The longest validity Apple platforms accept for a TLS certificate from a private CA. */
export const TLS_VALIDITY_DAYS = 825;
/** Tolerates peers whose clocks run a little behind ours. */
export const BACKDATE_MS = 3_600_000;

export interface PkiOptions {
  dataDir: string;
  providerName: string;
  /** posta-certificata@<primary domain> (SPEC §5.3). */
  serviceAddress: string;
  hostnames: readonly string[];
  now: number;
}

export interface Credential {
  /** Leaf first, then its chain as written in the file. */
  chainDer: Uint8Array<ArrayBuffer>[];
  chainPem: string;
  keyPem: string;
}

export interface Pki {
  dir: string;
  /** True when this call generated the files. */
  created: boolean;
  caPem: string;
  caDer: Uint8Array<ArrayBuffer>[];
  signing: Credential;
  tls: Credential;
}

const REQUIRED: readonly PkiFileKey[] = ['ca', 'signing', 'signingKey', 'tls', 'tlsKey'];

export async function loadOrCreatePki(opts: PkiOptions): Promise<Pki> {
  const dir = pkiDir(opts.dataDir);
  let files = readPkiFiles(dir);
  let created = false;
  if (Object.keys(files).length === 0) {
    files = await generatePkiFiles(opts);
    writePkiFiles(dir, files as Record<PkiFileKey, string>);
    created = true;
  }
  const missing = REQUIRED.filter((k) => files[k] === undefined).map((k) => PKI_FILES[k]);
  if (missing.length > 0) {
    throw new PkiError('pki-incomplete', `${dir} is incomplete: missing ${missing.join(', ')} (delete the folder to regenerate, or add them)`);
  }
  const signing = credential(files, 'signing', 'signingKey');
  assertServiceAddress(signing.chainDer[0] as Uint8Array, opts.serviceAddress);
  return {
    dir,
    created,
    caPem: files.ca ?? '',
    caDer: pemCertificates(files.ca ?? '', PKI_FILES.ca),
    signing,
    tls: credential(files, 'tls', 'tlsKey'),
  };
}

/** RFC 6109 §2.1: From must equal the certificate's e-mail, so a certificate for another address cannot sign. */
function assertServiceAddress(leafDer: Uint8Array, serviceAddress: string): void {
  const email = certInfo(leafDer).email;
  if (email !== serviceAddress.toLowerCase()) {
    throw new PkiError(
      'pki-address-mismatch',
      `${PKI_FILES.signing} is for ${email ?? '(no e-mail)'}, the service address is ${serviceAddress} (replace the certificate, or delete the pki folder to regenerate a test one)`,
      PKI_FILES.signing,
    );
  }
}

function credential(files: PkiFiles, cert: PkiFileKey, key: PkiFileKey): Credential {
  const chainPem = files[cert] ?? '';
  const keyPem = files[key] ?? '';
  const chainDer = pemCertificates(chainPem, PKI_FILES[cert]);
  assertKeyMatches(keyPem, chainDer[0] as Uint8Array, PKI_FILES[key], PKI_FILES[cert]);
  return { chainDer, chainPem, keyPem };
}

/** A key file that does not belong to the first certificate of its chain file stops the start. */
export function assertKeyMatches(keyPem: string, leafDer: Uint8Array, keyFile: string, certFile: string): void {
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    throw new PkiError('pki-bad-pem', `${keyFile} is not a readable unencrypted private key (${(e as Error).message})`, keyFile);
  }
  if (!keyMatchesCert(key, leafDer)) {
    throw new PkiError('pki-key-mismatch', `${keyFile} does not belong to the first certificate in ${certFile}`, keyFile);
  }
}

async function rsaKeyPair(bits: number): Promise<CryptoKeyPair> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  return crypto.subtle.generateKey(alg, true, ['sign', 'verify']);
}

async function keyPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)));
}

/** Generates the CA, the signing and the TLS certificate as the six PEM files. */
export async function generatePkiFiles(opts: PkiOptions): Promise<Record<PkiFileKey, string>> {
  const [caKeys, signKeys, tlsKeys] = await Promise.all([
    rsaKeyPair(CA_KEY_BITS),
    rsaKeyPair(LEAF_KEY_BITS),
    rsaKeyPair(LEAF_KEY_BITS),
  ]);
  const notBefore = new Date(opts.now - BACKDATE_MS);
  const until = (days: number) => new Date(opts.now + days * DAY_MS);
  const ca = await buildCertificate({
    subject: [[OID.organizationName, opts.providerName], [OID.commonName, `${opts.providerName} PEC CA`]],
    publicKey: caKeys.publicKey,
    selfKey: caKeys.privateKey,
    notBefore,
    notAfter: until(CA_VALIDITY_DAYS),
    ca: { pathLen: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  const issuer = { cert: ca, key: caKeys.privateKey };
  // SPEC §5.3 / RFC 6109 §5.5: providerName in CN and O; the service address only in SAN; no BasicConstraints.
  const signing = await buildCertificate({
    subject: [[OID.organizationName, opts.providerName], [OID.commonName, opts.providerName]],
    publicKey: signKeys.publicKey,
    issuer,
    notBefore,
    notAfter: until(SIGNING_VALIDITY_DAYS),
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [OID.emailProtection],
    altNames: [{ email: opts.serviceAddress }],
  });
  const hosts = [...new Set([...opts.hostnames, 'localhost'].map((h) => h.toLowerCase()))];
  const tls = await buildCertificate({
    subject: [[OID.organizationName, opts.providerName], [OID.commonName, hosts[0] ?? 'localhost']],
    publicKey: tlsKeys.publicKey,
    issuer,
    notBefore,
    notAfter: until(TLS_VALIDITY_DAYS),
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: [OID.serverAuth],
    altNames: [...hosts.map((dns) => ({ dns })), { ip: '127.0.0.1' }],
  });
  const caDer = certDer(ca);
  return {
    ca: certsToPem([caDer]),
    caKey: await keyPem(caKeys.privateKey),
    signing: certsToPem([certDer(signing), caDer]),
    signingKey: await keyPem(signKeys.privateKey),
    tls: certsToPem([certDer(tls), caDer]),
    tlsKey: await keyPem(tlsKeys.privateKey),
  };
}
