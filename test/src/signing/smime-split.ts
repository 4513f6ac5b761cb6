// Test helper: cuts a multipart/signed entity out of raw message bytes (RFC 1847 §2.1) without any MIME library.
const CRLF = '\r\n';

export interface SignedParts {
  /** The first body part exactly as transmitted (headers + body), canonicalised to CRLF. */
  content: Uint8Array;
  /** The decoded application/(x-)pkcs7-signature body. */
  p7s: Uint8Array;
  /** The multipart/signed entity alone (its Content-Type header, a blank line, the body), for openssl. */
  entity: Uint8Array;
}

/** Latin-1 keeps one char per byte, so string offsets are byte offsets. */
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

function boundaryOf(header: string): string {
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(header);
  const b = m?.[1] ?? m?.[2];
  if (!b) throw new Error('multipart/signed without boundary');
  return b;
}

/** Converts bare LF to CRLF, as openssl does before checking a text signature (RFC 5751 §3.1.1). */
export function toCrlf(s: string): string {
  return s.replace(/\r?\n/g, CRLF);
}

/** Returns null when the bytes hold no multipart/signed with a signature part. */
export function splitSigned(raw: Uint8Array): SignedParts | null {
  const text = latin1(raw);
  const ct = /^content-type:[ \t]*multipart\/signed[^\n]*(?:\r?\n[ \t][^\n]*)*/im.exec(text);
  if (!ct) return null;
  const boundary = boundaryOf(ct[0].replace(/\r?\n[ \t]/g, ' '));
  const delim = `--${boundary}`;
  const first = text.indexOf(`\n${delim}`, ct.index);
  if (first < 0) return null;
  const firstEnd = text.indexOf('\n', first + 1) + 1;
  const second = text.indexOf(`\n${delim}`, firstEnd);
  if (second < 0) return null;
  // RFC 2046 §5.1.1: the line break before a delimiter belongs to the delimiter.
  const contentEnd = text[second - 1] === '\r' ? second - 1 : second;
  const content = toCrlf(text.slice(firstEnd, contentEnd));
  const sigStart = text.indexOf('\n', second + 1) + 1;
  const close = text.indexOf(`\n${delim}`, sigStart);
  const sigPart = text.slice(sigStart, close < 0 ? text.length : close);
  const bodyAt = sigPart.search(/\r?\n\r?\n/);
  if (bodyAt < 0) return null;
  const b64 = sigPart.slice(bodyAt).replace(/[^A-Za-z0-9+/=]/g, '');
  const closeEnd = close < 0 ? text.length : text.indexOf('\n', close + 1) + 1 || text.length;
  const entity = `${ct[0]}\n\n${text.slice(first + 1, closeEnd)}`;
  return { content: bytes(content), p7s: new Uint8Array(Buffer.from(b64, 'base64')), entity: bytes(entity) };
}
