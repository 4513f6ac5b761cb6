// Reads any incoming message as PEC: kind, daticert, postacert.eml bytes, references and signature (RFC 6109 §2.2.2, §3; SPEC §0 D6).
import { bareMsgId, parseAddressList } from '../mime/addresses.ts';
import { MimeError } from '../mime/errors.ts';
import { decodedBody, mediaType, partFilename } from '../mime/part-content.ts';
import { type RawPart, findHeader, parseRawTree } from '../mime/raw-tree.ts';
import { findSignedNode, splitSignedPart } from '../mime/smime.ts';
import { canonicalCrlf } from '../mime/transfer-encoding.ts';
import { POSTACERT_FILENAME } from './assemble.ts';
import { DATICERT_FILENAME, parseDaticert } from './daticert.ts';
import { PecError } from './errors.ts';
import { type FasePreavviso, fasePreavviso } from './preavviso-errore-consegna.ts';
import { TIPI_DATICERT, TIPI_RICEVUTA, type Daticert, type TipoDaticert, type TipoRicevuta } from './types.ts';

/** The daticert types plus the busta di anomalia and anything that is not PEC at all. */
export type PecKind = TipoDaticert | 'anomalia' | 'ordinary';

/** What src/signing/cms-verify.ts returns; declared structurally so this module compiles on its own. */
export interface VerifyResultLike {
  status: 'valid' | 'invalid';
  digest: string;
  signer: { subject: string; email: string | null } | null;
  reason?: string;
}

export interface ReadOptions {
  verify: (content: Uint8Array, cms: Uint8Array) => Promise<VerifyResultLike>;
  /** Providers'-index check of the signer (SPEC §0 D6, D8); without it nothing is trusted. */
  trust?: (result: VerifyResultLike, from: string | null) => { trusted: boolean };
}

export interface PecSignature {
  status: 'valid' | 'invalid' | 'absent';
  trusted: boolean;
  signer: string | null;
  digest: string | null;
  reason?: string;
}

export interface PecMessage {
  kind: PecKind;
  daticert?: Daticert;
  /** postacert.eml bytes exactly as carried (CRLF). */
  original?: Uint8Array;
  references: { identificativo?: string; riferimentoMessageId?: string; msgid?: string };
  signature: PecSignature;
  ricevutaTipo?: TipoRicevuta;
  erroreEsteso?: string;
  /** X-VerificaSicurezza: errore (virus notices). */
  verificaSicurezza: boolean;
  fasePreavviso?: FasePreavviso;
  /** Format findings; non-empty on a correctly signed message means "deliver as anomalia" (D6). */
  problems: string[];
}

const ABSENT: PecSignature = { status: 'absent', trusted: false, signer: null, digest: null };

/** Parts of the signed content, not descending into attached messages. */
function* ownParts(p: RawPart): Generator<RawPart> {
  yield p;
  if (p.contentType.type === 'multipart') for (const c of p.children) yield* ownParts(c);
}

function findDaticertPart(content: RawPart): RawPart | undefined {
  const parts = [...ownParts(content)];
  return (
    parts.find((p) => partFilename(p)?.toLowerCase() === DATICERT_FILENAME) ??
    parts.find((p) => mediaType(p) === 'application/xml' || mediaType(p) === 'text/xml')
  );
}

function findPostacertPart(content: RawPart): RawPart | undefined {
  const parts = [...ownParts(content)].filter((p) => p.contentType.type === 'message');
  return parts.find((p) => partFilename(p)?.toLowerCase() === POSTACERT_FILENAME) ?? parts[0];
}

function kindFromHeaders(tree: RawPart): PecKind | null {
  const trasporto = findHeader(tree.headers, 'x-trasporto')?.trim().toLowerCase();
  if (trasporto === 'posta-certificata') return 'posta-certificata';
  if (trasporto === 'errore') return 'anomalia';
  const ricevuta = findHeader(tree.headers, 'x-ricevuta')?.trim().toLowerCase();
  return TIPI_DATICERT.find((t) => t === ricevuta && t !== 'posta-certificata') ?? null;
}

