// The PEC points' messages (JSON: raw bytes travel as blob hashes) and the actor names they are addressed to.
import { addressKey } from '../../src/mime/addresses.ts';
import type { SubmissionRequest } from './ports.ts';

/**
 * Shards of the punto di ricezione: incoming messages are processed in parallel across shards. A shard handles one
 * busta at a time and each waits on a signature and a blob fsync (~80 ms under load in bench/pec.ts), so 8 shards
 * allowed ~100 msg/s at most. The claim on pec_ricezioni, not the shard, makes a duplicate harmless: the count is
 * only a width.
 */
export const PUNTO_RICEZIONE_SHARDS = 64;

export const puntoAccessoName = (sender: string) => `punto-accesso:${addressKey(sender)}`;
export const puntoConsegnaName = (recipient: string) => `punto-consegna:${addressKey(recipient)}`;
export const outboundName = (domain: string) => `outbound:${addressKey(domain)}`;

/** Persisted timers of the 12 h / 24 h deadlines, per transaction and certificato recipient (SPEC §5.7). */
export const timer12h = (identificativo: string, rcpt: string) => `pec-12h:${identificativo}:${rcpt}`;
export const timer24h = (identificativo: string, rcpt: string) => `pec-24h:${identificativo}:${rcpt}`;

/** FNV-1a over the blob hash: the same message always lands on the same shard (duplicates queue behind it). */
export function puntoRicezioneName(blobHash: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < blobHash.length; i++) h = Math.imul(h ^ blobHash.charCodeAt(i), 0x01000193) >>> 0;
  return `punto-ricezione:${h % PUNTO_RICEZIONE_SHARDS}`;
}

/** The receipt kinds the sender side acts on (accettazione and non-accettazione are only ever ours). */
export type KindRicevuta = 'presa-in-carico' | 'avvenuta-consegna' | 'errore-consegna' | 'rilevazione-virus' | 'preavviso-errore-consegna';

export interface RicevutaInfo {
  kind: KindRicevuta;
  identificativo: string;
  /** The receipt's own Message-ID (a redelivered receipt is recognised by it). */
  messageId: string;
  blobHash: string;
  size: number;
  /** `<consegna>` (one) or `<ricezione>` (presa in carico, several). */
  destinatari: string[];
  erroreEsteso?: string;
  /** errore="virus" (errore-consegna per virus from a peer, or rilevazione virus). */
  virus: boolean;
  /** The provider that signed it (PEC log `gestore`). */
  provider: string;
  receivedAt: number;
}

/** The verdict on an arriving message's signature (SPEC §5.4), computed before the SMTP reply. */
export interface Verdict {
  /** Made by this provider and handed over inside the process (RFC 6109 §3.4 same-domain traffic). */
  internal: boolean;
  signature: 'valid' | 'invalid' | 'absent';
  trusted: boolean;
  provider?: string;
  mailReceipt?: string;
  managedDomains?: string[];
  signer?: string | null;
  digest?: string | null;
  reason?: string;
}

export type PuntoAccessoMsg =
  | { type: 'submit'; req: SubmissionRequest }
  | { type: 'ricevuta'; ricevuta: RicevutaInfo }
  | { type: 'scadenza'; fase: '12h' | '24h'; identificativo: string; destinatario: string }
  /** Outbound result for an esterno recipient (no receipt will ever come for it, SPEC §5.6). */
  | { type: 'esito-inoltro'; identificativo: string; destinatario: string; ok: boolean; detail?: string };

export interface IncomingMsg {
  type: 'incoming';
  blobHash: string;
  size: number;
  mailFrom: string;
  rcptTo: string[];
  remote: string;
  tls: boolean;
  receivedAt: number;
  verdict: Verdict;
  /** Refused at SMTP time (SPEC §0 D7, ordinary mail by policy): only recorded and logged. */
  refused?: string;
}
export type PuntoRicezioneMsg = IncomingMsg;

export interface ConsegnaRequest {
  type: 'consegna';
  identificativo: string;
  /** The busta di trasporto, stored unmodified (RFC 6109 §2.2.3). */
  blobHash: string;
  size: number;
  /** Envelope MAIL FROM: where the receipt goes (SPEC §0 D4). */
  mailFrom: string;
  recipient: string;
  provider: string;
  receivedAt: number;
}
export type PuntoConsegnaMsg = ConsegnaRequest | { type: 'release-held' };

export type OutboundKind = 'busta' | 'ricevuta' | 'ordinaria';
export type OutboundMsg =
  | { type: 'enqueue'; id: string; kind: OutboundKind; identificativo: string | null; blobHash: string; mailFrom: string; rcptTo: string[] }
  | { type: 'attempt'; id: string };
