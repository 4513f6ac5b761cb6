// The providers' index (IGPEC, SPEC §5.5): records from LDIF, our own record, and lookups by domain and certificate.
import { createHash } from 'node:crypto';
import { parseLdif, serializeLdif, textAttribute, textValues, values } from './ldif.ts';
import type { LdifAttribute, LdifEntry } from './ldif.ts';

export interface ProviderRecord {
  dn: string;
  providerName: string;
  /** Secondary environments (`providerUnit=<env>,providerName=…`). */
  providerUnit?: string;
  /** Hex SHA-1 of each certificate's DER, as published (case kept; compared case-insensitively). */
  providerCertificateHash: string[];
  providerCertificate: Uint8Array[];
  /** The service mailbox that receives presa in carico and rilevazione virus (RFC 6109 §2.2.5). */
  mailReceipt: string;
  managedDomains: string[];
  /** SPEC §0 D18: HTTPS only; absent in secondary-environment records. */
  ldifLocationUrl?: string;
  description?: string;
}

export interface RejectedRecord {
  dn: string;
  reason: string;
}

const OBJECT_CLASS_PROVIDER = 'provider';
const REQUIRED = ['providerName', 'providerCertificateHash', 'providerCertificate', 'mailReceipt', 'managedDomains'];

const sha1Hex = (der: Uint8Array) => createHash('sha1').update(der).digest('hex');
const sha256Hex = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');

/** SPEC §0 D18: matching is case-insensitive; a trailing root dot is not part of the name. */
export function normalizeDomain(domainOrAddress: string): string {
  const at = domainOrAddress.lastIndexOf('@');
  return domainOrAddress.slice(at + 1).trim().replace(/\.$/, '').toLowerCase();
}

function isHttps(url: string): boolean {
  return /^https:\/\/[^\s/]+/i.test(url);
}

function toRecord(e: LdifEntry): ProviderRecord | string {
  const classes = textValues(e, 'objectClass').map((c) => c.toLowerCase());
  if (!classes.includes(OBJECT_CLASS_PROVIDER)) return 'not a provider entry';
  const missing = REQUIRED.filter((a) => values(e, a).length === 0);
  if (missing.length) return `missing ${missing.join(', ')}`;
  const url = textValues(e, 'LDIFLocationURL')[0];
  const rec: ProviderRecord = {
    dn: e.dn,
    providerName: textValues(e, 'providerName')[0] ?? '',
    providerCertificateHash: textValues(e, 'providerCertificateHash').map((h) => h.trim()),
    providerCertificate: values(e, 'providerCertificate'),
    mailReceipt: textValues(e, 'mailReceipt')[0] ?? '',
    managedDomains: textValues(e, 'managedDomains').map((d) => d.trim()),
  };
  const unit = textValues(e, 'providerUnit')[0];
  if (unit !== undefined) rec.providerUnit = unit;
  if (url !== undefined && isHttps(url)) rec.ldifLocationUrl = url; // D18: a non-HTTPS location is ignored
  const description = textValues(e, 'description')[0];
  if (description !== undefined) rec.description = description;
  return rec;
}

/** Provider entries of an IGPEC LDIF; the o=postacert root and entries that lack MUST attributes are set aside. */
export function recordsFromLdif(input: string | Uint8Array): { records: ProviderRecord[]; rejected: RejectedRecord[] } {
  const records: ProviderRecord[] = [];
  const rejected: RejectedRecord[] = [];
  for (const e of parseLdif(input)) {
    const r = toRecord(e);
    if (typeof r === 'string') rejected.push({ dn: e.dn, reason: r });
    else records.push(r);
  }
  return { records, rejected };
}

