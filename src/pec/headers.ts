// Header fields of PEC messages: Subject prefixes, "Per conto di" From, PEC X- fields (RFC 6109 §3, App. A; SPEC §3).
import type { HeaderField } from '../mime/build.ts';
import { decodeWords, encodePhrase, encodeWords } from '../mime/encoded-words.ts';
import { angle } from './identificativo.ts';
import { rfc5322Date } from './pec-time.ts';

export const X_RICEVUTA = 'X-Ricevuta';
export const X_TRASPORTO = 'X-Trasporto';
export const X_RIFERIMENTO_MESSAGE_ID = 'X-Riferimento-Message-ID';
export const X_TIPO_RICEVUTA = 'X-TipoRicevuta';
export const X_VERIFICA_SICUREZZA = 'X-VerificaSicurezza';
export const X_MITTENTE = 'X-Mittente';

/** Subject prefixes, SPEC §3.0 (one space after "SUP.", SPEC §0 D14). */
export const PREFISSI_OGGETTO = {
  postaCertificata: 'POSTA CERTIFICATA',
  accettazione: 'ACCETTAZIONE',
  nonAccettazione: 'AVVISO DI NON ACCETTAZIONE',
  nonAccettazioneVirus: 'AVVISO DI NON ACCETTAZIONE PER VIRUS',
  presaInCarico: 'PRESA IN CARICO',
  consegna: 'CONSEGNA',
  erroreConsegna: 'AVVISO DI MANCATA CONSEGNA',
  erroreConsegnaVirus: 'AVVISO DI MANCATA CONSEGNA PER VIRUS',
  preavviso: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO',
  rilevazioneVirus: 'PROBLEMA DI SICUREZZA',
  anomalia: 'ANOMALIA MESSAGGIO',
} as const;
export type PrefissoOggetto = (typeof PREFISSI_OGGETTO)[keyof typeof PREFISSI_OGGETTO];

/**
 * SPEC §0 D14: prefix the decoded original subject and re-encode the whole; no subject gives
 * "PREFIX: " alone. Returns the header value (RFC 2047-encoded when not plain ASCII).
 */
export function oggettoConPrefisso(prefisso: PrefissoOggetto, oggetto: string | undefined): string {
  // Line breaks become spaces and other C0 controls are dropped: they have no place in a Subject.
  const clean = (oggetto ?? '').replace(/\r\n|[\r\n]/g, ' ').replace(/[\0-\x08\x0b-\x1f\x7f]/g, '');
  return encodeWords(`${prefisso}: ${clean}`);
}

/** The decoded Subject minus a PEC prefix (whitespace-insensitive, D14); null when none matches. */
export function stripPrefisso(subject: string): { prefisso: PrefissoOggetto; oggetto: string } | null {
  const decoded = decodeWords(subject);
  const byLength = Object.values(PREFISSI_OGGETTO).sort((a, b) => b.length - a.length);
  for (const p of byLength) {
    const re = new RegExp('^\\s*' + p.replace(/[.]/g, '\\.').replace(/ /g, '\\s+') + '\\s*:\\s?', 'i');
    const m = re.exec(decoded);
    if (m) return { prefisso: p, oggetto: decoded.slice(m[0].length) };
  }
  return null;
}

/** `"Per conto di: <mittente>" <service address>` (SPEC §3.1, §10 #2). */
export function perContoDi(mittente: string, serviceAddress: string): string {
  return `${encodePhrase(`Per conto di: ${mittente}`)} <${serviceAddress}>`;
}

export interface NoticeHeaderInput {
  now: number;
  offsetMinutes?: number;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  ricevuta: string;
  /** Client msgid (with or without <>); omitted when the client sent none (SPEC §0 D11). */
  msgid?: string;
  extra?: readonly HeaderField[];
}

/**
 * Header of a receipt or notice: only the fields RFC 6109 lists for the type plus Date and
 * Message-ID (MIME-Version and Content-Type are added by the S/MIME wrapper) — SPEC §0 D12.
 */
export function noticeHeaders(h: NoticeHeaderInput): HeaderField[] {
  const fields: HeaderField[] = [
    ['Date', rfc5322Date(h.now, h.offsetMinutes)],
    ['From', h.from],
    ['To', h.to],
    ['Subject', h.subject],
    ['Message-ID', angle(h.messageId)],
    [X_RICEVUTA, h.ricevuta],
  ];
  if (h.msgid) fields.push([X_RIFERIMENTO_MESSAGE_ID, angle(h.msgid)]);
  return [...fields, ...(h.extra ?? [])];
}
