// The local copy of the providers' index on disk (SPEC §5.5): `<data>/index/<name>.ldif` records imported with
// `pec index import`, each with the CA that issued the peer's certificates (`<name>.ca.pem`: it validates the peer's
// TLS certificate on private routes), plus our own record built from our signing certificate and PEC domains.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownRecord, recordsFromLdif, recordsToLdif, ProvidersIndex, type ProviderRecord } from '../pec/providers-index.ts';
import { pemCertificates } from './pem.ts';

export const INDEX_DIR = 'index';

export class IndexImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexImportError';
  }
}

export interface OwnIndexInput {
  providerName: string;
  /** Signing certificate DER (leaf first); only the leaf signs. */
  signingChainDer: Uint8Array[];
  serviceAddress: string;
  domains: string[];
}

export function ourRecord(o: OwnIndexInput): ProviderRecord {
  return ownRecord({
    providerName: o.providerName,
    certificates: o.signingChainDer.slice(0, 1),
    mailReceipt: o.serviceAddress,
    managedDomains: o.domains,
  });
}

/** File-safe name for a provider: lowercase letters, digits and dashes. */
function fileName(providerName: string): string {
  return providerName.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'provider';
}

/** Validates an LDIF file and its CA, then writes both under `<data>/index/`; returns the records imported. */
export function importIndexRecord(dataDir: string, ldif: Uint8Array | string, caPem: string | null): ProviderRecord[] {
  const { records, rejected } = recordsFromLdif(ldif);
  if (records.length === 0) {
    const why = rejected.map((r) => `${r.dn}: ${r.reason}`).join('; ');
    throw new IndexImportError(`no valid provider record in the LDIF${why ? ` (${why})` : ''}`);
  }
  if (caPem !== null) {
    try {
      pemCertificates(caPem, 'CA file');
    } catch {
      throw new IndexImportError('the CA file holds no PEM certificate');
    }
  }
  const dir = join(dataDir, INDEX_DIR);
  mkdirSync(dir, { recursive: true });
  const base = fileName(records[0]!.providerName);
  writeFileSync(join(dir, `${base}.ldif`), recordsToLdif(records));
  if (caPem !== null) writeFileSync(join(dir, `${base}.ca.pem`), caPem);
  return records;
}

export interface IndexDir {
  records: ProviderRecord[];
  /** PEM of the CAs imported beside the records (trusted for the peers' TLS certificates). */
  caPems: string[];
}

export function loadIndexDir(dataDir: string): IndexDir {
  const dir = join(dataDir, INDEX_DIR);
  if (!existsSync(dir)) return { records: [], caPems: [] };
  const records: ProviderRecord[] = [];
  const caPems: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('.ldif')) records.push(...recordsFromLdif(readFileSync(join(dir, f))).records);
    if (f.endsWith('.ca.pem')) caPems.push(readFileSync(join(dir, f), 'utf8'));
  }
  return { records, caPems };
}

/** Our record plus every imported one. */
export function buildProvidersIndex(dataDir: string, own: OwnIndexInput): ProvidersIndex {
  return new ProvidersIndex([ourRecord(own), ...loadIndexDir(dataDir).records]);
}
