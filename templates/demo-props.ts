// Realistic Italian sample props for every page: used by the template tests and the screenshot script.
import type { ShellProps } from './layouts/app.tsx';
import {
  ALL_PERMISSIONS,
  type FolderNode,
  type MessageRow,
  type MessageViewProps,
  type RecipientReceipts,
  type ViewedMessage,
} from './webmail/props.ts';
import type { MainPageProps } from './webmail/main.tsx';

/** 2026-03-12 09:41:07 Europe/Rome, fixed so rendered output is stable. */
export const DEMO_NOW = Date.UTC(2026, 2, 12, 8, 41, 7);
const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEMO_MAILBOX = 'protocollo@postacert.comune-esempio.it';
export const DEMO_CSRF = 'demo-csrf-token-7f3a';

export const demoShell: ShellProps = { mailbox: DEMO_MAILBOX };

export const demoFolders: FolderNode[] = [
  { id: 'INBOX', standard: 'inbox', name: 'INBOX', unread: 3, children: [] },
  { id: 'Sent', standard: 'sent', name: 'Sent', unread: 0, children: [] },
  { id: 'Drafts', standard: 'drafts', name: 'Drafts', unread: 0, children: [] },
  { id: 'Trash', standard: 'trash', name: 'Trash', unread: 0, children: [] },
  {
    id: 'Appalti',
    name: 'Appalti',
    unread: 1,
    children: [
      { id: 'Appalti/2025', name: '2025', unread: 0, children: [] },
      { id: 'Appalti/2026', name: '2026', unread: 1, children: [] },
    ],
  },
  { id: 'Fatture', name: 'Fatture', unread: 0, children: [] },
];

const pecSender = (addr: string) => ({ name: `Per conto di: ${addr}`, address: 'posta-certificata@pec.aruba.it' });

export const demoRows: MessageRow[] = [
  { id: '1042', from: pecSender('ufficio.gare@pec.regione.toscana.it'), to: [{ address: DEMO_MAILBOX }], subject: 'POSTA CERTIFICATA: Convocazione seduta pubblica gara n. 2026/014', date: DEMO_NOW - 12 * MIN, size: 184_320, unread: true, flagged: true, hasAttachments: true, pecKind: 'posta-certificata' },
  { id: '1041', from: { name: 'posta-certificata@postacert.comune-esempio.it', address: 'posta-certificata@postacert.comune-esempio.it' }, to: [{ address: DEMO_MAILBOX }], subject: 'CONSEGNA: Trasmissione determina dirigenziale n. 118', date: DEMO_NOW - 47 * MIN, size: 96_512, unread: true, flagged: false, hasAttachments: true, pecKind: 'avvenuta-consegna' },
  { id: '1040', from: { name: 'posta-certificata@postacert.comune-esempio.it', address: 'posta-certificata@postacert.comune-esempio.it' }, to: [{ address: DEMO_MAILBOX }], subject: 'ACCETTAZIONE: Trasmissione determina dirigenziale n. 118', date: DEMO_NOW - 48 * MIN, size: 8_704, unread: true, flagged: false, hasAttachments: true, pecKind: 'accettazione' },
  { id: '1039', from: pecSender('inps.direzione.firenze@postacert.inps.gov.it'), to: [{ address: DEMO_MAILBOX }], subject: 'POSTA CERTIFICATA: Richiesta documentazione pratica 44120', date: DEMO_NOW - 5 * HOUR, size: 1_258_291, unread: false, flagged: false, hasAttachments: true, pecKind: 'posta-certificata' },
  { id: '1038', from: { name: 'posta-certificata@pec.it', address: 'posta-certificata@pec.it' }, to: [{ address: DEMO_MAILBOX }], subject: 'AVVISO DI MANCATA CONSEGNA: Sollecito pagamento TARI', date: DEMO_NOW - 26 * HOUR, size: 12_288, unread: false, flagged: false, hasAttachments: true, pecKind: 'errore-consegna' },
  { id: '1037', from: pecSender('m.bianchi@pec.ordineavvocati.fi.it'), to: [{ address: DEMO_MAILBOX }], subject: 'POSTA CERTIFICATA: Istanza di accesso agli atti – Prot. 2291', date: DEMO_NOW - 50 * HOUR, size: 402_113, unread: false, flagged: true, hasAttachments: true, pecKind: 'posta-certificata' },
  { id: '1036', from: { name: 'Ufficio Tributi', address: 'tributi@comune-esempio.it' }, to: [{ address: DEMO_MAILBOX }], subject: 'ANOMALIA MESSAGGIO: Promemoria riunione di servizio', date: DEMO_NOW - 73 * HOUR, size: 5_120, unread: false, flagged: false, hasAttachments: false, pecKind: 'anomalia' },
];

