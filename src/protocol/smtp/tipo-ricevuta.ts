// The receipt type a submitted message asks for: its X-TipoRicevuta header (RFC 6109 §3.1.5, SPEC §1 headers).
import { X_TIPO_RICEVUTA } from '../../pec/headers.ts';
import { TIPI_RICEVUTA, type TipoRicevuta } from '../../pec/types.ts';

/**
 * Only the top header block is read, and at most this much of it (no MIME parse of a 50 MB message for one field);
 * the field is near the top of any real message.
 */
export const MAX_SCANNED_HEADER_BYTES = 256 * 1024;

/**
 * RFC 6109 §3.3.2: absent header => completa. Names and values compare case-insensitively (SPEC: real providers
 * write `X-Tiporicevuta`). An unknown value also gives completa: the full receipt is the one that loses nothing,
 * and refusing the whole PEC over a hint would be harsher than the rule needs. The first occurrence wins.
 */
export function tipoRicevutaOf(raw: Uint8Array): TipoRicevuta {
  const value = topHeader(raw, X_TIPO_RICEVUTA.toLowerCase());
  if (value === undefined) return 'completa';
  const v = value.trim().toLowerCase();
  return (TIPI_RICEVUTA as readonly string[]).includes(v) ? (v as TipoRicevuta) : 'completa';
}

/** Unfolded value (RFC 5322 §2.2.3) of the first top-level header field with this lowercase name. */
export function topHeader(raw: Uint8Array, lowerName: string): string | undefined {
  const limit = Math.min(raw.length, MAX_SCANNED_HEADER_BYTES);
  const text = Buffer.from(raw.buffer, raw.byteOffset, limit).toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const block = end ? text.slice(0, end.index) : text;
  const lines = block.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0 || /^[ \t]/.test(line)) continue;
    if (line.slice(0, colon).trim().toLowerCase() !== lowerName) continue;
    let value = line.slice(colon + 1);
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]!)) value += lines[++i];
    return value;
  }
  return undefined;
}
