// The gestore itself: its name and other key/value settings, and the per-domain service address.
import type { Db } from './db.ts';
import {
  checkLength,
  checkName,
  MAX_SETTING_KEY_LENGTH,
  MAX_SETTING_VALUE_LENGTH,
  normalizeDomain,
} from './limits.ts';

/** SPEC §0 D12: notices leave from the service address of the domain, posta-certificata@<domain>. */
export const SERVICE_LOCAL_PART = 'posta-certificata';
const PROVIDER_NAME_KEY = 'provider.name';

export class ProviderRepo {
  constructor(private readonly db: Db) {}

  getSetting(key: string): string | undefined {
    checkLength('MAX_SETTING_KEY_LENGTH', MAX_SETTING_KEY_LENGTH, key);
    return this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value;
  }

  setSetting(key: string, value: string): void {
    checkName('setting key', 'MAX_SETTING_KEY_LENGTH', MAX_SETTING_KEY_LENGTH, key);
    checkLength('MAX_SETTING_VALUE_LENGTH', MAX_SETTING_VALUE_LENGTH, value);
    this.db.run(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  deleteSetting(key: string): boolean {
    return this.db.run('DELETE FROM settings WHERE key = ?', key).changes > 0;
  }

  /** Settings whose key starts with prefix (literal match: % and _ in the prefix are not wildcards). */
  settingsWithPrefix(prefix: string): Record<string, string> {
    checkLength('MAX_SETTING_KEY_LENGTH', MAX_SETTING_KEY_LENGTH, prefix);
    const rows = this.db.all<{ key: string; value: string }>(
      'SELECT key, value FROM settings WHERE substr(key, 1, length(?)) = ? ORDER BY key',
      prefix,
      prefix,
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  /** The gestore's name as written in daticert `<gestore-emittente>` and the PEC log. */
  providerName(): string | undefined {
    return this.getSetting(PROVIDER_NAME_KEY);
  }

  setProviderName(name: string): void {
    this.setSetting(PROVIDER_NAME_KEY, checkName('provider name', 'MAX_SETTING_VALUE_LENGTH', 200, name));
  }

  serviceAddress(domain: string): string {
    return `${SERVICE_LOCAL_PART}@${normalizeDomain(domain)}`;
  }

  /**
   * Next UIDVALIDITY: the current second, but always above the last one handed out, so a folder deleted and
   * re-created under the same name never repeats a value (RFC 9051 §2.3.1.1).
   */
  nextUidValidity(now: number): number {
    const last = Number(this.getSetting('imap.uidvalidity.last') ?? '0');
    const next = Math.max(Math.floor(now / 1000), last + 1) >>> 0 || 1;
    this.setSetting('imap.uidvalidity.last', String(next));
    return next;
  }
}
