// IMAP date and date-time text (RFC 9051 §9 date, date-time): APPEND / INTERNALDATE / SEARCH dates.
import type { ImapDate, ImapDateTime } from './command-types.ts';

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function monthIndex(name: string): number {
  const i = MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
  return i < 0 ? -1 : i + 1;
}

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** date-text = date-day "-" date-month "-" date-year (e.g. `1-Feb-1994`), or null. */
export function parseImapDate(text: string): ImapDate | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  const month = monthIndex(m[2] as string);
  const year = Number(m[3]);
  if (month < 0 || !validDay(year, month, day)) return null;
  return { year, month, day };
}

/** date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE (quotes already removed). */
export function parseImapDateTime(text: string): ImapDateTime | null {
  const m = /^ ?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [day, year, hh, mi, ss, zh, zm] = [m[1], m[3], m[4], m[5], m[6], m[8], m[9]].map(Number) as number[];
  const month = monthIndex(m[2] as string);
  if (month < 0 || !validDay(year!, month, day!)) return null;
  if (hh! > 23 || mi! > 59 || ss! > 60 || zm! > 59) return null;
  const tzOffsetMinutes = (m[7] === '-' ? -1 : 1) * (zh! * 60 + zm!);
  const ms = Date.UTC(year!, month - 1, day!, hh!, mi!, ss!) - tzOffsetMinutes * 60_000;
  return { ms, tzOffsetMinutes };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `17-Jul-1996 02:44:25 -0700` (the wall time in the given zone; quotes are the encoder's job). */
export function formatImapDateTime(dt: ImapDateTime): string {
  const d = new Date(dt.ms + dt.tzOffsetMinutes * 60_000);
  const off = Math.abs(dt.tzOffsetMinutes);
  const sign = dt.tzOffsetMinutes < 0 ? '-' : '+';
  return (
    `${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear(), 4)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`
  );
}

/** The calendar day of an instant as seen in a zone (SEARCH compares days, RFC 9051 §6.4.4). */
export function dayOf(ms: number, tzOffsetMinutes: number): ImapDate {
  const d = new Date(ms + tzOffsetMinutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Negative, zero or positive like a comparator. */
export function compareDates(a: ImapDate, b: ImapDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
