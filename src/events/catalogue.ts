// The one catalogue of typed events (CONVENTIONS 7): the stdout log, the PEC log, metrics and admin search read these.
import type { RuntimeEvent } from '../runtime/system.ts';

export type ProviderEvent =
  | { type: 'provider.started'; dataDir: string; listeners: Record<string, string> }
  | { type: 'provider.stopped' }
  | { type: 'provider.pki-created'; dir: string }
  | { type: 'provider.demo-seeded'; mailboxes: string[]; admin: string };

export type AccountEvent =
  | { type: 'account.domain-created'; domain: string }
  | { type: 'account.mailbox-created'; address: string; mailboxType: string }
  | { type: 'account.admin-created'; username: string; domains: string[] }
  /** seed 003: a casella enabled again delivers what was held while it was disabled (the PEC points listen). */
  | { type: 'account.mailbox-state-changed'; address: string; state: 'attiva' | 'disabilitata' | 'cancellata'; by: string }
  | { type: 'account.password-set'; login: string }
  | { type: 'auth.login-succeeded'; login: string; channel: string; remote?: string }
  | { type: 'auth.login-refused'; login: string; channel: string; reason: string; remote?: string };

export type MailboxEvent =
  | { type: 'mailbox.message-stored'; address: string; folder: string; uid: number; size: number; reason: string }
  | { type: 'mailbox.message-refused'; address: string; reason: string; size: number }
  | { type: 'mailbox.quota-threshold'; address: string; percent: number; usedBytes: number; quotaBytes: number }
  | { type: 'mailbox.changed'; address: string; folderId: number; modseq: number };

export type PecEvent = {
  type: `pec.${string}`;
  identificativo?: string;
  mittente?: string;
  destinatari?: string[];
  [k: string]: unknown;
};

export type AppEvent = ProviderEvent | AccountEvent | MailboxEvent | RuntimeEvent | PecEvent;
