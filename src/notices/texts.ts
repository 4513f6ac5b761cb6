// The texts of the ordinary notices the provider sends (pure): reset links, new-mailbox instructions, communication
// e-mail changes, password expiry and quota thresholds, in Italian as in seed 003.
import type { ExpiryNotice } from '../auth/password-expiry.ts';

export interface NoticeText {
  readonly subject: string;
  readonly body: string;
}

/** Dates in notices are Italian civil time (the service is Italian; SPEC D13 shows PEC times the same way). */
const DATE_FORMAT = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});
export const formatNoticeDate = (ms: number): string => DATE_FORMAT.format(new Date(ms));

/** Characters of the local part left visible by maskAddress (seed 003 fig. 15: "nom*****@dominio"). */
export const MASK_VISIBLE_CHARS = 3;

/** seed 003 fig. 15: the reset e-mail names the mailbox partly hidden, "nom*****@dominiotest.postecert.it". */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const domain = at < 0 ? '' : address.slice(at);
  return `${local.slice(0, Math.min(MASK_VISIBLE_CHARS, Math.max(1, local.length - 1)))}*****${domain}`;
}

const SIGNATURE = '\n\nQuesto è un messaggio automatico del servizio di Posta Elettronica Certificata: non rispondere.';

/** seed 003 "Creare una casella" and "Effettuare il reset della password": the one-time 24 h link. */
export function resetLinkText(o: { address: string; url: string; expiresAt: number; created: boolean }): NoticeText {
  const subject = o.created ? 'Attivazione della tua casella PEC' : 'Reset della password della tua casella PEC';
  const intro = o.created ? `è stata creata la casella PEC ${maskAddress(o.address)}.\n\n` : '';
  const body =
    `Gentile Cliente,\n\n${intro}per impostare/recuperare la password di accesso alla tua casella PEC ${maskAddress(o.address)}, ` +
    `apri il collegamento seguente e segui le istruzioni:\n\n${o.url}\n\n` +
    `Il collegamento è monouso e valido fino al ${formatNoticeDate(o.expiresAt)} (24 ore).${SIGNATURE}`;
  return { subject, body };
}

/** seed 003 "Inserire o modificare l'indirizzo email per le comunicazioni": sent to the new, the old and the PEC box. */
export function communicationEmailText(o: { address: string; oldEmail: string | null; newEmail: string; at: number }): NoticeText {
  return {
    subject: 'Modifica dell\'indirizzo e-mail per le comunicazioni',
    body:
      `Gentile Cliente,\n\nil ${formatNoticeDate(o.at)} l'indirizzo e-mail per le comunicazioni della casella PEC ${o.address} ` +
      `è stato modificato.\n\nIndirizzo precedente: ${o.oldEmail ?? '(nessuno)'}\nNuovo indirizzo: ${o.newEmail}\n\n` +
      `Se non hai richiesto tu la modifica, contatta l'amministratore del dominio.${SIGNATURE}`,
  };
}

/** seed 003 "Scadenza della password": reminders 20, 10 and 5 days before, then "password scaduta". */
export function passwordExpiryText(o: { address: string; notice: ExpiryNotice; expiresAt: number }): NoticeText {
  if (o.notice.kind === 'scaduta') {
    return {
      subject: 'Password scaduta',
      body:
        `Gentile Cliente,\n\nla password di accesso alla casella PEC ${o.address} è scaduta il ${formatNoticeDate(o.expiresAt)}. ` +
        `L'accesso con i programmi di posta è bloccato; la casella continua a ricevere messaggi. ` +
        `Accedi alla Webmail con la password scaduta: ti verrà chiesto di cambiarla.${SIGNATURE}`,
    };
  }
  return {
    subject: `La password scade tra ${o.notice.daysBefore} giorni`,
    body:
      `Gentile Cliente,\n\nla password di accesso alla casella PEC ${o.address} scadrà il ${formatNoticeDate(o.expiresAt)} ` +
      `(tra ${o.notice.daysBefore} giorni). La password va cambiata ogni 90 giorni: modificala dalla Webmail, ` +
      `Impostazioni > Password.${SIGNATURE}`,
  };
}

/** seed 000 §2.1 (70 % and 90 %) and seed 003 (soft limit): the holder is told so that they can act. */
export function quotaText(o: { address: string; percent: number; soft: boolean; usedBytes: number; quotaBytes: number }): NoticeText {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1).replace('.', ',');
  const what = o.soft ? `ha raggiunto il limite di avviso (soft limit, ${o.percent}%)` : `ha raggiunto il ${o.percent}% dello spazio disponibile`;
  return {
    subject: o.soft ? 'Casella PEC in esaurimento: soft limit raggiunto' : `Casella PEC occupata al ${o.percent}%`,
    body:
      `Gentile Cliente,\n\nla casella PEC ${o.address} ${what}: ${mb(o.usedBytes)} MB usati su ${mb(o.quotaBytes)} MB.\n\n` +
      `Quando la casella è piena i nuovi messaggi non vengono consegnati: elimina o archivia i messaggi che non ti servono.${SIGNATURE}`,
  };
}
