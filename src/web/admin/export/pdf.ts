// PDF export (pdf-lib): an A4 landscape table with the title, the header repeated on every page and page numbers.
// The standard Helvetica font encodes WinAnsi only: other characters are replaced, never a crash.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { ExportTable } from './table.ts';

const PAGE: [number, number] = [841.89, 595.28]; // A4 landscape, points
const MARGIN = 36;
const FONT_SIZE = 8;
const ROW_HEIGHT = 14;
/** Relative widths of the ten columns of exportTable(). */
const WEIGHTS = [16, 14, 8, 4, 8, 18, 7, 7, 7, 7];

/** WinAnsi (Windows-1252) printable characters; anything else becomes "?". */
export function winAnsiSafe(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff\u20ac\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/g, '?');
}

function fit(text: string, font: PDFFont, width: number): string {
  let t = winAnsiSafe(text);
  if (font.widthOfTextAtSize(t, FONT_SIZE) <= width) return t;
  while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, FONT_SIZE) > width) t = t.slice(0, -1);
  return `${t}…`;
}

export async function toPdf(table: ExportTable): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsiSafe(table.title));
  doc.setCreator('GestionePEC');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const usable = PAGE[0] - 2 * MARGIN;
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const widths = table.headers.map((_, i) => ((WEIGHTS[i] ?? 8) / total) * usable);
  const perPage = Math.floor((PAGE[1] - 2 * MARGIN - 40) / ROW_HEIGHT) - 1;
  const pages = Math.max(1, Math.ceil(table.rows.length / perPage));
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage(PAGE);
    let y = PAGE[1] - MARGIN;
    page.drawText(winAnsiSafe(table.title), { x: MARGIN, y, size: 12, font: bold });
    page.drawText(`${p + 1} / ${pages}`, { x: PAGE[0] - MARGIN - 30, y, size: FONT_SIZE, font });
    y -= 28;
    drawRow(page, table.headers, widths, y, bold);
    page.drawLine({ start: { x: MARGIN, y: y - 3 }, end: { x: PAGE[0] - MARGIN, y: y - 3 }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
    for (const row of table.rows.slice(p * perPage, (p + 1) * perPage)) {
      y -= ROW_HEIGHT;
      drawRow(page, row, widths, y, font);
    }
  }
  return doc.save();
}

function drawRow(page: PDFPage, cells: readonly string[], widths: readonly number[], y: number, font: PDFFont): void {
  let x = MARGIN;
  cells.forEach((cell, i) => {
    const w = widths[i] ?? 40;
    page.drawText(fit(cell, font, w - 4), { x, y, size: FONT_SIZE, font });
    x += w;
  });
}
