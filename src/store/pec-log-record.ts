// The PEC log record: its fields (SPEC §5.10, §0 D17), validation, canonical form and chained hash. Pure.
import { createHash } from 'node:crypto';
import { InvalidValueError, LimitExceededError } from './errors.ts';
import { checkLength } from './limits.ts';

/** SPEC §5.10: the LogType values of a real provider's log (TMail/Actalis/Postecom). */
export const PEC_LOG_TYPES = [
  'Accettazione',
  'NonAccettazione',
  'NonAccettazioneVirus',
  'BustaTrasporto',
  'PresaInCarico',
  'Consegna',
  'MancataConsegna',
  'MancataConsegnaVirus',
  'MancataConsegna12h',
  'MancataConsegna24h',
  'RilevazioneVirus',
  'BustaAnomalia',
] as const;
export type PecLogType = (typeof PEC_LOG_TYPES)[number];

export type TipoDestinatario = 'certificato' | 'esterno';

/** What a caller appends: RFC 6109 §2.3 minimum content plus the three identifiers of SPEC §0 D17. */
export interface PecLogEntry {
  /** Time of the event, ms since the epoch. */
  at: number;
  eventType: PecLogType;
  /** The PEC msgid (SPEC §5.2): the key of every record of one transaction. */
  identificativo: string;
  /** Message-ID the client put on the original, if any (SPEC §0 D11). */
  clientMsgid: string | null;
  /** Message-ID of the message this event generated (receipt, envelope, notice). */
  generatedMessageId: string | null;
  mittente: string;
  destinatari: { addr: string; tipo: TipoDestinatario }[];
  oggetto: string | null;
  /** The sending provider (gestore) named in the event. */
  gestore: string;
  /** Outcome and extra fields: tipo_ricevuta, consegna, ricezione, errore, errore-esteso, virus, eccezioni… */
  details: Record<string, unknown>;
}

export interface PecLogRecord extends PecLogEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Hash before the first record. */
export const GENESIS_HASH = '0'.repeat(64);
export const MAX_PEC_LOG_FIELD_LENGTH = 2_048;
/** Recipients of one record: above the largest type's 1000 (seed 001 §1.4), with room for Cc. */
export const MAX_PEC_LOG_RECIPIENTS = 2_000;
export const MAX_PEC_LOG_DETAILS_LENGTH = 16_384;

export function validateEntry(e: PecLogEntry): void {
  if (!Number.isSafeInteger(e.at) || e.at < 0) throw new InvalidValueError('at', 'not a timestamp');
  if (!(PEC_LOG_TYPES as readonly string[]).includes(e.eventType)) throw new InvalidValueError('eventType', 'unknown');
  if (e.identificativo === '') throw new InvalidValueError('identificativo', 'empty');
  for (const [field, v] of [
    ['identificativo', e.identificativo], ['clientMsgid', e.clientMsgid], ['generatedMessageId', e.generatedMessageId],
    ['mittente', e.mittente], ['oggetto', e.oggetto], ['gestore', e.gestore],
  ] as const) {
    if (v !== null) checkLength('MAX_PEC_LOG_FIELD_LENGTH', MAX_PEC_LOG_FIELD_LENGTH, v);
    if (v === undefined) throw new InvalidValueError(field, 'missing');
  }
  if (e.destinatari.length > MAX_PEC_LOG_RECIPIENTS) {
    throw new LimitExceededError('MAX_PEC_LOG_RECIPIENTS', MAX_PEC_LOG_RECIPIENTS, e.destinatari.length);
  }
  for (const d of e.destinatari) {
    checkLength('MAX_PEC_LOG_FIELD_LENGTH', MAX_PEC_LOG_FIELD_LENGTH, d.addr);
    if (d.tipo !== 'certificato' && d.tipo !== 'esterno') throw new InvalidValueError('destinatari.tipo', 'certificato or esterno');
  }
  checkLength('MAX_PEC_LOG_DETAILS_LENGTH', MAX_PEC_LOG_DETAILS_LENGTH, canonicalJson(e.details));
}

/** JSON with object keys sorted at every level and no spaces: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'bigint') {
      throw new InvalidValueError('details', `${typeof value} is not JSON`);
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw new InvalidValueError('details', 'non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The canonical text a record's hash covers: every field but the hash itself, seq and prev_hash included. */
export function canonicalRecord(seq: number, prevHash: string, e: PecLogEntry): string {
  return canonicalJson({
    seq,
    prevHash,
    at: e.at,
    eventType: e.eventType,
    identificativo: e.identificativo,
    clientMsgid: e.clientMsgid,
    generatedMessageId: e.generatedMessageId,
    mittente: e.mittente,
    destinatari: e.destinatari.map((d) => ({ addr: d.addr, tipo: d.tipo })),
    oggetto: e.oggetto,
    gestore: e.gestore,
    details: e.details,
  });
}

/** SHA-256 over prev_hash, a newline, and the canonical record. */
export function recordHash(seq: number, prevHash: string, e: PecLogEntry): string {
  return createHash('sha256').update(`${prevHash}\n${canonicalRecord(seq, prevHash, e)}`).digest('hex');
}
