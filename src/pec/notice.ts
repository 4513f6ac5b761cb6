// Shared shape of receipts and notices: daticert skeleton, header set, text, signature (RFC 6109 §3, SPEC §0 D4/D12).
import type { HeaderField } from '../mime/build.ts';
import { type BuiltMessage, type EmissionContext, assembleSigned, newMessageId } from './assemble.ts';
import { type PrefissoOggetto, noticeHeaders, oggettoConPrefisso } from './headers.ts';
import type { Riga } from './human-text.ts';
import { dataCertificazione, italianOffsetMinutes } from './pec-time.ts';
import type { Daticert, Errore, Intestazione, TipoDaticert } from './types.ts';

/** The references of the transaction a notice is about. */
export interface Riferimento {
  /** The envelope's PEC msgid (no angle brackets). */
  identificativo: string;
  /** The client msgid with angle brackets, when the client sent one (SPEC §0 D11). */
  msgid?: string;
}

/** Input common to every receipt/notice: emission context, the original's intestazione, references. */
export interface NoticeInput extends EmissionContext, Riferimento {
  intestazione: Intestazione;
}

export function offsetOf(ctx: EmissionContext): number {
  return ctx.offsetMinutes ?? italianOffsetMinutes(ctx.now);
}

/** daticert with the fields every type shares; callers add ricevuta/consegna/ricezione/errore-esteso. */
export function baseDaticert(n: NoticeInput, tipo: TipoDaticert, errore: Errore = 'nessuno'): Daticert {
  const d: Daticert = {
    tipo,
    errore,
    intestazione: structuredClone(n.intestazione),
    gestoreEmittente: n.gestore.nome,
    data: dataCertificazione(n.now, offsetOf(n)),
    identificativo: n.identificativo,
    ricezione: [],
  };
  if (n.msgid) d.msgid = n.msgid;
  return d;
}

export interface EmitNotice {
  input: NoticeInput;
  /** X-Ricevuta value. */
  ricevuta: TipoDaticert;
  prefisso: PrefissoOggetto;
  to: string;
  daticert: Daticert;
  titolo: string;
  righe: Riga[];
  extraHeaders?: readonly HeaderField[];
  postacert?: Uint8Array;
}

/** Builds and signs a notice; its Message-ID is fresh, From is the signer's service address (SPEC §2.2). */
export async function emitNotice(e: EmitNotice): Promise<BuiltMessage> {
  const n = e.input;
  const messageId = newMessageId(n);
  const headerInput = {
    now: n.now,
    offsetMinutes: offsetOf(n),
    from: n.signer.address,
    to: e.to,
    subject: oggettoConPrefisso(e.prefisso, n.intestazione.oggetto),
    messageId,
    ricevuta: e.ricevuta,
    ...(n.msgid ? { msgid: n.msgid } : {}),
    ...(e.extraHeaders ? { extra: e.extraHeaders } : {}),
  };
  const raw = await assembleSigned(n.signer, {
    headers: noticeHeaders(headerInput),
    testo: { titolo: e.titolo, righe: e.righe },
    daticert: e.daticert,
    ...(e.postacert ? { postacert: e.postacert } : {}),
  });
  return { raw, messageId, daticert: e.daticert };
}

/** "indirizzo ("posta certificata")" lines of the recipients list (SPEC §3.2). */
export function elencoDestinatari(i: Intestazione): { elenco: string[] } {
  return {
    elenco: i.destinatari.map((d) => `${d.address} ("${d.tipo === 'certificato' ? 'posta certificata' : 'posta ordinaria'}")`),
  };
}
