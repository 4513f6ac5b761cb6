// daticert.xml: building it in DTD order (RFC 6109 §4.4, SPEC §4.8) and reading it leniently.
import { utf8OrLatin1 } from '../mime/charset.ts';
import { PecError } from './errors.ts';
import {
  type Daticert,
  type Destinatario,
  ERRORI,
  type Errore,
  TIPI_DATICERT,
  TIPI_RICEVUTA,
  type TipoDaticert,
  type TipoRicevuta,
} from './types.ts';
import { type XmlElement, child, childrenNamed, escapeXml, parseXml } from './xml.ts';

/** File name of the certification data part (SPEC §10 #1: every real provider, not the RFC's certdata.xml). */
export const DATICERT_FILENAME = 'daticert.xml';

const I1 = '    ';
const I2 = I1 + I1;
const I3 = I2 + I1;

function el(indent: string, name: string, text: string, attrs = ''): string {
  return `${indent}<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

/**
 * Serialises daticert.xml: UTF-8 declaration, `tipo` and `errore` always written, elements in DTD
 * order, every text XML-escaped (SPEC §4.8). Output is LF-terminated text.
 */
export function buildDaticert(d: Daticert): string {
  if (d.intestazione.destinatari.length === 0) {
    throw new PecError('invalid-input', 'daticert needs at least one destinatari (DTD destinatari+)');
  }
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<postacert tipo="${escapeXml(d.tipo)}" errore="${escapeXml(d.errore)}">`,
    `${I1}<intestazione>`,
    el(I2, 'mittente', d.intestazione.mittente),
    ...d.intestazione.destinatari.map((x) => el(I2, 'destinatari', x.address, ` tipo="${x.tipo}"`)),
    el(I2, 'risposte', d.intestazione.risposte),
  ];
  if (d.intestazione.oggetto !== undefined) lines.push(el(I2, 'oggetto', d.intestazione.oggetto));
  lines.push(
    `${I1}</intestazione>`,
    `${I1}<dati>`,
    el(I2, 'gestore-emittente', d.gestoreEmittente),
    `${I2}<data zona="${escapeXml(d.data.zona)}">`,
    el(I3, 'giorno', d.data.giorno),
    el(I3, 'ora', d.data.ora),
    `${I2}</data>`,
    el(I2, 'identificativo', d.identificativo),
  );
  if (d.msgid !== undefined) lines.push(el(I2, 'msgid', d.msgid));
  if (d.ricevuta !== undefined) lines.push(`${I2}<ricevuta tipo="${d.ricevuta}"/>`);
  if (d.consegna !== undefined) lines.push(el(I2, 'consegna', d.consegna));
  for (const r of d.ricezione) lines.push(el(I2, 'ricezione', r));
  if (d.erroreEsteso !== undefined) lines.push(el(I2, 'errore-esteso', d.erroreEsteso));
  lines.push(`${I1}</dati>`, '</postacert>', '');
  return lines.join('\n');
}

function oneOf<T extends string>(values: readonly T[], v: string | undefined): T | undefined {
  const t = v?.trim().toLowerCase();
  return values.find((x) => x === t);
}

const txt = (e: XmlElement | undefined) => (e === undefined ? undefined : e.text.trim());

function parseDestinatari(intestazione: XmlElement | undefined): Destinatario[] {
  return childrenNamed(intestazione, 'destinatari')
    .map((e) => ({ address: e.text.trim(), tipo: oneOf(['certificato', 'esterno'] as const, e.attrs.tipo) ?? 'certificato' }))
    .filter((x) => x.address.length > 0);
}

/**
 * Reads daticert.xml leniently (SPEC §4.8): empty `risposte`, missing `oggetto`/`msgid`, unknown
 * elements, CRLF and whitespace are tolerated; `ricevuta` is kept as written (absent stays absent:
 * callers default it to completa where the DTD expects it). Rilevazione virus from older revisions
 * names the recipient in `ricezione` (SPEC §10 #8): it is copied to `consegna`. Throws PecError when
 * the root, `tipo`, `identificativo` or the date is missing.
 */
export function parseDaticert(input: string | Uint8Array): Daticert {
  const text = typeof input === 'string' ? input : utf8OrLatin1(input);
  const root = parseXml(text.replace(/^\uFEFF/, ''));
  if (root.name !== 'postacert') throw new PecError('daticert-malformed', `root element <${root.name}>, expected <postacert>`);
  const tipo = oneOf<TipoDaticert>(TIPI_DATICERT, root.attrs.tipo);
  if (!tipo) throw new PecError('daticert-malformed', `unknown tipo "${root.attrs.tipo ?? ''}"`);
  const errore: Errore = oneOf(ERRORI, root.attrs.errore) ?? 'nessuno';
  const intestazione = child(root, 'intestazione');
  const dati = child(root, 'dati');
  const data = child(dati, 'data');
  const identificativo = txt(child(dati, 'identificativo'));
  if (!identificativo) throw new PecError('daticert-malformed', 'missing <identificativo>');
  if (!data) throw new PecError('daticert-malformed', 'missing <data>');
  const ricezione = childrenNamed(dati, 'ricezione').map((e) => e.text.trim()).filter((s) => s.length > 0);
  const out: Daticert = {
    tipo,
    errore,
    intestazione: {
      mittente: txt(child(intestazione, 'mittente')) ?? '',
      destinatari: parseDestinatari(intestazione),
      risposte: txt(child(intestazione, 'risposte')) ?? '',
    },
    gestoreEmittente: txt(child(dati, 'gestore-emittente')) ?? '',
    data: { zona: data.attrs.zona?.trim() ?? '', giorno: txt(child(data, 'giorno')) ?? '', ora: txt(child(data, 'ora')) ?? '' },
    identificativo,
    ricezione,
  };
  const oggetto = child(intestazione, 'oggetto');
  if (oggetto) out.intestazione.oggetto = oggetto.text.trim();
  const msgid = txt(child(dati, 'msgid'));
  if (msgid) out.msgid = msgid;
  const ricevuta = child(dati, 'ricevuta');
  const rt: TipoRicevuta | undefined = ricevuta ? oneOf(TIPI_RICEVUTA, ricevuta.attrs.tipo) : undefined;
  if (rt) out.ricevuta = rt;
  const consegna = txt(child(dati, 'consegna'));
  if (consegna) out.consegna = consegna;
  else if (tipo === 'rilevazione-virus' && ricezione.length === 1) out.consegna = ricezione[0];
  const erroreEsteso = txt(child(dati, 'errore-esteso'));
  if (erroreEsteso) out.erroreEsteso = erroreEsteso;
  return out;
}
