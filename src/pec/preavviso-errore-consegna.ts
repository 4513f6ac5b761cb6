// Avvisi di mancata consegna per superamento dei tempi massimi, 12 h and 24 h (RFC 6109 §3.1.6, SPEC §0 D2, §3.7).
import type { BuiltMessage } from './assemble.ts';
import { codiceDa, erroreEsteso } from './errore-consegna.ts';
import { PREFISSI_OGGETTO } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, emitNotice, offsetOf } from './notice.ts';
import { instantOf } from './pec-time.ts';
import type { Daticert } from './types.ts';

export type FasePreavviso = '12h' | '24h';

/**
 * errore-esteso codes telling the two notices apart (D2). The 12 h notice is not final, so it carries a
 * persistent-transient 4.4.1 (RFC 3463 X.4.1 no answer from host); the 24 h notice closes the
 * transaction with 5.4.1 (D1). D2: "5.x.x is final".
 */
export const CODICI_PREAVVISO: Record<FasePreavviso, { codice: string; descrizione: string }> = {
  '12h': { codice: '4.4.1', descrizione: 'nessuna conferma di consegna entro le prime 12 ore' },
  '24h': { codice: '5.4.1', descrizione: 'nessuna risposta entro il tempo massimo di 24 ore' },
};

/** D2 fallback: a notice whose `<data>` is at least this long after acceptance is the 24 h one. */
export const SOGLIA_24H_MS = 22 * 3_600_000;

export interface PreavvisoInput extends NoticeInput {
  consegna: string;
  fase: FasePreavviso;
}

/** Sender's provider -> original sender, one per pending recipient (SPEC §10 #4). */
export async function buildPreavvisoErroreConsegna(i: PreavvisoInput): Promise<BuiltMessage> {
  const c = CODICI_PREAVVISO[i.fase];
  const d = baseDaticert(i, 'preavviso-errore-consegna');
  d.consegna = i.consegna;
  d.erroreEsteso = erroreEsteso(c.codice, i.gestore.nome, c.descrizione);
  const finale = i.fase === '24h';
  return emitNotice({
    input: i,
    ricevuta: 'preavviso-errore-consegna',
    prefisso: PREFISSI_OGGETTO.preavviso,
    to: i.intestazione.mittente,
    daticert: d,
    titolo: 'Avviso di mancata consegna per superamento dei tempi massimi',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} nel messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      `e destinato all'utente ${q(i.consegna)}`,
      finale
        ? 'non è pervenuta la ricevuta di avvenuta consegna entro 24 ore: la trasmissione si considera conclusa con esito negativo.'
        : 'il messaggio non è stato consegnato nelle prime 12 ore; il sistema invierà un ulteriore avviso se nelle successive 12 ore non riceverà conferma.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}

/**
 * Tells a parsed preavviso's phase (D2): by errore-esteso code (4.x.x -> 12h, 5.x.x -> 24h), else by
 * `<data>` minus the acceptance instant >= 22 h when that is known; null when undecidable.
 */
export function fasePreavviso(d: Daticert, accettatoIl?: number): FasePreavviso | null {
  const code = codiceDa(d.erroreEsteso);
  if (code?.startsWith('4.')) return '12h';
  if (code?.startsWith('5.')) return '24h';
  const at = instantOf(d.data);
  if (accettatoIl === undefined || at === null) return null;
  return at - accettatoIl >= SOGLIA_24H_MS ? '24h' : '12h';
}
