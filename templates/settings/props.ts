// The plain data the settings pages render (seed 000 §2.7.1-§2.7.5). Routes build these; templates apply no rules.
import type { ShellProps } from '../layouts/app.tsx';
import type { FolderNode, FormError, Layout, PageBase, PecKind } from '../webmail/props.ts';
import type { Flash } from '../components/flash.tsx';

export type SettingsSection = 'preferences' | 'folders' | 'password' | 'notifica' | 'inoltro' | 'filters';

/** Every settings page: the shell, flashes and the errors of its form. */
export interface SettingsBase extends PageBase {
  readonly shell: ShellProps;
  readonly flashes?: readonly Flash[] | undefined;
  readonly errors?: readonly FormError[] | undefined;
}

export interface FoldersSettingsProps extends SettingsBase {
  /** The whole tree: standard folders are listed as parents but cannot be renamed or deleted. */
  readonly folders: readonly FolderNode[];
  readonly canOrganize: boolean;
}

export interface PasswordSettingsProps extends SettingsBase {
  readonly mailbox: string;
}

/** §2.7.4: the current rule (Mittente is the service address, Destinatario the holder's ordinary mailbox). */
export interface NotificaRule {
  readonly sender: string;
  readonly recipient: string;
}
export interface NotificaSettingsProps extends SettingsBase {
  readonly current?: NotificaRule | undefined;
}

/** §2.7.5: the forwarding address; `toSelf` when it is the PEC address itself (receive as busta di anomalia). */
export interface InoltroSettingsProps extends SettingsBase {
  readonly mailbox: string;
  readonly current?: { readonly recipient: string; readonly toSelf: boolean } | undefined;
}

/** A filter on incoming mail: conditions (all must match) and actions. */
export interface FilterRule {
  readonly id: string;
  readonly name: string;
  readonly senderContains?: string | undefined;
  readonly subjectContains?: string | undefined;
  readonly pecKind?: PecKind | undefined;
  readonly moveToFolderId?: string | undefined;
  readonly markRead: boolean;
}
export interface FiltersSettingsProps extends SettingsBase {
  readonly filters: readonly FilterRule[];
  readonly folders: readonly FolderNode[];
  /** Values to refill the new-filter form after a validation error. */
  readonly draft?: Partial<Omit<FilterRule, 'id'>> | undefined;
}

export interface PreferencesSettingsProps extends SettingsBase {
  readonly layout: Layout;
}
