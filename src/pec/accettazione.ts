// Ricevuta di accettazione: AP -> sender, certifies the sending time (RFC 6109 §3.1.4, SPEC §3.2).
import type { BuiltMessage } from './assemble.ts';
import { PREFISSI_OGGETTO } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, elencoDestinatari, emitNotice, offsetOf } from './notice.ts';

export type AccettazioneInput = NoticeInput;

/** One accettazione per submitted message, listing every recipient with its class; no original attached. */
export async function buildAccettazione(i: AccettazioneInput): Promise<BuiltMessage> {
  const d = baseDaticert(i, 'accettazione');
  return emitNotice({
    input: i,
    ricevuta: 'accettazione',
    prefisso: PREFISSI_OGGETTO.accettazione,
    to: i.intestazione.mittente,
    daticert: d,
    titolo: 'Ricevuta di accettazione',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} il messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      'ed indirizzato a:',
      elencoDestinatari(i.intestazione),
      'è stato accettato dal sistema ed inoltrato.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}
