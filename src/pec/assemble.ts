// Assembles and signs a provider message: text (plain+html), daticert.xml, postacert.eml in multipart/mixed,
// wrapped in multipart/signed (RFC 6109 §4.3, SPEC §2.3).
import { type HeaderField, attachmentPart, messagePart, multipart, textPart } from '../mime/build.ts';
import { utf8 } from '../mime/charset.ts';
import { wrapSigned } from '../mime/smime.ts';
import type { Signer } from '../signing/signer.ts';
import { DATICERT_FILENAME, buildDaticert } from './daticert.ts';
import { type Testo, renderHtml, renderPlain } from './human-text.ts';
import { type RandomSource, allocateIdentificativo } from './identificativo.ts';
import type { Daticert, Gestore } from './types.ts';

/** File name of the original message inside envelopes and receipts (RFC 6109 §4.3.2). */
export const POSTACERT_FILENAME = 'postacert.eml';

/** What every builder needs from the caller: who emits, how it signs, the one transaction instant. */
export interface EmissionContext {
  gestore: Gestore;
  signer: Signer;
  /** The transaction instant (ms since epoch), shared by Date:, text and daticert (SPEC §0 D13). */
  now: number;
  random: RandomSource;
  /** Override of the Italian legal-time offset, in minutes (tests, other jurisdictions). */
  offsetMinutes?: number;
}

export interface AssembleInput {
  headers: readonly HeaderField[];
  testo: Testo;
  daticert?: Daticert;
  /** An original message carried byte for byte as postacert.eml. */
  postacert?: Uint8Array;
}

export interface BuiltMessage {
  raw: Uint8Array;
  messageId: string;
  daticert?: Daticert;
}

/** The signed-content entity: multipart/mixed [ multipart/alternative [plain, html], daticert.xml, postacert.eml ]. */
export function innerEntity(a: AssembleInput): Uint8Array {
  const alt = multipart('alternative', [
    textPart(renderPlain(a.testo), { subtype: 'plain', disposition: 'inline' }),
    textPart(renderHtml(a.testo), { subtype: 'html', disposition: 'inline' }),
  ]);
  const parts = [alt];
  if (a.daticert) {
    parts.push(
      attachmentPart({
        contentType: 'application/xml',
        filename: DATICERT_FILENAME,
        data: utf8(buildDaticert(a.daticert)),
        disposition: 'inline',
      }),
    );
  }
  if (a.postacert) parts.push(messagePart(a.postacert, POSTACERT_FILENAME, 'inline'));
  return multipart('mixed', parts);
}

/** Builds, signs (detached CMS over the inner entity) and wraps the message. */
export async function assembleSigned(signer: Signer, a: AssembleInput): Promise<Uint8Array> {
  const inner = innerEntity(a);
  const cms = await signer.signDetached(inner);
  return wrapSigned(inner, cms, a.headers);
}

/** A fresh Message-ID in our domain for a generated receipt or notice (SPEC §0 D11). */
export function newMessageId(ctx: EmissionContext): string {
  return allocateIdentificativo({ now: ctx.now, random: ctx.random, dominio: ctx.gestore.dominio, prefisso: 'ric' });
}
