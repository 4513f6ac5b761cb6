// `pec index import|export|list`: the providers' index of the data folder (SPEC §5.5). Another provider is trusted by
// importing its LDIF record and CA; `export` prints our own record in the same IGPEC shape for the other side.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordsToLdif, type ProvidersIndex } from '../pec/providers-index.ts';
import { buildProvidersIndex, importIndexRecord, ourRecord, type OwnIndexInput } from '../signing/index-files.ts';
import { pemCertificates } from '../signing/pem.ts';
import { pkiDir, PKI_FILES } from '../signing/pki-store.ts';
import type { Store } from '../store/index.ts';
import { option, positional, UsageError, type ParsedArgs } from './args.ts';

const PRIMARY_DOMAIN_SETTING = 'provider.primary_domain';

/** Our record's inputs as kept in the data folder; null before the provider's first start. */
export function ownIndexInput(dataDir: string, store: Store): OwnIndexInput | null {
  const primary = store.provider.getSetting(PRIMARY_DOMAIN_SETTING);
  let chain: Uint8Array[];
  try {
    chain = pemCertificates(readFileSync(join(pkiDir(dataDir), PKI_FILES.signing), 'utf8'));
  } catch {
    return null;
  }
  if (!primary) return null;
  return {
    providerName: store.provider.providerName() ?? primary,
    signingChainDer: chain,
    serviceAddress: store.provider.serviceAddress(primary),
    domains: store.domains.list().map((d) => d.name),
  };
}

export function dataDirIndex(dataDir: string, store: Store): ProvidersIndex {
  const own = ownIndexInput(dataDir, store);
  return own
    ? buildProvidersIndex(dataDir, own)
    : buildProvidersIndex(dataDir, { providerName: '', signingChainDer: [], serviceAddress: '', domains: [] });
}

export function runIndex(args: ParsedArgs, dataDir: string, store: Store, out: (l: string) => void): void {
  const verb = positional(args, 0, 'index command (import, export, list)');
  switch (verb) {
    case 'import': {
      const file = positional(args, 1, 'LDIF file');
      const ca = option(args, 'ca');
      const records = importIndexRecord(dataDir, readFileSync(file), ca ? readFileSync(ca, 'utf8') : null);
      for (const r of records) out(`imported ${r.providerName}: ${r.managedDomains.join(', ')} (receipts to ${r.mailReceipt})`);
      out('restart the provider to use the new records');
      return;
    }
    case 'export': {
      const own = ownIndexInput(dataDir, store);
      if (!own) throw new UsageError('no provider keys in this data folder yet: start the provider once first');
      out(recordsToLdif([ourRecord(own)]).trimEnd());
      return;
    }
    case 'list':
      for (const r of dataDirIndex(dataDir, store).records()) out(`${r.providerName}\t${r.managedDomains.join(',')}\t${r.mailReceipt}`);
      return;
    default:
      throw new UsageError(`unknown command: index ${verb}`);
  }
}