async function checkSignature(raw: Uint8Array, node: RawPart | null, from: string | null, o: ReadOptions): Promise<PecSignature> {
  const split = node ? splitSignedPart(raw, node) : null;
  if (!split) return ABSENT;
  try {
    const r = await o.verify(split.signedBytes, split.cmsDer);
    const trusted = r.status === 'valid' && (o.trust?.(r, from).trusted ?? false);
    const sig: PecSignature = { status: r.status, trusted, signer: r.signer?.email ?? r.signer?.subject ?? null, digest: r.digest };
    if (r.reason) sig.reason = r.reason;
    return sig;
  } catch (e) {
    return { ...ABSENT, status: 'invalid', reason: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * Classifies by the PEC header fields (case-insensitive), falling back to the signed daticert `tipo`.
 * A message re-wrapped by a mailing list is read from its inner multipart/signed. Never throws on
 * malformed input: a structure that cannot be parsed is 'ordinary' with a problem recorded.
 */
export async function readPecMessage(raw: Uint8Array, o: ReadOptions): Promise<PecMessage> {
  let tree: RawPart;
  try {
    tree = parseRawTree(raw);
  } catch (e) {
    if (!(e instanceof MimeError)) throw e;
    return { kind: 'ordinary', references: {}, signature: ABSENT, verificaSicurezza: false, problems: [`mime: ${e.message}`] };
  }
  const problems: string[] = [];
  const from = parseAddressList(findHeader(tree.headers, 'from'))[0]?.address ?? null;
  const signedNode = findSignedNode(tree);
  const content = signedNode?.children[0] ?? tree;
  const signature = await checkSignature(raw, signedNode, from, o);
  if (signature.status === 'absent') problems.push('signature-absent');
  let daticert: Daticert | undefined;
  const dPart = findDaticertPart(content);
  if (dPart) {
    try {
      daticert = parseDaticert(decodedBody(raw, dPart));
    } catch (e) {
      if (!(e instanceof PecError)) throw e;
      problems.push(`daticert: ${e.message}`);
    }
  }
  const byHeader = kindFromHeaders(tree);
  const kind: PecKind = byHeader ?? daticert?.tipo ?? 'ordinary';
  if (daticert && kind !== 'anomalia' && kind !== 'ordinary' && daticert.tipo !== kind) {
    problems.push(`tipo-mismatch: header ${kind}, daticert ${daticert.tipo}`);
  }
  if (!daticert && kind !== 'anomalia' && kind !== 'ordinary') problems.push('daticert-missing');
  const pPart = kind === 'ordinary' ? undefined : findPostacertPart(content);
  const original = pPart ? canonicalCrlf(raw.slice(pPart.bodyStart, pPart.bodyEnd)) : undefined;
  if (!original && (kind === 'posta-certificata' || kind === 'anomalia')) problems.push('postacert-missing');
  return finish({ kind, tree, daticert, original, signature, problems });
}

interface Parts {
  kind: PecKind;
  tree: RawPart;
  daticert: Daticert | undefined;
  original: Uint8Array | undefined;
  signature: PecSignature;
  problems: string[];
}

function finish(p: Parts): PecMessage {
  const h = p.tree.headers;
  const out: PecMessage = {
    kind: p.kind,
    references: {},
    signature: p.signature,
    verificaSicurezza: findHeader(h, 'x-verificasicurezza')?.trim().toLowerCase() === 'errore',
    problems: p.problems,
  };
  if (p.daticert) out.daticert = p.daticert;
  if (p.original) out.original = p.original;
  const rif = bareMsgId(findHeader(h, 'x-riferimento-message-id'));
  if (rif) out.references.riferimentoMessageId = `<${rif}>`;
  const ident = p.daticert?.identificativo ?? (p.kind === 'posta-certificata' ? bareMsgId(findHeader(h, 'message-id')) : undefined);
  if (ident) out.references.identificativo = ident;
  if (p.daticert?.msgid) out.references.msgid = p.daticert.msgid;
  const header = findHeader(h, 'x-tiporicevuta')?.trim().toLowerCase();
  const tipo = p.daticert?.ricevuta ?? TIPI_RICEVUTA.find((t) => t === header);
  // SPEC §10 #7: an absent ricevuta on an envelope or consegna reads as completa.
  if (tipo) out.ricevutaTipo = tipo;
  else if (p.kind === 'posta-certificata' || p.kind === 'avvenuta-consegna') out.ricevutaTipo = 'completa';
  if (p.daticert?.erroreEsteso) out.erroreEsteso = p.daticert.erroreEsteso;
  if (p.kind === 'preavviso-errore-consegna' && p.daticert) {
    const f = fasePreavviso(p.daticert);
    if (f) out.fasePreavviso = f;
  }
  return out;
}
