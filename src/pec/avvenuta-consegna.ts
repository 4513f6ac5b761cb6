// Ricevuta di avvenuta consegna, completa / breve / sintetica, one per recipient (RFC 6109 §3.3.2, SPEC §3.5, §5.6, §0 D5).
import { addressKey, parseAddressList } from '../mime/addresses.ts';
import { findHeader, parseTopHeaders } from '../mime/raw-tree.ts';
import type { BuiltMessage } from './assemble.ts';
import { PecError } from './errors.ts';
import { PREFISSI_OGGETTO } from './headers.ts';
import { ilGiorno, q } from './human-text.ts';
import { type NoticeInput, baseDaticert, emitNotice, offsetOf } from './notice.ts';
import { applyRicevutaBreve } from './ricevuta-breve.ts';
import type { TipoRicevuta } from './types.ts';

export interface AvvenutaConsegnaInput extends NoticeInput {
  /** The recipient the envelope was stored for. */
  consegna: string;
  /** Type the sender requested: the envelope's X-TipoRicevuta, absent = completa. */
  richiesta: TipoRicevuta;
  /** postacert.eml of the envelope; needed unless the variant is sintetica. */
  postacert?: Uint8Array;
  /** Envelope MAIL FROM (SPEC §0 D4); defaults to intestazione.mittente. */
  to?: string;
}

export interface AvvenutaConsegna extends BuiltMessage {
  /** The variant actually sent to this recipient. */
  variante: TipoRicevuta;
}

/**
 * SPEC §5.6: a Cc recipient always gets a sintetica; a To recipient (or an ambiguous one, RFC 6109
 * §3.3.2.1) gets what the sender requested.
 */
export function varianteFor(richiesta: TipoRicevuta, consegna: string, postacert: Uint8Array | undefined): TipoRicevuta {
  if (!postacert) return richiesta === 'sintetica' ? 'sintetica' : richiesta;
  const h = parseTopHeaders(postacert); // only To and Cc are read: the parts need not be walked
  const key = addressKey(consegna);
  const inTo = parseAddressList(findHeader(h, 'to')).some((m) => addressKey(m.address) === key);
  const inCc = parseAddressList(findHeader(h, 'cc')).some((m) => addressKey(m.address) === key);
  return inCc && !inTo ? 'sintetica' : richiesta;
}

export async function buildAvvenutaConsegna(i: AvvenutaConsegnaInput): Promise<AvvenutaConsegna> {
  const variante = varianteFor(i.richiesta, i.consegna, i.postacert);
  if (variante !== 'sintetica' && !i.postacert) {
    throw new PecError('invalid-input', `ricevuta ${variante} needs the postacert.eml of the envelope`);
  }
  const d = baseDaticert(i, 'avvenuta-consegna');
  d.ricevuta = i.richiesta; // D5: the requested type, even when this recipient gets a sintetica
  d.consegna = i.consegna;
  const allegato =
    variante === 'completa' ? i.postacert : variante === 'breve' ? applyRicevutaBreve(i.postacert!).bytes : undefined;
  const righe = [
    `${ilGiorno(i.now, offsetOf(i))} il messaggio ${q(i.intestazione.oggetto)} proveniente da ${q(i.intestazione.mittente)}`,
    `ed indirizzato a ${q(i.consegna)}`,
    'è stato consegnato nella casella di destinazione.',
    `Identificativo messaggio: ${i.identificativo}`,
  ];
  if (variante === 'completa') righe.push('Il messaggio originale è incluso in allegato.');
  if (variante === 'breve') righe.push('Il messaggio originale è incluso in allegato con gli allegati sostituiti dalla loro impronta (SHA-1).');
  const built = await emitNotice({
    input: i,
    ricevuta: 'avvenuta-consegna',
    prefisso: PREFISSI_OGGETTO.consegna,
    to: i.to ?? i.intestazione.mittente,
    daticert: d,
    titolo: 'Ricevuta di avvenuta consegna',
    righe,
    ...(allegato ? { postacert: allegato } : {}),
  });
  return { ...built, variante };
}
