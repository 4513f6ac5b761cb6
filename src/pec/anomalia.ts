// Busta di anomalia: wraps a received message that is not a correct PEC message (RFC 6109 §3.2.2, SPEC §3.9, §0 D6).
import { bareMsgId } from '../mime/addresses.ts';
import type { HeaderField } from '../mime/build.ts';
import { findHeaders } from '../mime/raw-tree.ts';
import { type BuiltMessage, type EmissionContext, assembleSigned, newMessageId } from './assemble.ts';
import { PREFISSI_OGGETTO, X_TRASPORTO, oggettoConPrefisso, perContoDi } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { angle } from './identificativo.ts';
import { offsetOf } from './notice.ts';
import { readOriginal } from './original.ts';
import { rfc5322Date } from './pec-time.ts';

export interface AnomaliaInput extends EmissionContext {
  /** The whole received message, carried byte for byte (CRLF) as postacert.eml. */
  received: Uint8Array;
  /** This transaction's RCPT TO addresses of our domains. */
  destinatari: string[];
  /** Why the data could not be certified (human text only: anomalies carry no daticert). */
  descrizioneErrore: string;
  /** SMTP MAIL FROM, when known; else the From of the received message. */
  mittente?: string;
}

/**
 * Keeps Received, Return-Path, To, Cc and Message-ID of the received message; From is "Per conto di";
 * Reply-To is inserted only when absent. MIME: text + postacert.eml, never daticert.xml.
 */
export async function buildAnomalia(i: AnomaliaInput): Promise<BuiltMessage> {
  const info = readOriginal(i.received);
  const mittente = i.mittente ?? info.from[0]?.address ?? '';
  const off = offsetOf(i);
  const copy = (name: string, as: string): HeaderField[] => findHeaders(info.headers, name).map((v) => [as, v] as const);
  const keptId = bareMsgId(findHeaders(info.headers, 'message-id')[0]);
  const messageId = keptId ?? newMessageId(i);
  const headers: HeaderField[] = [
    ...copy('received', 'Received'),
    ...copy('return-path', 'Return-Path'),
    ['Date', rfc5322Date(i.now, off)],
    ['From', perContoDi(mittente, i.signer.address)],
    ...copy('to', 'To'),
    ...copy('cc', 'Cc'),
  ];
  const replyTo = copy('reply-to', 'Reply-To');
  headers.push(...(replyTo.length > 0 ? replyTo : mittente ? ([['Reply-To', mittente]] as HeaderField[]) : []));
  headers.push(
    ['Subject', oggettoConPrefisso(PREFISSI_OGGETTO.anomalia, info.oggetto)],
    ['Message-ID', angle(messageId)],
    [X_TRASPORTO, 'errore'],
  );
  const raw = await assembleSigned(i.signer, {
    headers,
    testo: {
      titolo: 'Anomalia nel messaggio',
      righe: [
        `${ilGiorno(i.now, off)} è stato ricevuto il messaggio ${q(info.oggetto)} proveniente da ${q(mittente)}`,
        'ed indirizzato a:',
        { elenco: i.destinatari },
        'Tali dati non sono stati certificati per il seguente errore:',
        i.descrizioneErrore,
        'Il messaggio originale è incluso in allegato.',
      ],
    },
    postacert: i.received,
  });
  return { raw, messageId };
}
