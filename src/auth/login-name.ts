// Parsing of login names: `mailbox@domain` (titolare) or `username/mailbox@domain` (collaboratore), seed 001 §2.1.

/** RFC 5321 §4.5.3.1.3: a path holds at most 256 octets, so an address at most 254. */
export const MAX_ADDRESS_BYTES = 254;
/** RFC 5321 §4.5.3.1.1. */
export const MAX_LOCAL_PART_BYTES = 64;
/** RFC 1035 §2.3.4. */
export const MAX_DOMAIN_BYTES = 253;
export const MAX_DOMAIN_LABEL_BYTES = 63;
/** Collaborator usernames are chosen by the collaborator (seed 000 §2.7.8); bounded like a local part. */
export const MAX_USERNAME_BYTES = 64;
/** username + "/" + address. */
export const MAX_LOGIN_BYTES = MAX_USERNAME_BYTES + 1 + MAX_ADDRESS_BYTES;

/**
 * Mailbox local parts are created by the provider, so a conservative set is enforced: lowercase
 * letters, digits, dot, hyphen, underscore; no leading, trailing or doubled dot. In particular no
 * `/`, which RFC 5322 atext allows but which would make `a/b@d` ambiguous with the collaborator form.
 */
export const MAILBOX_LOCAL_PART_PATTERN = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
/** Collaborator usernames (seed 000 §2.7.8 examples: "mario", "uferrara"): starts and ends alphanumeric. */
export const USERNAME_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export interface MailboxAddress {
  /** Lowercased `local@domain`. */
  readonly address: string;
  readonly localPart: string;
  readonly domain: string;
}

export type LoginName =
  | ({ readonly kind: 'titolare' } & MailboxAddress)
  | ({ readonly kind: 'collaboratore'; readonly username: string } & MailboxAddress);

export type LoginNameError =
  | 'empty'
  | 'too-long'
  | 'not-ascii'
  | 'missing-at'
  | 'bad-local-part'
  | 'bad-domain'
  | 'bad-username';

export type LoginNameResult =
  | { readonly ok: true; readonly login: LoginName }
  | { readonly ok: false; readonly error: LoginNameError };

/**
 * Parses what a user typed as "Nome utente" (seed 001 §2.1, seed 000 §2.7.8): lowercased, no
 * surrounding whitespace accepted (the web form trims before calling). Non-ASCII is refused: PEC
 * addresses are ASCII and case folding of other scripts is not stable (`İ`.toLowerCase()).
 */
export function parseLoginName(raw: string): LoginNameResult {
  if (raw.length === 0) return fail('empty');
  // Cheap bound before any scan: ASCII is one byte per UTF-16 unit, anything else is refused below.
  if (raw.length > MAX_LOGIN_BYTES) return fail('too-long');
  if (!/^[\x21-\x7e]+$/.test(raw)) return fail('not-ascii');
  const lower = raw.toLowerCase();
  const slash = lower.indexOf('/');
  if (slash < 0) {
    const address = parseMailboxAddress(lower);
    return address.ok ? { ok: true, login: { kind: 'titolare', ...address.value } } : fail(address.error);
  }
  const username = lower.slice(0, slash);
  if (!isValidUsername(username)) return fail('bad-username');
  const address = parseMailboxAddress(lower.slice(slash + 1));
  if (!address.ok) return fail(address.error);
  return { ok: true, login: { kind: 'collaboratore', username, ...address.value } };
}

type AddressResult =
  | { readonly ok: true; readonly value: MailboxAddress }
  | { readonly ok: false; readonly error: LoginNameError };

/** Parses a mailbox address already known to be printable ASCII; lowercases it. */
export function parseMailboxAddress(input: string): AddressResult {
  const s = input.toLowerCase();
  if (s.length > MAX_ADDRESS_BYTES) return { ok: false, error: 'too-long' };
  const at = s.lastIndexOf('@');
  if (at < 0) return { ok: false, error: 'missing-at' };
  const localPart = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (localPart.length === 0 || localPart.length > MAX_LOCAL_PART_BYTES || !MAILBOX_LOCAL_PART_PATTERN.test(localPart)) {
    return { ok: false, error: 'bad-local-part' };
  }
  if (!isValidDomain(domain)) return { ok: false, error: 'bad-domain' };
  return { ok: true, value: { address: `${localPart}@${domain}`, localPart, domain } };
}

export function isValidUsername(username: string): boolean {
  return username.length > 0 && username.length <= MAX_USERNAME_BYTES && USERNAME_PATTERN.test(username);
}

/** LDH host name with at least two labels (IDNs arrive as A-labels, `xn--…`). */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN_BYTES) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => l.length <= MAX_DOMAIN_LABEL_BYTES && DOMAIN_LABEL.test(l));
}

/** The canonical login string for a parsed login. */
export function formatLoginName(login: LoginName): string {
  return login.kind === 'collaboratore' ? `${login.username}/${login.address}` : login.address;
}

function fail(error: LoginNameError): LoginNameResult {
  return { ok: false, error };
}
