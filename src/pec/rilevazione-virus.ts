// Avviso di rilevazione virus: recipient InP -> sender provider's service mailbox, per recipient (RFC 6109 §3.2.3, SPEC §3.8).
import type { BuiltMessage } from './assemble.ts';
import { PREFISSI_OGGETTO, X_MITTENTE } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, emitNotice, offsetOf } from './notice.ts';

export interface RilevazioneVirusInput extends NoticeInput {
  /** The recipient the infected envelope was not delivered to. */
  consegna: string;
  /** Virus identifier reported by the scanner (errore-esteso). */
  virus: string;
  /** mailReceipt of the sending provider. */
  mailReceipt: string;
}

/** daticert errore="virus" with `<consegna>` (SPEC §10 #8) and X-Mittente: original sender. */
export async function buildRilevazioneVirus(i: RilevazioneVirusInput): Promise<BuiltMessage> {
  const d = baseDaticert(i, 'rilevazione-virus', 'virus');
  d.consegna = i.consegna;
  d.erroreEsteso = i.virus;
  return emitNotice({
    input: i,
    ricevuta: 'rilevazione-virus',
    prefisso: PREFISSI_OGGETTO.rilevazioneVirus,
    to: i.mailReceipt,
    daticert: d,
    extraHeaders: [[X_MITTENTE, i.intestazione.mittente]],
    titolo: 'Avviso di rilevazione virus',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} nel messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      `ed indirizzato a ${q(i.consegna)}`,
      `è stato rilevato un problema di sicurezza: ${i.virus}`,
      'Il messaggio non è stato consegnato.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}
