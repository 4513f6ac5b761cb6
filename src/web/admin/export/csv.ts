// CSV export (RFC 4180): CRLF records, quoted fields where needed, UTF-8 with a BOM so Excel reads the accents, and
// cells that a spreadsheet would run as a formula neutralised (OWASP "CSV Injection").
import type { ExportTable } from './table.ts';

/** UTF-8 byte order mark: Excel opens a CSV as UTF-8 only when it starts with it. */
export const UTF8_BOM = '\uFEFF';
/** Leading characters that make Excel/LibreOffice evaluate a cell (OWASP adds TAB and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text: a leading formula character is escaped with an apostrophe, then RFC 4180 quoting applies. */
export function csvCell(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(table: ExportTable): Uint8Array {
  const lines = [table.headers, ...table.rows].map((r) => r.map(csvCell).join(','));
  return new TextEncoder().encode(`${UTF8_BOM}${lines.join('\r\n')}\r\n`);
}
