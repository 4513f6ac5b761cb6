// Avviso di non accettazione (eccezioni formali or virus): AP -> sender, nothing forwarded (RFC 6109 §3.1.2-3.1.3, SPEC §3.3).
import type { BuiltMessage } from './assemble.ts';
import { PREFISSI_OGGETTO, X_VERIFICA_SICUREZZA } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, elencoDestinatari, emitNotice, offsetOf } from './notice.ts';

export interface NonAccettazioneInput extends NoticeInput {
  /** 'formale' for a failed §5.1 check, 'virus' for an infected submission. */
  causa: 'formale' | 'virus';
  /** What failed (checks) or the virus name; written to errore-esteso and the text. */
  erroreEsteso: string;
}

/** Never carries the original (RFC 6109 §3.1.2); virus adds X-VerificaSicurezza: errore (§3.1.3). */
export async function buildNonAccettazione(i: NonAccettazioneInput): Promise<BuiltMessage> {
  const virus = i.causa === 'virus';
  const d = baseDaticert(i, 'non-accettazione', virus ? 'virus' : 'altro');
  d.erroreEsteso = i.erroreEsteso;
  return emitNotice({
    input: i,
    ricevuta: 'non-accettazione',
    prefisso: virus ? PREFISSI_OGGETTO.nonAccettazioneVirus : PREFISSI_OGGETTO.nonAccettazione,
    to: i.intestazione.mittente,
    daticert: d,
    ...(virus ? { extraHeaders: [[X_VERIFICA_SICUREZZA, 'errore'] as const] } : {}),
    titolo: virus ? 'Avviso di non accettazione per virus' : 'Avviso di non accettazione',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} nel messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      'ed indirizzato a:',
      elencoDestinatari(i.intestazione),
      virus
        ? `è stato rilevato un problema di sicurezza: ${i.erroreEsteso}`
        : `è stato rilevato un problema che ne impedisce l'accettazione a causa di: ${i.erroreEsteso}`,
      'Il messaggio non è stato accettato.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}
