// The three mailbox types of the convention (seed 001 §1.4 "Tipologie di caselle in convenzione") and the
// size × recipients limit (SPEC §0 D15, seed 000 §2.3).

const MB = 1024 * 1024;
const GB = 1024 * MB;

export type MailboxTypeCode = 'A' | 'B' | 'C';

export interface MailboxType {
  code: MailboxTypeCode;
  /** Name as in the seed. */
  label: string;
  /** "dimensione spazio inbox": the mailbox quota. */
  inboxBytes: number;
  /** "dimensione spazio archivio di sicurezza". */
  archiveBytes: number;
  /** "dimensione massima del messaggio". */
  maxMessageBytes: number;
  /** "numero destinatari stesso messaggio". */
  maxRecipientsPerMessage: number;
  /** "Numero massimo messaggi giorno". */
  maxMessagesPerDay: number;
  /** "Numero massimo messaggi contemporanei". */
  maxConcurrentMessages: number;
}

/** seed 001 §1.4: every type caps one message at 50 MB. GB/MB are read as binary units (GiB/MiB). */
export const MAX_MESSAGE_BYTES = 50 * MB;

/**
 * SPEC §0 D15 / seed 000 §2.3: "la dimensione della email si ottiene moltiplicando il numero dei destinatari per la
 * dimensione totale": size × recipients above this is refused with a non accettazione.
 */
export const MAX_SIZE_TIMES_RECIPIENTS = 50 * MB;

/** seed 003 "Modificare lo spazio": the soft limit follows the quota at 80% unless set by hand. */
export const DEFAULT_SOFT_LIMIT_PERCENT = 80;

export const MAILBOX_TYPES: Readonly<Record<MailboxTypeCode, MailboxType>> = {
  A: {
    code: 'A',
    label: 'Standard',
    inboxBytes: 3 * GB,
    archiveBytes: 6 * GB,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxRecipientsPerMessage: 500,
    maxMessagesPerDay: 1000,
    maxConcurrentMessages: 50,
  },
  B: {
    code: 'B',
    label: 'Massiva base',
    inboxBytes: 5 * GB,
    archiveBytes: 10 * GB,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxRecipientsPerMessage: 1000,
    maxMessagesPerDay: 1000,
    maxConcurrentMessages: 100,
  },
  C: {
    code: 'C',
    label: 'Massiva ad alta intensità',
    inboxBytes: 12 * GB,
    archiveBytes: 24 * GB,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    maxRecipientsPerMessage: 1000,
    maxMessagesPerDay: 5000,
    maxConcurrentMessages: 600,
  },
};

export function isMailboxTypeCode(v: string): v is MailboxTypeCode {
  return v === 'A' || v === 'B' || v === 'C';
}

/** The soft limit for a quota when nobody set one by hand (rounded down to a byte). */
export function defaultSoftLimit(quotaBytes: number): number {
  return Math.floor((quotaBytes * DEFAULT_SOFT_LIMIT_PERCENT) / 100);
}
