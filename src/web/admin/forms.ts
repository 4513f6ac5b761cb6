// Validation of the console's forms and queries (pure): each field gives a value or an error as a catalogue key with
// its parameters, so the route renders the message in the administrator's language.
import { isMailboxTypeCode, type MailboxTypeCode } from '../../config/mailbox-types.ts';
import { MAX_LOCAL_PART_LENGTH, normalizeAddress } from '../../store/limits.ts';
import type { SearchMode } from '../../store/admin-repo.ts';
import type { MailboxState } from '../../store/mailbox-repo.ts';
import type { AdminKey, AdminParams } from '../../../templates/admin/i18n.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; key: AdminKey; params?: AdminParams };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(key: AdminKey, params?: AdminParams): Checked<T> => ({ ok: false, key, params });

/** A disk quota above 1 TiB is a typing error, not a mailbox (seed 001 §1.4's largest type has 12 GB). */
export const MAX_QUOTA_MB = 1_048_576;
/** Mailboxes per page of the list (seed 003: "rappresentato tramite schermate successive"). */
export const ADMIN_PAGE_SIZE = 25;
/** Rows of one export: beyond this the administrator narrows the search. */
export const MAX_EXPORT_ROWS = 20_000;
/** A form field longer than this is hostile whatever it is (the longest real one is an address, 254). */
export const MAX_FIELD_LENGTH = 512;
/** Highest page number accepted in a query string. */
export const MAX_PAGE_NUMBER = 1_000_000;

// seed 003 "nome casella: unica stringa senza spazi": a conservative subset of the dot-atom that every client and
// every other provider accepts.
const NAME = /^[a-z0-9](?:[a-z0-9_-]|\.(?!\.))*[a-z0-9_-]$|^[a-z0-9]$/;

/** seed 003 "Creare una casella": one string, no spaces, no "@dominio". */
export function checkMailboxName(raw: string, domain: string): Checked<string> {
  const v = raw.trim().toLowerCase();
  if (v === '') return fail('admin.err.nameRequired');
  if (/\s/.test(v)) return fail('admin.err.nameSpaces');
  if (v.includes('@')) return fail('admin.err.nameAt', { domain });
  if (v.length > MAX_LOCAL_PART_LENGTH) return fail('admin.err.nameTooLong', { max: MAX_LOCAL_PART_LENGTH });
  if (!NAME.test(v)) return fail('admin.err.nameInvalid');
  return ok(v);
}

export function checkEmail(raw: string, required: boolean): Checked<string | null> {
  const v = raw.trim();
  if (v === '') return required ? fail('admin.err.emailRequired') : ok(null);
  if (v.length > MAX_FIELD_LENGTH || /[\s<>"]/.test(v)) return fail('admin.err.emailInvalid');
  try {
    return ok(normalizeAddress(v));
  } catch {
    return fail('admin.err.emailInvalid');
  }
}

function wholeNumber(raw: string): number | null {
  const v = raw.trim();
  return /^[0-9]{1,9}$/.test(v) ? Number(v) : null;
}

export function checkQuotaMb(raw: string): Checked<number> {
  const n = wholeNumber(raw);
  return n === null || n < 1 || n > MAX_QUOTA_MB ? fail('admin.err.quota', { max: MAX_QUOTA_MB }) : ok(n);
}

/** Empty: the soft limit follows the quota at 80 % (seed 003 "Modificare lo spazio"). */
export function checkSoftLimitMb(raw: string, quotaMb: number): Checked<number | null> {
  if (raw.trim() === '') return ok(null);
  const n = wholeNumber(raw);
  return n === null || n > quotaMb ? fail('admin.err.softLimit') : ok(n);
}

export function checkType(raw: string): Checked<MailboxTypeCode> {
  return isMailboxTypeCode(raw) ? ok(raw) : fail('admin.err.choice');
}

export function checkState(raw: string): Checked<'attiva' | 'disabilitata'> {
  return raw === 'attiva' || raw === 'disabilitata' ? ok(raw) : fail('admin.err.choice');
}

export function checkYesNo(raw: string): Checked<boolean> {
  return raw === '1' ? ok(true) : raw === '0' ? ok(false) : fail('admin.err.choice');
}

export interface ListQuery {
  q: string;
  mode: SearchMode;
  state: MailboxState | undefined;
  page: number;
}

/** seed 003 "Ricerca": text (starts with / contains), state, page. Unknown values fall back to the default. */
export function checkListQuery(query: Record<string, string | undefined>): Checked<ListQuery> {
  const q = (query['q'] ?? '').trim().toLowerCase();
  if (q.length > MAX_LOCAL_PART_LENGTH) return fail('admin.err.search', { max: MAX_LOCAL_PART_LENGTH });
  const mode: SearchMode = query['mode'] === 'starts' ? 'starts' : 'contains';
  const s = query['state'];
  const state = s === 'attiva' || s === 'disabilitata' || s === 'cancellata' ? s : undefined;
  const p = wholeNumber(query['page'] ?? '');
  const page = p === null || p < 1 ? 1 : Math.min(p, MAX_PAGE_NUMBER);
  return ok({ q, mode, state, page });
}

export const MB = 1024 * 1024;
export const toMb = (bytes: number): number => Math.floor(bytes / MB);

/** A form field as a bounded string (absent, repeated or file fields become ''). */
export function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  return typeof v === 'string' && v.length <= MAX_FIELD_LENGTH ? v : '';
}
