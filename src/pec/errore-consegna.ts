// Avviso di mancata consegna (incl. per virus): the D1 reason codes and the notice (RFC 6109 §3.3.3, §3.2.4; SPEC §0 D1, §3.6, §3.8).
import type { BuiltMessage } from './assemble.ts';
import { PREFISSI_OGGETTO, X_VERIFICA_SICUREZZA } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, emitNotice, offsetOf } from './notice.ts';
import type { Errore } from './types.ts';

/** Why delivery failed: SPEC §0 D1 table (RFC 3463 enhanced codes), with the DTD `errore` that fits. */
export const MOTIVI_ERRORE_CONSEGNA = {
  'casella-inesistente': { codice: '5.1.1', errore: 'no-dest', descrizione: 'casella inesistente' },
  // RFC 3463 §3.2 X.1.2 "bad destination system address"; D1 gives no code for an unknown domain.
  'dominio-inesistente': { codice: '5.1.2', errore: 'no-dominio', descrizione: 'dominio non valido' },
  'casella-disattivata': { codice: '5.2.1', errore: 'altro', descrizione: 'casella disattivata o inibita alla ricezione' },
  'casella-piena': { codice: '5.2.2', errore: 'altro', descrizione: 'casella piena' },
  'messaggio-troppo-grande': { codice: '5.3.4', errore: 'altro', descrizione: 'messaggio troppo grande' },
  virus: { codice: '5.7.1', errore: 'virus', descrizione: 'virus rilevato' },
} as const satisfies Record<string, { codice: string; errore: Errore; descrizione: string }>;
export type MotivoErroreConsegna = keyof typeof MOTIVI_ERRORE_CONSEGNA;

/** `<code> - <provider> - <descrizione>[: dettaglio]`, the form real Aruba notices use (SPEC §0 D1). */
export function erroreEsteso(codice: string, gestore: string, descrizione: string, dettaglio?: string): string {
  return `${codice} - ${gestore} - ${descrizione}${dettaglio ? `: ${dettaglio}` : ''}`;
}

/** Reads the RFC 3463 code at the start of an errore-esteso ("5.1.1 - ..."), null when there is none. */
export function codiceDa(erroreEsteso: string | undefined): string | null {
  const m = /^\s*([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(erroreEsteso ?? '');
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

export interface ErroreConsegnaInput extends NoticeInput {
  /** The recipient delivery failed for. */
  consegna: string;
  motivo: MotivoErroreConsegna;
  /** Extra detail (e.g. the virus name) appended to errore-esteso. */
  dettaglio?: string;
}

/**
 * One notice per recipient, to the original sender; the virus variant (sender's provider, after a
 * rilevazione virus) adds X-VerificaSicurezza: errore and its own Subject prefix (SPEC §3.8 (2)).
 */
export async function buildErroreConsegna(i: ErroreConsegnaInput): Promise<BuiltMessage> {
  const m = MOTIVI_ERRORE_CONSEGNA[i.motivo];
  const virus = i.motivo === 'virus';
  const d = baseDaticert(i, 'errore-consegna', m.errore);
  d.consegna = i.consegna;
  d.erroreEsteso = erroreEsteso(m.codice, i.gestore.nome, m.descrizione, i.dettaglio);
  return emitNotice({
    input: i,
    ricevuta: 'errore-consegna',
    prefisso: virus ? PREFISSI_OGGETTO.erroreConsegnaVirus : PREFISSI_OGGETTO.erroreConsegna,
    to: i.intestazione.mittente,
    daticert: d,
    ...(virus ? { extraHeaders: [[X_VERIFICA_SICUREZZA, 'errore'] as const] } : {}),
    titolo: virus ? 'Avviso di mancata consegna per virus' : 'Avviso di mancata consegna',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} nel messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      `e destinato all'utente ${q(i.consegna)}`,
      virus ? `è stato rilevato un problema di sicurezza: ${d.erroreEsteso}` : `è stato rilevato un errore ${d.erroreEsteso}`,
      'Il messaggio non è stato consegnato.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}
