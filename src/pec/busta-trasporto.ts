// Busta di trasporto: the signed envelope carrying the original as postacert.eml (RFC 6109 §3.1.5, SPEC §3.1, §2.4).
import type { HeaderField } from '../mime/build.ts';
import { findHeaders } from '../mime/raw-tree.ts';
import { isSevenBitClean } from '../mime/transfer-encoding.ts';
import { type BuiltMessage, type EmissionContext, assembleSigned } from './assemble.ts';
import { PecError } from './errors.ts';
import {
  PREFISSI_OGGETTO,
  X_RIFERIMENTO_MESSAGE_ID,
  X_TIPO_RICEVUTA,
  X_TRASPORTO,
  oggettoConPrefisso,
  perContoDi,
} from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { angle } from './identificativo.ts';
import { offsetOf } from './notice.ts';
import { type OriginalInfo, readOriginal, rewriteOriginal } from './original.ts';
import { dataCertificazione, rfc5322Date } from './pec-time.ts';
import type { Daticert, Intestazione, TipoRicevuta } from './types.ts';

/** Fields copied unchanged from the original (RFC 6109 §2.1.1.2, §3.1.5). */
const INHERITED = ['received', 'return-path', 'to', 'cc', 'reply-to'] as const;

export interface BustaTrasportoInput extends EmissionContext {
  /** The message as submitted (DATA), CRLF or LF. */
  original: Uint8Array;
  /** PEC msgid allocated when the submission arrived (SPEC §0 D11); becomes the Message-ID. */
  identificativo: string;
  intestazione: Intestazione;
}

export interface BustaTrasporto extends BuiltMessage {
  /** The rewritten original carried byte for byte as postacert.eml. */
  postacert: Uint8Array;
  /** Receipt type requested (X-TipoRicevuta of the original; absent means completa). */
  ricevuta: TipoRicevuta;
  /** Client msgid with angle brackets, when the original had one. */
  msgid?: string;
}

function inheritedFields(info: OriginalInfo): HeaderField[] {
  const out: HeaderField[] = [];
  const cap = (n: string) => n.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase());
  for (const name of INHERITED) for (const v of findHeaders(info.headers, name)) out.push([cap(name), v]);
  return out;
}

/**
 * Builds and signs the envelope. Date is the transaction instant, the same as the accettazione's
 * (SPEC §0 D13). Refuses an original that is not 7-bit clean (SPEC §0 D16): the envelope must survive
 * relays unchanged for the signature to hold.
 */
export async function buildBustaTrasporto(i: BustaTrasportoInput): Promise<BustaTrasporto> {
  if (!isSevenBitClean(i.original)) {
    throw new PecError('not-seven-bit', 'original message is not 7-bit clean', 'altro', '5.6.3');
  }
  const info = readOriginal(i.original);
  const { bytes: postacert, msgid } = rewriteOriginal(i.original, i.identificativo);
  const ricevuta: TipoRicevuta = info.tipoRicevuta ?? 'completa';
  const off = offsetOf(i);
  const daticert: Daticert = {
    tipo: 'posta-certificata',
    errore: 'nessuno',
    intestazione: structuredClone(i.intestazione),
    gestoreEmittente: i.gestore.nome,
    data: dataCertificazione(i.now, off),
    identificativo: i.identificativo,
    ricevuta,
    ricezione: [],
  };
  if (msgid) daticert.msgid = msgid;
  const inherited = inheritedFields(info);
  const headers: HeaderField[] = [
    ...inherited.filter(([n]) => n === 'Received' || n === 'Return-Path'),
    ['Date', rfc5322Date(i.now, off)],
    ['From', perContoDi(i.intestazione.mittente, i.signer.address)],
    ...inherited.filter(([n]) => n === 'To' || n === 'Cc' || n === 'Reply-To'),
  ];
  // Reply-To inserted only when the original had none (RFC 6109 §3.1.5).
  if (!inherited.some(([n]) => n === 'Reply-To')) headers.push(['Reply-To', i.intestazione.mittente]);
  headers.push(
    ['Subject', oggettoConPrefisso(PREFISSI_OGGETTO.postaCertificata, i.intestazione.oggetto)],
    ['Message-ID', angle(i.identificativo)],
  );
  if (msgid) headers.push([X_RIFERIMENTO_MESSAGE_ID, msgid]);
  headers.push([X_TRASPORTO, 'posta-certificata']);
  if (info.tipoRicevuta) headers.push([X_TIPO_RICEVUTA, info.tipoRicevuta]);
  const raw = await assembleSigned(i.signer, {
    headers,
    testo: {
      titolo: 'Messaggio di posta certificata',
      righe: [
        `${ilGiorno(i.now, off)} il messaggio ${q(i.intestazione.oggetto)} è stato inviato da ${q(i.intestazione.mittente)}`,
        'indirizzato a:',
        { elenco: i.intestazione.destinatari.map((d) => d.address) },
        'Il messaggio originale è incluso in allegato.',
        `Identificativo messaggio: ${i.identificativo}`,
      ],
    },
    daticert,
    postacert,
  });
  return { raw, messageId: i.identificativo, daticert, postacert, ricevuta, ...(msgid ? { msgid } : {}) };
}
