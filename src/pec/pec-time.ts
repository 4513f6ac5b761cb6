// The one transaction instant rendered as Italian legal time: daticert `data`, human text, Date: (SPEC §0 D13, §2.6).
import type { DataCertificazione } from './types.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** UTC instant of the last Sunday of `month` (0-based) at 01:00 UTC. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  const back = lastDay.getUTCDay();
  return Date.UTC(year, month, lastDay.getUTCDate() - back, 1, 0, 0);
}

/**
 * Offset of Italian legal time (CET/CEST) in minutes at `ms`. Directive 2000/84/EC arts. 2-3: summer
 * time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 */
export function italianOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  const start = lastSundayAt0100Utc(year, 2);
  const end = lastSundayAt0100Utc(year, 9);
  return ms >= start && ms < end ? 120 : 60;
}

/** "+0100" form of an offset (SPEC §0 D13; every real provider writes +hhmm). */
export function formatZona(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Parses "+0100", "+01:00", "0100", "-0530"; null when not an offset. */
export function parseZona(zona: string): number | null {
  const m = /^\s*([+-]?)(\d{2}):?(\d{2})\s*$/.exec(zona);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[3]) > 59 || v > 14 * 60) return null;
  return m[1] === '-' ? -v : v;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock fields of `ms` at `offsetMinutes`. */
function local(ms: number, offsetMinutes: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
}

/** daticert `<data>` for an instant (one-second precision). */
export function dataCertificazione(ms: number, offsetMinutes = italianOffsetMinutes(ms)): DataCertificazione {
  const d = local(ms, offsetMinutes);
  return {
    zona: formatZona(offsetMinutes),
    giorno: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    ora: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

/** RFC 5322 §3.3 date-time in the same offset, e.g. "Mon, 10 Mar 2025 10:15:04 +0100". */
export function rfc5322Date(ms: number, offsetMinutes = italianOffsetMinutes(ms)): string {
  const d = local(ms, offsetMinutes);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${formatZona(offsetMinutes)}`;
}

/** The instant a daticert `<data>` denotes, or null when its fields are malformed. */
export function instantOf(data: DataCertificazione): number | null {
  const g = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(data.giorno.trim());
  const o = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(data.ora.trim());
  const z = parseZona(data.zona);
  if (!g || !o || z === null) return null;
  const utc = Date.UTC(Number(g[3]), Number(g[2]) - 1, Number(g[1]), Number(o[1]), Number(o[2]), Number(o[3] ?? 0));
  return utc - z * 60_000;
}

/** "dd/mm/yyyy" and "hh:mm:ss (+hhmm)" for the human text (SPEC §2.6). */
export function testoOrario(ms: number, offsetMinutes = italianOffsetMinutes(ms)): { giorno: string; ora: string } {
  const d = dataCertificazione(ms, offsetMinutes);
  return { giorno: d.giorno, ora: `${d.ora} (${d.zona})` };
}
