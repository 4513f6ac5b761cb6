// S/MIME multipart/signed (RFC 1847 §2.1, RFC 8551 §3.5.3): wrapping a signed entity and splitting one apart.
import { type HeaderField, deriveBoundary, entity, multipartBody } from './build.ts';
import { utf8 } from './charset.ts';
import { formatParam } from './header-params.ts';
import { decodedBody } from './part-content.ts';
import { type RawPart, parseRawTree, walkParts } from './raw-tree.ts';
import { canonicalCrlf, encodeBase64Lines } from './transfer-encoding.ts';

/** Preamble text shown by non-MIME readers; cosmetic (SPEC §2.2). */
export const SIGNED_PREAMBLE = 'This is an S/MIME signed message';
const SIGNATURE_TYPES = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature']);

/** The smime.p7s part of a detached signature, base64 (RFC 8551 §3.5.3). */
function signaturePart(cmsDer: Uint8Array): Uint8Array {
  const fields: HeaderField[] = [
    ['Content-Type', `application/pkcs7-signature; ${formatParam('name', 'smime.p7s')}`],
    ['Content-Transfer-Encoding', 'base64'],
    ['Content-Disposition', `attachment; ${formatParam('filename', 'smime.p7s')}`],
  ];
  return entity(fields, utf8(encodeBase64Lines(cmsDer) + '\r\n'));
}

/**
 * Builds the whole signed message: `outerHeaders` (From, To, Subject, ... in that order), then
 * MIME-Version and the multipart/signed Content-Type, then `innerEntity` carried unchanged as the
 * first body part. The caller signs exactly `innerEntity` (CRLF) and passes the CMS DER here.
 */
export function wrapSigned(innerEntity: Uint8Array, cmsDer: Uint8Array, outerHeaders: readonly HeaderField[]): Uint8Array {
  const sig = signaturePart(cmsDer);
  const boundary = deriveBoundary([innerEntity, sig], 'signed');
  const ct = [
    'multipart/signed',
    formatParam('protocol', 'application/pkcs7-signature'),
    formatParam('micalg', 'sha-256'),
    formatParam('boundary', boundary),
  ].join('; ');
  const fields: HeaderField[] = [...outerHeaders, ['MIME-Version', '1.0'], ['Content-Type', ct]];
  return entity(fields, multipartBody([innerEntity, sig], boundary, SIGNED_PREAMBLE));
}

export interface SignedParts {
  /** The first body part exactly as transmitted, canonicalised to CRLF: what the CMS digest covers. */
  signedBytes: Uint8Array;
  cmsDer: Uint8Array;
  /** The multipart/signed node these came from. */
  node: RawPart;
  micalg: string | null;
}

/** Splits one multipart/signed node of `bytes`; null when it is not a complete detached signature. */
export function splitSignedPart(bytes: Uint8Array, node: RawPart): SignedParts | null {
  if (node.contentType.type !== 'multipart' || node.contentType.subtype !== 'signed') return null;
  const [content, sig] = node.children;
  if (!content || !sig) return null;
  if (!SIGNATURE_TYPES.has(`${sig.contentType.type}/${sig.contentType.subtype}`)) return null;
  const cmsDer = decodedBody(bytes, sig);
  if (cmsDer.length === 0) return null;
  const signedBytes = canonicalCrlf(bytes.slice(content.headerStart, content.bodyEnd));
  return { signedBytes, cmsDer, node, micalg: node.contentType.params.micalg ?? null };
}

/** The top-level multipart/signed of a message split into signed bytes and CMS; null when not signed. */
export function splitSigned(raw: Uint8Array, tree: RawPart = parseRawTree(raw)): SignedParts | null {
  return splitSignedPart(raw, tree);
}

/**
 * The first multipart/signed anywhere in the tree (depth-first). Used for messages re-wrapped by a
 * mailing list, whose provider-signed envelope became a body part (SPEC §5.12, Namirial sample).
 */
export function findSignedNode(tree: RawPart): RawPart | null {
  for (const p of walkParts(tree)) {
    if (p.contentType.type === 'multipart' && p.contentType.subtype === 'signed') return p;
  }
  return null;
}
