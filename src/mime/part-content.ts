// Reading a raw part's content: transfer-decoded bytes, charset-decoded text, its file name.
import { decodeCharset } from './charset.ts';
import { parseDisposition } from './header-params.ts';
import { type RawPart, headerOf, rawBody } from './raw-tree.ts';
import { decodeTransfer } from './transfer-encoding.ts';

/** The body with its Content-Transfer-Encoding removed. */
export function decodedBody(bytes: Uint8Array, part: RawPart): Uint8Array {
  return decodeTransfer(rawBody(bytes, part), headerOf(part, 'content-transfer-encoding'));
}

/** The body as text in its declared charset (default us-ascii read as ISO-8859-1, never throws). */
export function partText(bytes: Uint8Array, part: RawPart): string {
  return decodeCharset(decodedBody(bytes, part), part.contentType.params.charset);
}

/** Content-Disposition filename, else Content-Type name (RFC 2183 §2.3, RFC 2045 legacy `name`). */
export function partFilename(part: RawPart): string | undefined {
  const disp = parseDisposition(headerOf(part, 'content-disposition'));
  return disp.params.filename ?? part.contentType.params.name;
}

/** `type/subtype` in lowercase. */
export function mediaType(part: RawPart): string {
  return `${part.contentType.type}/${part.contentType.subtype}`;
}
