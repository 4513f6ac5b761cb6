// Scans one command line outside quoted strings: paren depth (MAX_NESTING) and a trailing literal marker.

export interface LiteralMarker {
  size: number;
  /** `{n}` is synchronising: the server must send "+" first (RFC 9051 §4.3); `{n+}` is not (RFC 7888). */
  sync: boolean;
  /** `~{n}` literal8 (RFC 3516). */
  binary: boolean;
}

export interface LineScan {
  depth: number;
  tooDeep: boolean;
  literal?: LiteralMarker;
}

const LITERAL_RE = /^\{(\d{1,10})(\+)?\}$/;

/** `depth` is the paren depth carried over from earlier lines of the same command (lists may span literals). */
export function scanLine(line: Uint8Array, depth: number, maxNesting: number): LineScan {
  let inQuote = false;
  let lastBrace = -1;
  let tooDeep = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as number;
    if (inQuote) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inQuote = false;
      continue;
    }
    if (c === 0x22) inQuote = true;
    else if (c === 0x28) {
      depth++;
      if (depth > maxNesting) tooDeep = true;
    } else if (c === 0x29) depth = Math.max(0, depth - 1);
    else if (c === 0x7b) lastBrace = i;
  }
  if (inQuote || lastBrace < 0 || line[line.length - 1] !== 0x7d) return { depth, tooDeep };
  const m = LITERAL_RE.exec(String.fromCharCode(...line.subarray(lastBrace)));
  if (!m) return { depth, tooDeep };
  const size = Number(m[1]);
  if (size > 0xffffffff) return { depth, tooDeep };
  return { depth, tooDeep, literal: { size, sync: m[2] === undefined, binary: lastBrace > 0 && line[lastBrace - 1] === 0x7e } };
}

/** The tag of a command line if it is a valid tag (RFC 9051 §9: 1*<any ASTRING-CHAR except "+">). */
export function readTag(line: Uint8Array): string | undefined {
  let end = line.indexOf(0x20);
  if (end < 0) end = line.length;
  if (end === 0) return undefined;
  for (let i = 0; i < end; i++) {
    const c = line[i] as number;
    const bad = c <= 0x20 || c >= 0x7f || c === 0x2b || c === 0x28 || c === 0x29 || c === 0x7b;
    if (bad || c === 0x25 || c === 0x2a || c === 0x22 || c === 0x5c) return undefined;
  }
  return String.fromCharCode(...line.subarray(0, end));
}

/** The command name after the tag (`UID FETCH` for UID commands), upper-cased, or undefined. */
export function readVerb(line: Uint8Array): string | undefined {
  const words = String.fromCharCode(...line.subarray(0, 64)).split(' ');
  const verb = words[1]?.toUpperCase();
  if (!verb || !/^[A-Z]+$/.test(verb)) return undefined;
  const next = words[2]?.toUpperCase();
  return verb === 'UID' && next && /^[A-Z]+$/.test(next) ? `UID ${next}` : verb;
}
