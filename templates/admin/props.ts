// The plain, already-decided data the admin templates render: routes build these from the store; templates apply
// no rules (the password state, the sizes in MB and the allowed actions arrive computed).
import type { Flash } from '../components/flash.tsx';
import type { Lang } from '../i18n/index.ts';

export type { Lang } from '../i18n/index.ts';
export type MailboxStateName = 'attiva' | 'disabilitata' | 'cancellata';
export type TypeCode = 'A' | 'B' | 'C';
export const STATES: readonly MailboxStateName[] = ['attiva', 'disabilitata', 'cancellata'];
export const TYPES: readonly TypeCode[] = ['A', 'B', 'C'];

/** Every signed-in console page: language, CSRF token, who is signed in and on which domain. */
export interface ConsoleBase {
  readonly lang: Lang;
  readonly csrfToken: string;
  readonly admin: string;
  readonly superAdmin: boolean;
  /** The chosen domain's name; absent on the domain choice and super-administrator pages before a choice. */
  readonly domain?: string | undefined;
  /** More than one domain to choose from: the header shows "Cambia dominio". */
  readonly canChangeDomain: boolean;
  readonly flashes?: readonly Flash[] | undefined;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface MailboxRow {
  readonly id: number;
  readonly name: string;
  readonly address: string;
  readonly createdAt: number;
  readonly state: MailboxStateName;
  readonly type: TypeCode;
  readonly quotaMb: number;
  readonly usedBytes: number;
}

export type PasswordInfo =
  | { readonly state: 'valida'; readonly expiresAt: number }
  | { readonly state: 'in-scadenza'; readonly daysLeft: number }
  | { readonly state: 'scaduta' }
  | { readonly state: 'none' };

export interface MailboxDetail extends MailboxRow {
  readonly domain: string;
  readonly communicationEmail: string | null;
  readonly softLimitMb: number;
  readonly softLimitManual: boolean;
  readonly conservazione: boolean;
  readonly password: PasswordInfo;
}

export interface MailboxForm {
  readonly name?: string | undefined;
  readonly communicationEmail?: string | undefined;
  readonly conservazione?: boolean | undefined;
  readonly type?: TypeCode | undefined;
  readonly state?: 'attiva' | 'disabilitata' | undefined;
  readonly quotaMb?: string | undefined;
  readonly softLimitMb?: string | undefined;
}
