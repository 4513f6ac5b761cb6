// What the three PEC points and the outbound queue share: the store, the signer, the providers' index, the PEC log,
// the antivirus, and small helpers (emission context, local domains, log entries, mailbox deliveries).
import type { EventBus } from '../../src/events/bus.ts';
import type { PecLogWriter } from '../../src/events/pec-log-writer.ts';
import { addressKey } from '../../src/mime/addresses.ts';
import type { EmissionContext } from '../../src/pec/assemble.ts';
import { type RandomSource, cryptoRandom } from '../../src/pec/identificativo.ts';
import { italianOffsetMinutes } from '../../src/pec/pec-time.ts';
import type { ProvidersIndex } from '../../src/pec/providers-index.ts';
import type { Gestore, Intestazione } from '../../src/pec/types.ts';
import type { VirusScanner } from '../../src/pec/virus-scan.ts';
import type { Clock } from '../../src/runtime/clock.ts';
import type { VerifyResult } from '../../src/signing/cms-verify.ts';
import type { Signer } from '../../src/signing/signer.ts';
import type { BlobStore } from '../../src/store/blob-store.ts';
import type { Store } from '../../src/store/index.ts';
import type { PecLogEntry, PecLogType } from '../../src/store/pec-log-record.ts';
import type { PecTransactionRepo } from '../../src/store/pec-transaction-repo.ts';
import type { NewMessage } from '../../src/store/message-types.ts';
import { findHeader } from '../../src/mime/raw-tree.ts';
import { type OriginalInfo, readOriginalHeader } from '../../src/pec/original.ts';
import type { RecentReads } from './recent.ts';

export interface PecDeps {
  store: Store;
  /** store.blobs with the recently written and read blobs in memory (recent.ts): the PEC points use this one. */
  blobs: BlobStore;
  /** What readPecMessage found in recent blobs, by hash (recent.ts). */
  reads: RecentReads;
  repo: PecTransactionRepo;
  bus: EventBus;
  clock: Clock;
  signer: Signer;
  index: ProvidersIndex;
  gestore: Gestore;
  /** posta-certificata@<primary domain>: MAIL FROM of notices (SPEC §0 D12) and our mailReceipt. */
  serviceAddress: string;
  scanner: VirusScanner;
  pecLog: PecLogWriter;
  verify: (content: Uint8Array, cms: Uint8Array) => Promise<VerifyResult>;
  random?: RandomSource;
}

export function emission(d: PecDeps, now: number): EmissionContext {
  return { gestore: d.gestore, signer: d.signer, now, random: d.random ?? cryptoRandom };
}

export function domainOf(address: string): string {
  return addressKey(address.slice(address.lastIndexOf('@') + 1));
}

/** A domain this provider hosts (a PEC domain in the store); our service address counts as local. */
export function isLocalDomain(d: PecDeps, address: string): boolean {
  return d.store.domains.byName(domainOf(address)) !== undefined;
}

/** SPEC §5.10 record of an event about one transaction, with the three identifiers of D17. */
export function logEntry(
  d: PecDeps,
  at: number,
  eventType: PecLogType,
  ref: { identificativo: string; msgid?: string | null; intestazione?: Intestazione; mittente?: string; oggetto?: string | null },
  generatedMessageId: string | null,
  details: Record<string, unknown> = {},
  gestore: string = d.gestore.nome,
): PecLogEntry {
  const i = ref.intestazione;
  return {
    at,
    eventType,
    identificativo: ref.identificativo,
    clientMsgid: ref.msgid ?? null,
    generatedMessageId,
    mittente: i?.mittente ?? ref.mittente ?? '',
    destinatari: (i?.destinatari ?? []).map((x) => ({ addr: x.address, tipo: x.tipo })),
    oggetto: i?.oggetto ?? ref.oggetto ?? null,
    gestore,
    details,
  };
}

/** The Italian calendar day of an instant ("yyyy-mm-dd"): the unit of "messaggi giorno" (seed 001 §1.4). */
export function italianDay(now: number): string {
  return new Date(now + italianOffsetMinutes(now) * 60_000).toISOString().slice(0, 10);
}

/**
 * A NewMessage for the mailbox actor, its index fields read from the stored bytes' header. Only the top-level
 * header is read: every caller stores bytes we built or whose structure the PEC points already read in full.
 */
export function storedMessage(
  raw: Uint8Array,
  blobHash: string,
  now: number,
  pec: { kind: string | null; identificativo: string | null; flags?: string[] },
): NewMessage {
  let info: OriginalInfo | null = null;
  try {
    info = readOriginalHeader(raw);
  } catch {
    info = null; // an unparsable header still gets stored (never lost); the index fields stay empty
  }
  const date = info ? Date.parse(findHeader(info.headers, 'date') ?? '') : NaN;
  return {
    internalDate: now,
    size: raw.length,
    blobHash,
    subject: info?.oggetto ?? null,
    fromAddr: info?.from[0]?.address ?? null,
    toAddrs: info?.to.map((m) => m.address) ?? [],
    ccAddrs: info?.cc.map((m) => m.address) ?? [],
    dateHeader: Number.isFinite(date) ? date : now,
    messageId: info?.msgid ?? null,
    pecKind: pec.kind,
    pecIdentificativo: pec.identificativo,
    ...(pec.flags ? { flags: pec.flags } : {}),
  };
}
