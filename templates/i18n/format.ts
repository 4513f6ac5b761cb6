// Locale formatting of dates and sizes for display. Presentation only: the instant comes from props.
import type { Lang } from './index.ts';

/** PEC times are shown in Italian civil time whatever the viewer's zone (daticert `zona`, SPEC D13). */
export const DISPLAY_TIME_ZONE = 'Europe/Rome';

const LOCALES: Readonly<Record<Lang, string>> = { it: 'it-IT', en: 'en-GB' };

const dateTimeFormats = new Map<Lang, Intl.DateTimeFormat>();
const shortFormats = new Map<Lang, Intl.DateTimeFormat>();

function dateTimeFormat(lang: Lang): Intl.DateTimeFormat {
  let f = dateTimeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: DISPLAY_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateTimeFormats.set(lang, f);
  }
  return f;
}

function shortFormat(lang: Lang): Intl.DateTimeFormat {
  let f = shortFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: DISPLAY_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    shortFormats.set(lang, f);
  }
  return f;
}

/** Full date and time to the second (certification data, receipts). */
export function formatDateTime(epochMs: number, lang: Lang): string {
  return dateTimeFormat(lang).format(new Date(epochMs));
}

/** Compact date for list rows. */
export function formatShortDate(epochMs: number, lang: Lang): string {
  return shortFormat(lang).format(new Date(epochMs));
}

/** Machine-readable instant for `<time datetime>`. */
export function isoInstant(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Binary-prefixed size with one decimal above KB, e.g. "1,5 MB" in Italian. */
export function formatBytes(bytes: number, lang: Lang): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const n = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(value);
  return `${n} ${UNITS[unit]}`;
}
