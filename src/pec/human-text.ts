// The Italian human-readable certification text, as text/plain and an equivalent self-contained text/html (RFC 6109 §4.3.1).
import { testoOrario } from './pec-time.ts';

/** A paragraph line, or a list of items (recipients). */
export type Riga = string | { elenco: string[] };

export interface Testo {
  /** First line, e.g. "Ricevuta di accettazione". */
  titolo: string;
  righe: Riga[];
}

/** Escapes text for HTML element content and attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Drops C0 controls (except TAB/LF) and NUL from user-supplied text before it enters a body. */
export function sanitizeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b-\x1f\x7f]/g, '');
}

/** Quotes a user value on one line: newlines folded to spaces so it cannot fake extra lines. */
export function q(s: string | undefined): string {
  return `"${sanitizeText(s ?? '').replace(/\n/g, ' ')}"`;
}

/** "Il giorno dd/mm/yyyy alle ore hh:mm:ss (+hhmm)" (SPEC §2.6). */
export function ilGiorno(now: number, offsetMinutes?: number): string {
  const t = testoOrario(now, offsetMinutes);
  return `Il giorno ${t.giorno} alle ore ${t.ora}`;
}

export function renderPlain(t: Testo): string {
  const out = [sanitizeText(t.titolo), ''];
  for (const r of t.righe) {
    if (typeof r === 'string') out.push(sanitizeText(r));
    else for (const item of r.elenco) out.push(sanitizeText(item).replace(/\n/g, ' '));
  }
  return out.join('\n') + '\n';
}

/**
 * HTML with the same information: no images, fonts, style sheets, scripts or links (RFC 6109 §4.3.1),
 * every value escaped.
 */
export function renderHtml(t: Testo): string {
  const body: string[] = [`<h3>${escapeHtml(sanitizeText(t.titolo))}</h3>`];
  for (const r of t.righe) {
    if (typeof r === 'string') body.push(r === '' ? '<br>' : `<p>${escapeHtml(sanitizeText(r)).replace(/\n/g, '<br>')}</p>`);
    else body.push(`<ul>${r.elenco.map((i) => `<li>${escapeHtml(sanitizeText(i))}</li>`).join('')}</ul>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="it"><head><title>' + escapeHtml(sanitizeText(t.titolo)) + '</title></head>',
    '<body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
