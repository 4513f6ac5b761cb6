// Ricevuta breve: the original with every attachment replaced by its SHA-1 hash (RFC 6109 §3.3.2.2, SPEC §0 D9, §5.9).
import { createHash } from 'node:crypto';
import { utf8 } from '../mime/charset.ts';
import { formatParam } from '../mime/header-params.ts';
import { mediaType, partFilename } from '../mime/part-content.ts';
import { type RawPart, parseRawTree } from '../mime/raw-tree.ts';
import { canonicalCrlf } from '../mime/transfer-encoding.ts';

const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);
const OPAQUE_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

export interface HashedPart {
  /** Name of the replacement file, `<X>.hash`. */
  filename: string;
  /** Lowercase hex SHA-1 of the part body as transmitted (D9). */
  sha1: string;
}

/**
 * D9: SHA-1 over the bytes from the end of the blank line after the part's headers up to, not
 * including, the CRLF that precedes the next boundary line: exactly the raw tree's body range.
 */
export function hashPartBody(bytes: Uint8Array, part: RawPart): string {
  return createHash('sha1').update(bytes.subarray(part.bodyStart, part.bodyEnd)).digest('hex');
}

interface Replacement {
  part: RawPart;
  name: string;
}

function collect(node: RawPart, out: Replacement[], counter: { n: number }): void {
  const signed = node.contentType.type === 'multipart' && node.contentType.subtype === 'signed';
  for (const [idx, p] of node.children.entries()) {
    const type = mediaType(p);
    if (signed && idx === 1 && SIGNATURE_TYPES.has(type)) continue; // keep smime.p7s of a signed original
    const name = partFilename(p);
    if (p.contentType.type === 'message') {
      out.push({ part: p, name: name ?? `postacert-${++counter.n}.eml` });
    } else if (p.contentType.type === 'multipart') {
      collect(p, out, counter);
    } else if (name !== undefined) {
      out.push({ part: p, name });
    }
  }
}

function replacementEntity(filename: string, sha1: string): Uint8Array {
  return utf8(
    `Content-Type: text/plain; ${formatParam('name', filename)}\r\n` +
      'Content-Transfer-Encoding: 7bit\r\n' +
      `Content-Disposition: attachment; ${formatParam('filename', filename)}\r\n\r\n` +
      sha1,
  );
}

/**
 * Returns the original with each named part and each attached message replaced by a
 * `text/plain; name="X.hash"` part holding the 40-hex SHA-1 (D9); the multipart/signed structure and
 * its signature part are kept; an opaque application/pkcs7-mime original is returned unchanged.
 */
export function applyRicevutaBreve(original: Uint8Array): { bytes: Uint8Array; hashed: HashedPart[] } {
  const bytes = canonicalCrlf(original);
  const tree = parseRawTree(bytes);
  if (OPAQUE_TYPES.has(mediaType(tree))) return { bytes, hashed: [] };
  const reps: Replacement[] = [];
  collect(tree, reps, { n: 0 });
  reps.sort((a, b) => a.part.headerStart - b.part.headerStart);
  const chunks: Uint8Array[] = [];
  const hashed: HashedPart[] = [];
  let cursor = 0;
  for (const r of reps) {
    const sha1 = hashPartBody(bytes, r.part);
    const filename = `${r.name}.hash`;
    hashed.push({ filename, sha1 });
    chunks.push(bytes.subarray(cursor, r.part.headerStart), replacementEntity(filename, sha1));
    cursor = r.part.bodyEnd;
  }
  chunks.push(bytes.subarray(cursor));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return { bytes: out, hashed };
}
