// Vocabulary of PEC certification data shared by every builder and parser (RFC 6109 §4.4, SPEC §4).

/** `postacert/@tipo` values of the DTD. */
export const TIPI_DATICERT = [
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'posta-certificata',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
export type TipoDaticert = (typeof TIPI_DATICERT)[number];

/** `postacert/@errore` values of the DTD. */
export const ERRORI = ['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'] as const;
export type Errore = (typeof ERRORI)[number];

/** `ricevuta/@tipo` and X-TipoRicevuta values (RFC 6109 §3.3.2). */
export const TIPI_RICEVUTA = ['completa', 'breve', 'sintetica'] as const;
export type TipoRicevuta = (typeof TIPI_RICEVUTA)[number];

export type TipoDestinatario = 'certificato' | 'esterno';

export interface Destinatario {
  address: string;
  tipo: TipoDestinatario;
}

/** The `intestazione` of daticert.xml: data of the original message (SPEC §4.2). */
export interface Intestazione {
  /** SMTP reverse-path of the original (bare address). */
  mittente: string;
  /** Every To/Cc recipient of the original, with its class. */
  destinatari: Destinatario[];
  /** Reply-To addr-spec(s), else the From address; comma-separated (SPEC §0 D10). May be empty when parsed. */
  risposte: string;
  /** Decoded Subject of the original; absent when the original had none (SPEC §0 D14). */
  oggetto?: string;
}

/** `dati/data`: local legal time with its offset (SPEC §2.6). */
export interface DataCertificazione {
  /** "+hhmm" / "-hhmm". */
  zona: string;
  /** "dd/mm/yyyy". */
  giorno: string;
  /** "hh:mm:ss". */
  ora: string;
}

export interface Daticert {
  tipo: TipoDaticert;
  errore: Errore;
  intestazione: Intestazione;
  gestoreEmittente: string;
  data: DataCertificazione;
  /** PEC msgid of the transport envelope, without angle brackets. */
  identificativo: string;
  /** Client msgid with angle brackets, e.g. "<x@y>". */
  msgid?: string;
  ricevuta?: TipoRicevuta;
  consegna?: string;
  ricezione: string[];
  erroreEsteso?: string;
}

/** The provider emitting a message: the name written in `gestore-emittente` and its mail domain. */
export interface Gestore {
  /** Free-text provider name, e.g. "Gestore Esempio S.p.A.". */
  nome: string;
  /** Provider mail domain: PEC msgids and Message-IDs are allocated here (SPEC §0 D11). */
  dominio: string;
}