export const demoReceipts: RecipientReceipts[] = [
  {
    address: 'ufficio.gare@pec.regione.toscana.it',
    tipo: 'certificato',
    accettazione: { at: DEMO_NOW - 48 * MIN, messageId: '1040' },
    presaInCarico: { at: DEMO_NOW - 48 * MIN + 4_000 },
    esito: { kind: 'consegna', at: DEMO_NOW - 47 * MIN, messageId: '1041' },
  },
  {
    address: 'protocollo@pec.comune-vicino.it',
    tipo: 'certificato',
    accettazione: { at: DEMO_NOW - 48 * MIN, messageId: '1040' },
    presaInCarico: { at: DEMO_NOW - 47 * MIN },
    esito: { kind: 'mancata-consegna', at: DEMO_NOW - 46 * MIN, reason: '5.2.2 - casella piena' },
  },
  { address: 'segreteria@comune-esempio.it', tipo: 'esterno', accettazione: { at: DEMO_NOW - 48 * MIN, messageId: '1040' } },
];

export const demoPecMessage: ViewedMessage = {
  kind: 'pec',
  id: '1042',
  pecKind: 'posta-certificata',
  signature: 'valida',
  envelope: {
    subject: 'POSTA CERTIFICATA: Convocazione seduta pubblica gara n. 2026/014',
    from: pecSender('ufficio.gare@pec.regione.toscana.it'),
    to: [{ address: DEMO_MAILBOX }],
    cc: [],
    date: DEMO_NOW - 12 * MIN,
    body: {
      kind: 'text',
      text: 'Messaggio di posta certificata\n\nIl giorno 12/03/2026 alle ore 09:29:07 (+0100) il messaggio\n"Convocazione seduta pubblica gara n. 2026/014" è stato inviato da "ufficio.gare@pec.regione.toscana.it"\nindirizzato a:\nprotocollo@postacert.comune-esempio.it\nIl messaggio originale è incluso in allegato.',
    },
    attachments: [],
  },
  original: {
    subject: 'Convocazione seduta pubblica gara n. 2026/014',
    from: { name: 'Regione Toscana – Ufficio Gare', address: 'ufficio.gare@pec.regione.toscana.it' },
    to: [{ address: DEMO_MAILBOX }],
    cc: [{ name: 'Segreteria Generale', address: 'segreteria@pec.regione.toscana.it' }],
    date: DEMO_NOW - 12 * MIN - 20_000,
    body: {
      kind: 'text',
      text: 'Gentili operatori,\n\nsi comunica che la seduta pubblica per l\'apertura delle offerte economiche relative alla gara n. 2026/014 si terrà il giorno 19 marzo 2026 alle ore 10:00 presso la sala riunioni della sede regionale.\n\nCordiali saluti,\nUfficio Gare',
    },
    attachments: [
      { part: '2', filename: 'Convocazione_seduta_2026-014.pdf', contentType: 'application/pdf', size: 148_210 },
      { part: '3', filename: 'Allegato_A_elenco_partecipanti.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 21_874 },
    ],
  },
  certificazione: {
    mittente: 'ufficio.gare@pec.regione.toscana.it',
    destinatari: [{ address: DEMO_MAILBOX, tipo: 'certificato' }],
    data: DEMO_NOW - 12 * MIN,
    identificativo: 'opec21010.20260312092907.04412.612.1.60@pec.aruba.it',
    oggetto: 'Convocazione seduta pubblica gara n. 2026/014',
  },
};

export const demoPreview: Omit<MessageViewProps, 'lang' | 'csrfToken'> = { message: demoPecMessage, flagged: true };

export function demoMainProps(overrides: Partial<MainPageProps> = {}): MainPageProps {
  return {
    lang: 'it',
    csrfToken: DEMO_CSRF,
    shell: demoShell,
    layout: 2,
    can: ALL_PERMISSIONS,
    tree: { folders: demoFolders, currentFolderId: 'INBOX', quota: { usedBytes: 2_254_857_830, totalBytes: 3 * 1024 ** 3 } },
    list: {
      folderId: 'INBOX',
      folderName: 'Posta in arrivo',
      rows: demoRows,
      paging: { page: 1, pages: 4, total: 172 },
      sort: 'date',
      dir: 'desc',
      showRecipients: false,
      selectedId: '1042',
    },
    preview: demoPreview,
    ...overrides,
  };
}
