// Excel export (XLSX through exceljs): one sheet with a bold header row, widths that fit, the title in the sheet's
// properties. Cells are written as strings, so nothing in a mailbox field can become a formula.
import ExcelJS from 'exceljs';
import type { ExportTable } from './table.ts';

/** Excel's limit on a sheet name. */
export const MAX_SHEET_NAME = 31;

export async function toXlsx(table: ExportTable, sheetName = 'Caselle'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GestionePEC';
  wb.title = table.title;
  const ws = wb.addWorksheet(sheetName.slice(0, MAX_SHEET_NAME));
  ws.addRow([...table.headers]).font = { bold: true };
  for (const r of table.rows) ws.addRow([...r]);
  ws.columns.forEach((col, i) => {
    const longest = Math.max(table.headers[i]?.length ?? 0, ...table.rows.map((r) => r[i]?.length ?? 0));
    col.width = Math.min(60, Math.max(8, longest + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
