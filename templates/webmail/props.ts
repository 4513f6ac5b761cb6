// The plain, already-decided data the webmail templates render. Routes build these; templates apply no rules.
import type { Lang } from '../i18n/index.ts';
import type { ListQuery, SortDir, SortKey } from '../urls.ts';

export type { Lang } from '../i18n/index.ts';
export type { ListQuery, SortDir, SortKey } from '../urls.ts';

/** Every page and fragment knows its language and the CSRF token for the forms it shows. */
export interface PageBase {
  readonly lang: Lang;
  readonly csrfToken: string;
}

/** What the signed-in principal may do (owner: all; collaborator "solo consultazione": none). */
export interface Permissions {
  readonly send: boolean;
  readonly delete: boolean;
  /** flag, move, copy */
  readonly organize: boolean;
}

export const ALL_PERMISSIONS: Permissions = { send: true, delete: true, organize: true };
export const READ_ONLY: Permissions = { send: false, delete: false, organize: false };

export interface Address {
  readonly name?: string | undefined;
  readonly address: string;
}

/** X-Ricevuta / X-Trasporto values (RFC 6109 App. A) plus `anomalia` for `X-Trasporto: errore`. */
export const PEC_KINDS = [
  'posta-certificata',
  'anomalia',
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
export type PecKind = (typeof PEC_KINDS)[number];

export type StandardFolder = 'inbox' | 'sent' | 'drafts' | 'trash';

export interface FolderNode {
  readonly id: string;
  /** Standard folders are labelled from the catalogue; own folders show `name`. */
  readonly standard?: StandardFolder | undefined;
  readonly name: string;
  readonly unread: number;
  readonly children: readonly FolderNode[];
}

export interface Quota {
  readonly usedBytes: number;
  readonly totalBytes: number;
}

export interface MessageRow {
  readonly id: string;
  /** Sender for received folders; the list shows `to` instead when `ListProps.showRecipients`. */
  readonly from: Address;
  readonly to: readonly Address[];
  readonly subject: string;
  readonly date: number;
  readonly size: number;
  readonly unread: boolean;
  readonly flagged: boolean;
  readonly hasAttachments: boolean;
  readonly pecKind?: PecKind | undefined;
}

export interface Paging {
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

export interface ListProps extends PageBase {
  readonly folderId: string;
  readonly folderName: string;
  readonly rows: readonly MessageRow[];
  readonly paging: Paging;
  readonly sort: SortKey;
  readonly dir: SortDir;
  /** Sent and drafts show the recipients column instead of the sender. */
  readonly showRecipients: boolean;
  readonly selectedId?: string | undefined;
  readonly can: Permissions;
}

export interface Attachment {
  /** The MIME part reference used in the download URL. */
  readonly part: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** The body as decided by the route: HTML is already sanitized and is shown only in a sandboxed frame. */
export type Body =
  | { readonly kind: 'text'; readonly text: string }
  /**
   * `src`: the route that serves the same sanitized HTML with its own strict CSP (the frame loads it; a srcdoc
   * frame would inherit the page's CSP and lose the mail's inline styles). Without it the frame uses srcdoc.
   */
  | { readonly kind: 'html'; readonly sanitizedHtml: string; readonly src?: string | undefined }
  | { readonly kind: 'none' };

export interface MessageContent {
  readonly subject: string;
  readonly from: Address;
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly date: number;
  readonly body: Body;
  readonly attachments: readonly Attachment[];
}

/** daticert.xml `destinatari tipo` (RFC 6109 §4.4). */
export interface CertRecipient {
  readonly address: string;
  readonly tipo: 'certificato' | 'esterno';
}

/** The "Dati di certificazione" read from daticert.xml. */
export interface DatiCertificazione {
  readonly mittente: string;
  readonly destinatari: readonly CertRecipient[];
  readonly data: number;
  readonly identificativo: string;
  readonly oggetto: string;
  readonly errore?: string | undefined;
}

export type SignatureStatus = 'valida' | 'gestore-non-riconosciuto' | 'non-valida' | 'assente';

/** Per-recipient progress of a sent message (SPEC §3: accettazione, presa in carico, consegna / mancata consegna). */
export interface RecipientReceipts {
  readonly address: string;
  readonly tipo: 'certificato' | 'esterno';
  readonly accettazione?: ReceiptStep | undefined;
  readonly presaInCarico?: ReceiptStep | undefined;
  readonly esito?: ReceiptOutcome | undefined;
}
export interface ReceiptStep {
  readonly at: number;
  /** The receipt message, when it is in the mailbox. */
  readonly messageId?: string | undefined;
}
export type ReceiptOutcome =
  | (ReceiptStep & { readonly kind: 'consegna' })
  | (ReceiptStep & { readonly kind: 'mancata-consegna'; readonly reason: string })
  | (ReceiptStep & { readonly kind: 'preavviso'; readonly reason: string });

export type ViewedMessage =
  | { readonly kind: 'plain'; readonly id: string; readonly content: MessageContent }
  | {
      readonly kind: 'pec';
      readonly id: string;
      readonly pecKind: PecKind;
      /** The outer message as received (subject "POSTA CERTIFICATA: …", sender "Per conto di: …"). */
      readonly envelope: MessageContent;
      /** postacert.eml; absent from a sintetica receipt and from notices. */
      readonly original?: MessageContent | undefined;
      readonly certificazione?: DatiCertificazione | undefined;
      readonly signature: SignatureStatus;
    };

export interface MessageViewProps extends PageBase {
  readonly message: ViewedMessage;
  readonly flagged: boolean;
  /** For a message in Posta inviata: the receipts timeline. */
  readonly receipts?: readonly RecipientReceipts[] | undefined;
}

export interface ToolbarProps extends PageBase {
  readonly can: Permissions;
  readonly folderId: string;
  readonly listQuery: ListQuery;
  /** Actions on a message are enabled only when one is selected. */
  readonly selected?: { readonly id: string; readonly flagged: boolean } | undefined;
  /** Move/copy targets. */
  readonly folders: readonly FolderNode[];
  /** The selected message is a draft (in Bozze): "Modifica bozza" replaces Rispondi / Rispondi a tutti / Inoltra. */
  readonly selectedIsDraft?: boolean | undefined;
}

export type Layout = 2 | 3;

export interface FolderTreeProps {
  readonly lang: Lang;
  readonly folders: readonly FolderNode[];
  readonly currentFolderId: string;
  readonly quota: Quota;
}

export interface MainProps extends PageBase {
  readonly layout: Layout;
  readonly tree: Omit<FolderTreeProps, 'lang'>;
  readonly list: Omit<ListProps, 'lang' | 'csrfToken' | 'can'>;
  readonly can: Permissions;
  readonly preview?: Omit<MessageViewProps, 'lang' | 'csrfToken'> | undefined;
}

export interface FormError {
  /** The field name the error belongs to, or absent for the whole form. */
  readonly field?: string | undefined;
  /** Already-localised text (routes use `t()` from templates/i18n). */
  readonly message: string;
}
