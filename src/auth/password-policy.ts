// Password rules for titolari (seed 000 §2.2) and collaboratori (seed 000 §2.7.8.2), with their messages.

export type PasswordHolderKind = 'titolare' | 'collaboratore';

export type PasswordRule =
  | 'min-length'
  | 'max-length'
  | 'uppercase'
  | 'lowercase'
  | 'digit'
  | 'special'
  | 'charset'
  | 'confirmation-mismatch'
  | 'same-as-old';

export interface PasswordViolation {
  readonly rule: PasswordRule;
  /** i18n catalogue key. */
  readonly key: string;
  readonly it: string;
  readonly en: string;
}

/** Seed 000 §2.2: "almeno 8 caratteri". */
export const HOLDER_PASSWORD_MIN_LENGTH = 8;
/**
 * The seed sets no maximum for titolari; this bound is ours: it keeps hashing cost and form
 * input bounded and is far above anything typed by hand.
 */
export const HOLDER_PASSWORD_MAX_LENGTH = 128;
/** Seed 000 §2.2: "un carattere speciale tra @?#+-:~_!". */
export const HOLDER_SPECIAL_CHARS = '@?#+-:~_!';
/** Seed 000 §2.7.8.2: "lunghezza compresa fra 8 e 20 caratteri". */
export const COLLABORATOR_PASSWORD_MIN_LENGTH = 8;
export const COLLABORATOR_PASSWORD_MAX_LENGTH = 20;
/** Seed 000 §2.7.8.2: "un carattere speciale _-?#+;!@" (note `;` where the titolare rule has `:~`). */
export const COLLABORATOR_SPECIAL_CHARS = '_-?#+;!@';

interface RuleSet {
  readonly min: number;
  readonly max: number;
  readonly specials: string;
  /** Seed 000 §2.7.8.2 asks collaborators for a number, an uppercase letter and a special character only. */
  readonly requireLowercase: boolean;
}

const RULES: Readonly<Record<PasswordHolderKind, RuleSet>> = {
  titolare: {
    min: HOLDER_PASSWORD_MIN_LENGTH,
    max: HOLDER_PASSWORD_MAX_LENGTH,
    specials: HOLDER_SPECIAL_CHARS,
    requireLowercase: true,
  },
  collaboratore: {
    min: COLLABORATOR_PASSWORD_MIN_LENGTH,
    max: COLLABORATOR_PASSWORD_MAX_LENGTH,
    specials: COLLABORATOR_SPECIAL_CHARS,
    requireLowercase: false,
  },
};

export interface PasswordChange {
  readonly kind: PasswordHolderKind;
  readonly password: string;
  /** "Ripeti la nuova password" (seed 000 §2.2, §2.7.2); omitted when the form has no second field. */
  readonly confirmation?: string;
  /** The current password the user typed (seed 000 §2.7.2, §2.7.8.2); omitted on reset by link. */
  readonly oldPassword?: string;
}

/**
 * Returns every rule the new password breaks (empty when it is acceptable), so the form can show
 * them all at once next to the legend the seed describes.
 *
 * Characters: only ASCII letters, digits and the rule's special characters. The seeds list the
 * admitted specials, and the password travels in POP3 PASS lines, IMAP quoted strings and SASL
 * PLAIN, where spaces, controls and non-ASCII break real clients.
 *
 * Same as old: seed 000 §2.7.2 does not say it in words, but seed 003 ("Scadenza della password")
 * makes a change mandatory every 90 days, which re-entering the same password would defeat.
 */
export function checkNewPassword(change: PasswordChange): PasswordViolation[] {
  const rules = RULES[change.kind];
  const pw = change.password;
  const out: PasswordViolation[] = [];
  const chars = Array.from(pw.length > rules.max * 4 ? pw.slice(0, rules.max * 4) : pw);
  const length = pw.length > rules.max * 4 ? Number.POSITIVE_INFINITY : chars.length;
  if (length < rules.min) out.push(violation('min-length', rules));
  if (length > rules.max) out.push(violation('max-length', rules));
  if (!chars.some((c) => c >= 'A' && c <= 'Z')) out.push(violation('uppercase', rules));
  if (rules.requireLowercase && !chars.some((c) => c >= 'a' && c <= 'z')) out.push(violation('lowercase', rules));
  if (!chars.some((c) => c >= '0' && c <= '9')) out.push(violation('digit', rules));
  if (!chars.some((c) => rules.specials.includes(c))) out.push(violation('special', rules));
  if (!chars.every((c) => isAllowedChar(c, rules))) out.push(violation('charset', rules));
  if (change.confirmation !== undefined && change.confirmation !== pw) out.push(violation('confirmation-mismatch', rules));
  if (change.oldPassword !== undefined && change.oldPassword === pw) out.push(violation('same-as-old', rules));
  return out;
}

function isAllowedChar(c: string, rules: RuleSet): boolean {
  return /^[A-Za-z0-9]$/.test(c) || rules.specials.includes(c);
}

/** The legend shown beside the form (seed 000 §2.2 and §2.7.8.2 wording). */
export function passwordLegend(kind: PasswordHolderKind): { key: string; it: string; en: string } {
  const r = RULES[kind];
  if (kind === 'titolare') {
    return {
      key: 'password.legend.titolare',
      it: `La password deve essere composta da almeno ${r.min} caratteri, così composta: un carattere MAIUSCOLO, uno minuscolo, un numero e un carattere speciale tra ${r.specials}`,
      en: `The password must be at least ${r.min} characters long, with one UPPERCASE letter, one lowercase letter, one digit and one special character among ${r.specials}`,
    };
  }
  return {
    key: 'password.legend.collaboratore',
    it: `Lunghezza compresa fra ${r.min} e ${r.max} caratteri, almeno un numero, una lettera maiuscola e un carattere speciale ${r.specials}`,
    en: `Between ${r.min} and ${r.max} characters, with at least one digit, one uppercase letter and one special character among ${r.specials}`,
  };
}

function violation(rule: PasswordRule, r: RuleSet): PasswordViolation {
  const m = MESSAGES[rule](r);
  return { rule, key: `password.rule.${rule}`, it: m.it, en: m.en };
}

const MESSAGES: Readonly<Record<PasswordRule, (r: RuleSet) => { it: string; en: string }>> = {
  'min-length': (r) => ({ it: `La password deve avere almeno ${r.min} caratteri`, en: `The password must be at least ${r.min} characters long` }),
  'max-length': (r) => ({ it: `La password può avere al massimo ${r.max} caratteri`, en: `The password can be at most ${r.max} characters long` }),
  uppercase: () => ({ it: 'La password deve contenere una lettera maiuscola', en: 'The password must contain an uppercase letter' }),
  lowercase: () => ({ it: 'La password deve contenere una lettera minuscola', en: 'The password must contain a lowercase letter' }),
  digit: () => ({ it: 'La password deve contenere un numero', en: 'The password must contain a digit' }),
  special: (r) => ({ it: `La password deve contenere un carattere speciale tra ${r.specials}`, en: `The password must contain a special character among ${r.specials}` }),
  charset: (r) => ({ it: `La password può contenere solo lettere non accentate, numeri e i caratteri ${r.specials}`, en: `The password may contain only unaccented letters, digits and the characters ${r.specials}` }),
  'confirmation-mismatch': () => ({ it: 'Le due password non coincidono', en: 'The two passwords do not match' }),
  'same-as-old': () => ({ it: 'La nuova password deve essere diversa da quella attuale', en: 'The new password must differ from the current one' }),
};
