// Why a login is refused, and how each channel says it: IMAP (RFC 5530), POP3 (RFC 2449/3206), SMTP (RFC 4954), HTTP.
import type { Pop3ResponseCode } from '../protocol/pop3/encoder.ts';

export type LoginRefusalReason =
  | 'wrong-credentials'
  | 'mailbox-disabled'
  | 'mailbox-deleted'
  | 'password-expired'
  | 'collaboration-expired'
  | 'channel-not-allowed'
  | 'throttled'
  | 'tls-required'
  | 'mailbox-in-use'
  | 'temporary-failure';

/** RFC 5530 §3 response codes used for login failures. */
export type ImapLoginCode =
  | 'AUTHENTICATIONFAILED'
  | 'EXPIRED'
  | 'CONTACTADMIN'
  | 'PRIVACYREQUIRED'
  | 'UNAVAILABLE'
  | 'NOPERM'
  | 'INUSE';

export interface LoginRefusalWire {
  readonly imap: { readonly code: ImapLoginCode; readonly text: string };
  /** null when RFC 2449/3206 has no code that fits (the text alone explains). */
  readonly pop3: { readonly code: Pop3ResponseCode | null; readonly text: string };
  readonly smtp: { readonly code: number; readonly enhanced: string; readonly text: string };
  readonly http: { readonly status: number; readonly key: string; readonly it: string; readonly en: string };
}

/**
 * Refusals that come from data only a correct password may learn (disabled, expired, …) are given
 * only after the password verified; before that every failure is 'wrong-credentials', so the wire
 * never tells an attacker whether a mailbox exists. A deleted mailbox (seed 003: "non sarà più
 * possibile riattivarla") answers exactly like wrong credentials for the same reason.
 */
export const LOGIN_REFUSALS: Readonly<Record<LoginRefusalReason, LoginRefusalWire>> = {
  'wrong-credentials': wire('AUTHENTICATIONFAILED', 'AUTH', [535, '5.7.8', 'Authentication credentials invalid'], 401, 'login.refused.wrongCredentials',
    'Authentication failed', 'Nome utente o password non corretti', 'Wrong username or password'),
  'mailbox-deleted': wire('AUTHENTICATIONFAILED', 'AUTH', [535, '5.7.8', 'Authentication credentials invalid'], 401, 'login.refused.wrongCredentials',
    'Authentication failed', 'Nome utente o password non corretti', 'Wrong username or password'),
  // Seed 003 "Abilitare/disabilitare": a disabled mailbox cannot be accessed until an administrator re-enables it.
  'mailbox-disabled': wire('CONTACTADMIN', 'AUTH', [535, '5.7.8'], 403, 'login.refused.mailboxDisabled',
    'Mailbox disabled, contact your administrator', 'Casella disabilitata: contattare l\'amministratore', 'Mailbox disabled: contact your administrator'),
  // Seed 003 "Scadenza della password": client access is blocked; the webmail forces a change instead.
  'password-expired': wire('EXPIRED', 'AUTH', [535, '5.7.8'], 403, 'login.refused.passwordExpired',
    'Password expired, change it from the webmail', 'La password è scaduta. Cambia la password per accedere nuovamente alla mailbox.', 'The password has expired. Change it to access the mailbox again.'),
  // Seed 000 §2.7.8: the delega has an end date ("scadenza della collaborazione").
  'collaboration-expired': wire('EXPIRED', 'AUTH', [535, '5.7.8'], 403, 'login.refused.collaborationExpired',
    'Collaboration expired', 'La collaborazione su questa casella è scaduta', 'Your collaboration on this mailbox has expired'),
  // Seed 000 §2.7.8: e.g. "Solo invio" has no webmail/IMAP/POP3, "Solo consultazione" no SMTP.
  'channel-not-allowed': wire('NOPERM', 'AUTH', [535, '5.7.8'], 403, 'login.refused.channelNotAllowed',
    'Access through this service is not allowed for your profile', 'Il tuo profilo di collaborazione non consente l\'accesso da questo servizio', 'Your collaboration profile does not allow access through this service'),
  // RFC 2449 §8.1.1 LOGIN-DELAY tells the client to retry later rather than re-prompt for a password.
  throttled: wire('UNAVAILABLE', 'LOGIN-DELAY', [454, '4.7.0'], 429, 'login.refused.throttled',
    'Too many failed logins, try again later', 'Troppi tentativi di accesso falliti: riprova più tardi', 'Too many failed login attempts: try again later'),
  // RFC 2595 §2.2, RFC 3207 §4 (530 5.7.0), RFC 5530 PRIVACYREQUIRED.
  'tls-required': wire('PRIVACYREQUIRED', null, [530, '5.7.0', 'Must issue a STARTTLS command first'], 403, 'login.refused.tlsRequired',
    'TLS required: use STARTTLS/STLS or the TLS port first', 'È necessaria una connessione cifrata (TLS)', 'An encrypted (TLS) connection is required'),
  // RFC 2449 §8.1.2 IN-USE: another POP3 session holds the maildrop lock.
  'mailbox-in-use': wire('INUSE', 'IN-USE', [454, '4.7.0'], 409, 'login.refused.mailboxInUse',
    'Mailbox in use by another session', 'La casella è in uso da un\'altra sessione', 'The mailbox is in use by another session'),
  // RFC 3206 SYS/TEMP, RFC 5530 UNAVAILABLE, RFC 4954 §6 454 4.7.0: the directory or store did not answer.
  'temporary-failure': wire('UNAVAILABLE', 'SYS/TEMP', [454, '4.7.0'], 503, 'login.refused.temporaryFailure',
    'Temporary authentication failure', 'Servizio temporaneamente non disponibile: riprova più tardi', 'Service temporarily unavailable: try again later'),
};