/** Our own record, hashes computed from the certificates (uppercase hex, as in the RFC 6109 §4.5.10 example). */
export function ownRecord(o: {
  providerName: string;
  certificates: Uint8Array[];
  mailReceipt: string;
  managedDomains: string[];
  ldifLocationUrl?: string;
  description?: string;
}): ProviderRecord {
  if (o.ldifLocationUrl !== undefined && !isHttps(o.ldifLocationUrl)) {
    throw new RangeError(`LDIFLocationURL must be https (SPEC §0 D18): ${o.ldifLocationUrl}`);
  }
  const rec: ProviderRecord = {
    dn: `providerName=${escapeDnValue(o.providerName)},o=postacert`,
    providerName: o.providerName,
    providerCertificateHash: o.certificates.map((c) => sha1Hex(c).toUpperCase()),
    providerCertificate: o.certificates,
    mailReceipt: o.mailReceipt,
    managedDomains: o.managedDomains,
  };
  if (o.ldifLocationUrl !== undefined) rec.ldifLocationUrl = o.ldifLocationUrl;
  if (o.description !== undefined) rec.description = o.description;
  return rec;
}

/** RFC 4514 §2.4 escaping of an attribute value inside a DN. */
function escapeDnValue(v: string): string {
  return v.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

export function recordToEntry(r: ProviderRecord): LdifEntry {
  const attributes: LdifAttribute[] = [
    textAttribute('objectclass', 'top'),
    textAttribute('objectclass', OBJECT_CLASS_PROVIDER),
    ...(r.ldifLocationUrl ? [textAttribute('objectclass', 'LDIFLocationURLObject')] : []),
    textAttribute('providerName', r.providerName),
    ...(r.providerUnit !== undefined ? [textAttribute('providerUnit', r.providerUnit)] : []),
    ...r.providerCertificateHash.map((h) => textAttribute('providerCertificateHash', h)),
    // RFC 6109 §4.5: certificates travel as `providerCertificate;binary`.
    ...r.providerCertificate.map((c) => ({ name: 'providerCertificate;binary', value: c })),
    textAttribute('mailReceipt', r.mailReceipt),
    ...r.managedDomains.map((d) => textAttribute('managedDomains', d)),
    ...(r.ldifLocationUrl ? [textAttribute('LDIFLocationURL', r.ldifLocationUrl)] : []),
    ...(r.description !== undefined ? [textAttribute('description', r.description)] : []),
  ];
  return { dn: r.dn, attributes };
}

export function recordsToLdif(records: readonly ProviderRecord[]): string {
  return serializeLdif(records.map(recordToEntry));
}

/** In-memory lookups over the local copy of the index (RFC 6109 §4.5: queried per message, refreshed daily). */
export class ProvidersIndex {
  private readonly all: ProviderRecord[] = [];
  private readonly byDomain = new Map<string, ProviderRecord>();
  private readonly bySha1 = new Map<string, ProviderRecord>();
  private readonly byDer = new Map<string, ProviderRecord>();

  constructor(records: readonly ProviderRecord[] = []) {
    for (const r of records) this.add(r);
  }

  add(record: ProviderRecord): void {
    this.all.push(record);
    for (const d of record.managedDomains) this.byDomain.set(normalizeDomain(d), record);
    for (const h of record.providerCertificateHash) this.bySha1.set(h.toLowerCase(), record);
    for (const c of record.providerCertificate) this.byDer.set(sha256Hex(c), record);
  }

  get size(): number {
    return this.all.length;
  }

  records(): readonly ProviderRecord[] {
    return this.all;
  }

  /** RFC 6109 §2.2.1: a recipient is `certificato` when its domain is in some provider's managedDomains. */
  isCertificato(domainOrAddress: string): boolean {
    return this.byDomain.has(normalizeDomain(domainOrAddress));
  }

  findByDomain(domainOrAddress: string): ProviderRecord | null {
    return this.byDomain.get(normalizeDomain(domainOrAddress)) ?? null;
  }

  /**
   * SPEC §5.4 step 2: the exact DER wins; otherwise the published SHA-1 hash, unless the same record publishes a
   * different certificate with that hash (a SHA-1 collision, refused).
   */
  findBySignerCert(certDer: Uint8Array): ProviderRecord | null {
    const exact = this.byDer.get(sha256Hex(certDer));
    if (exact) return exact;
    const hash = sha1Hex(certDer);
    const rec = this.bySha1.get(hash);
    if (!rec) return null;
    const collides = rec.providerCertificate.some((c) => sha1Hex(c) === hash);
    return collides ? null : rec;
  }
}
