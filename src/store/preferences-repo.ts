// Webmail preferences of one principal of a casella (seed 000 §2.1.1 "Impaginazione messaggi", §2.7 "Interfaccia
// utente"): a small typed key/value set, remembered across sessions.
import type { Db } from './db.ts';
import { InvalidValueError } from './errors.ts';

export type PrefLang = 'it' | 'en';
export type PrefLayout = 2 | 3;

export interface WebmailPreferences {
  lang: PrefLang;
  layout: PrefLayout;
}

export const DEFAULT_PREFERENCES: WebmailPreferences = { lang: 'it', layout: 2 };

/** 'holder' for the titolare, 'collab:<username>' for a collaborator (each keeps its own choices). */
export type PreferenceOwner = string;

const PREF_OWNER = /^(holder|collab:[a-z0-9._-]{1,64})$/;

function checkOwner(owner: PreferenceOwner): void {
  if (!PREF_OWNER.test(owner)) throw new InvalidValueError('preference owner', 'unknown form');
}

export class PreferencesRepo {
  constructor(private readonly db: Db) {}

  get(mailboxId: number, owner: PreferenceOwner): WebmailPreferences {
    checkOwner(owner);
    const rows = this.db.all<{ key: string; value: string }>(
      'SELECT key, value FROM webmail_preferences WHERE mailbox_id = ? AND principal = ?',
      mailboxId,
      owner,
    );
    const out: WebmailPreferences = { ...DEFAULT_PREFERENCES };
    for (const r of rows) {
      // Unknown or damaged values fall back to the default rather than breaking the page.
      if (r.key === 'lang' && (r.value === 'it' || r.value === 'en')) out.lang = r.value;
      if (r.key === 'layout' && (r.value === '2' || r.value === '3')) out.layout = Number(r.value) as PrefLayout;
    }
    return out;
  }

  set(mailboxId: number, owner: PreferenceOwner, patch: Partial<WebmailPreferences>): WebmailPreferences {
    checkOwner(owner);
    if (patch.lang !== undefined && patch.lang !== 'it' && patch.lang !== 'en') throw new InvalidValueError('lang', 'not it/en');
    if (patch.layout !== undefined && patch.layout !== 2 && patch.layout !== 3) throw new InvalidValueError('layout', 'not 2/3');
    this.db.savepoint(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        this.db.run(
          `INSERT INTO webmail_preferences (mailbox_id, principal, key, value) VALUES (?, ?, ?, ?)
           ON CONFLICT (mailbox_id, principal, key) DO UPDATE SET value = excluded.value`,
          mailboxId,
          owner,
          key,
          String(value),
        );
      }
    });
    return this.get(mailboxId, owner);
  }
}
