// POP3 multi-line bodies on raw bytes: dot-stuffing with CRLF normalisation, TOP extraction, size as transmitted.

const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;

/** Largest TOP line count honoured; anything above means "the whole body" anyway. */
export const MAX_TOP_LINES = 2_147_483_647;

/**
 * RFC 1939 §3: each body line that begins with the termination octet gets one more; the body then
 * ends with CRLF `.` CRLF. Stored messages should already use CRLF, but a bare LF is turned into
 * CRLF here so that a client never sees a line end the protocol does not define. Bare CR is left
 * alone: it is not a line end on the wire, so it cannot hide a terminator.
 */
export function dotStuff(body: Uint8Array): Uint8Array {
  let extra = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (lineStart && b === DOT) extra++;
    if (b === LF && (i === 0 || body[i - 1] !== CR)) extra++;
    lineStart = b === LF;
  }
  const needsFinalCrlf = body.length > 0 && body[body.length - 1] !== LF;
  const out = new Uint8Array(body.length + extra + (needsFinalCrlf ? 2 : 0) + 3);
  let o = 0;
  lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (lineStart && b === DOT) out[o++] = DOT;
    if (b === LF && (i === 0 || body[i - 1] !== CR)) out[o++] = CR;
    out[o++] = b;
    lineStart = b === LF;
  }
  if (needsFinalCrlf) {
    out[o++] = CR;
    out[o++] = LF;
  }
  out[o++] = DOT;
  out[o++] = CR;
  out[o++] = LF;
  return out;
}

/**
 * The size of a message as a POP3 client counts it (RFC 1939 §5 LIST/STAT, §11): CRLF line ends
 * (including the one dotStuff adds after an unterminated last line), without the dot-stuffing, so
 * that LIST agrees with what RETR delivers.
 */
export function pop3Size(raw: Uint8Array): number {
  let size = raw.length;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === LF && (i === 0 || raw[i - 1] !== CR)) size++;
  }
  if (raw.length > 0 && raw[raw.length - 1] !== LF) size += 2;
  return size;
}

/** Offset just past the blank line that ends the header section, or -1 when there is none. */
export function bodyOffset(raw: Uint8Array): number {
  let lineStart = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== LF) continue;
    const lineLen = i - lineStart;
    if (lineLen === 0 || (lineLen === 1 && raw[lineStart] === CR)) return i + 1;
    lineStart = i + 1;
  }
  return -1;
}

/**
 * RFC 1939 §7 TOP msg n: the headers, the blank line separating them from the body, and the first
 * `bodyLines` lines of the body (all of it when it has fewer). A message without a blank line is
 * all header, so it is returned whole.
 */
export function extractTop(raw: Uint8Array, bodyLines: number): Uint8Array {
  if (!Number.isSafeInteger(bodyLines) || bodyLines < 0 || bodyLines > MAX_TOP_LINES) {
    throw new RangeError(`TOP line count out of range: ${bodyLines}`);
  }
  const start = bodyOffset(raw);
  if (start < 0) return raw;
  let end = start;
  let taken = 0;
  while (taken < bodyLines && end < raw.length) {
    const lf = raw.indexOf(LF, end);
    end = lf < 0 ? raw.length : lf + 1;
    taken++;
  }
  return raw.subarray(0, end);
}
