// Texts the webmail routes produce themselves (flashes, form errors), in the two UI languages; the templates'
// own labels stay in templates/i18n.
import type { Lang } from '../../../templates/i18n/index.ts';

const TEXTS = {
  'login.failed': { it: 'Nome utente o password non validi', en: 'Invalid user name or password' },
  'password.wrongCurrent': { it: 'La password attuale non è corretta', en: 'The current password is not correct' },
  'password.changed': { it: 'Password modificata', en: 'Password changed' },
  'password.required': { it: 'Campo obbligatorio', en: 'Required field' },
  'mail.sent': { it: 'Messaggio inviato: le ricevute compariranno in Posta in arrivo', en: 'Message sent: the receipts will appear in the Inbox' },
  'mail.notAccepted': { it: 'Messaggio non accettato', en: 'Message not accepted' },
  'mail.draftSaved': { it: 'Bozza salvata', en: 'Draft saved' },
  'mail.sendUnavailable': { it: 'Invio non disponibile in questo momento: riprova più tardi', en: 'Sending is not available right now: try again later' },
  'mail.toRequired': { it: 'Indica almeno un destinatario', en: 'Enter at least one recipient' },
  'mail.badAddress': { it: 'Indirizzo non valido: {value}', en: 'Invalid address: {value}' },
  'mail.tooBig': { it: 'Il messaggio supera il limite: dimensione per numero di destinatari {size} oltre {max}', en: 'The message is over the limit: size times recipients {size} above {max}' },
  'mail.tooManyRecipients': { it: 'Troppi destinatari (massimo {max})', en: 'Too many recipients (at most {max})' },
  'mail.overQuota': { it: 'Casella piena: libera spazio e riprova', en: 'Mailbox full: free some space and try again' },
  'mail.deleted': { it: '{n} messaggi eliminati', en: '{n} messages deleted' },
  'mail.nothingSelected': { it: 'Nessun messaggio selezionato', en: 'No message selected' },
  'settings.saved': { it: 'Impostazioni salvate', en: 'Settings saved' },
  'settings.reset': { it: 'Regola cancellata', en: 'Rule removed' },
  'settings.badEmail': { it: 'Indirizzo e-mail non valido', en: 'Invalid e-mail address' },
  'settings.notPec': { it: 'Indica una casella e-mail non certificata', en: 'Enter an ordinary (non-PEC) mailbox' },
  'settings.unavailable': { it: 'Funzione non ancora disponibile', en: 'Not available yet' },
  'folders.exists': { it: 'Esiste già una cartella con questo nome', en: 'A folder with this name already exists' },
  'folders.invalid': { it: 'Nome cartella non valido', en: 'Invalid folder name' },
  'folders.created': { it: 'Cartella creata', en: 'Folder created' },
  'folders.renamed': { it: 'Cartella rinominata', en: 'Folder renamed' },
  'folders.deleted': { it: 'Cartella eliminata', en: 'Folder deleted' },
  'filters.invalid': { it: 'Indica almeno una condizione e un\'azione', en: 'Give at least one condition and one action' },
  'filters.saved': { it: 'Filtro salvato', en: 'Filter saved' },
  'filters.deleted': { it: 'Filtro eliminato', en: 'Filter deleted' },
  'rubrica.saved': { it: 'Contatto salvato', en: 'Contact saved' },
  'rubrica.groupSaved': { it: 'Gruppo salvato', en: 'Group saved' },
  'rubrica.groupExists': { it: 'Esiste già un gruppo con questo nome', en: 'A group with this name already exists' },
  'rubrica.badEmail': { it: 'Indirizzo e-mail non valido', en: 'Invalid e-mail address' },
  'rubrica.tooLong': { it: 'Testo troppo lungo', en: 'Text too long' },
  'error.notFound': { it: 'Non trovato', en: 'Not found' },
  'error.forbidden': { it: 'Operazione non consentita', en: 'Operation not allowed' },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXTS;

export function text(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[key][lang].replace(/\{(\w+)\}/g, (w, n: string) => (params[n] === undefined ? w : String(params[n])));
}