function wire(
  imap: ImapLoginCode,
  pop3: Pop3ResponseCode | null,
  /** SMTP code, enhanced code and, where RFC 4954 §6 / RFC 3207 §4 give one, the canonical text. */
  [smtpCode, enhanced, smtpText]: [number, string, string?],
  status: number,
  key: string,
  text: string,
  it: string,
  en: string,
): LoginRefusalWire {
  return {
    imap: { code: imap, text },
    pop3: { code: pop3, text },
    smtp: { code: smtpCode, enhanced, text: smtpText ?? text },
    http: { status, key, it, en },
  };
}

/** A refused login, carrying its wire form for every channel (CONVENTIONS 8). */
export class LoginRefusedError extends Error {
  override readonly name = 'LoginRefusedError';
  readonly wire: LoginRefusalWire;

  constructor(
    readonly reason: LoginRefusalReason,
    /** For 'throttled': how long the client should wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`login refused: ${reason}`);
    this.wire = LOGIN_REFUSALS[reason];
  }

  /** `tag NO [CODE] text` for IMAP LOGIN/AUTHENTICATE (RFC 5530). */
  imapLine(tag: string): string {
    return `${tag} NO [${this.wire.imap.code}] ${this.wire.imap.text}`;
  }

  /** `-ERR [CODE] text` for POP3 PASS/AUTH; pass false when RESP-CODES is not in effect (RFC 2449 §6.4). */
  pop3Line(withCode = true): string {
    const { code, text } = this.wire.pop3;
    return withCode && code ? `-ERR [${code}] ${text}` : `-ERR ${text}`;
  }

  /** `535 5.7.8 text` for SMTP AUTH (RFC 4954 §6, RFC 3463 enhanced codes). */
  smtpLine(): string {
    const { code, enhanced, text } = this.wire.smtp;
    return `${code} ${enhanced} ${text}`;
  }

  /** Seconds for an HTTP Retry-After header, when throttled. */
  retryAfterSeconds(): number | null {
    return this.retryAfterMs === null ? null : Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}
