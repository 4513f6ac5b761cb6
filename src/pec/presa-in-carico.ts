// Ricevuta di presa in carico: recipient InP -> sender provider's service mailbox (RFC 6109 §3.2.1, SPEC §3.4, §0 D4).
import type { BuiltMessage } from './assemble.ts';
import { PecError } from './errors.ts';
import { PREFISSI_OGGETTO } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, emitNotice, offsetOf } from './notice.ts';

export interface PresaInCaricoInput extends NoticeInput {
  /** This SMTP transaction's RCPT TO addresses of our domains (one `<ricezione>` each). */
  ricezione: string[];
  /** mailReceipt of the sending provider's index record (SPEC §0 D4). */
  mailReceipt: string;
}

/** One per SMTP transaction; provider-to-provider only, never shown to users. */
export async function buildPresaInCarico(i: PresaInCaricoInput): Promise<BuiltMessage> {
  if (i.ricezione.length === 0) throw new PecError('invalid-input', 'presa in carico needs at least one ricezione');
  const d = baseDaticert(i, 'presa-in-carico');
  d.ricezione = [...i.ricezione];
  return emitNotice({
    input: i,
    ricevuta: 'presa-in-carico',
    prefisso: PREFISSI_OGGETTO.presaInCarico,
    to: i.mailReceipt,
    daticert: d,
    titolo: 'Ricevuta di presa in carico',
    righe: [
      `${ilGiorno(i.now, offsetOf(i))} il messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
      'ed indirizzato a:',
      { elenco: i.ricezione },
      'è stato accettato dal sistema.',
      `Identificativo messaggio: ${i.identificativo}`,
    ],
  });
}
