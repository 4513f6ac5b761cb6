// What arrives at the punto di ricezione, read and judged (RFC 6109 §2.2.2, SPEC §5.4, §0 D6, D8): the signature
// verdict against the providers' index, computed once before the SMTP reply, and the decision it leads to (pure).
import { type PecMessage, type PecSignature, readPecMessage } from '../../src/pec/classify.ts';
import { normalizeDomain } from '../../src/pec/providers-index.ts';
import type { VerifyResult } from '../../src/signing/cms-verify.ts';
import { type TrustDecision, decideTrust } from '../../src/signing/trust.ts';
import type { PecDeps } from './deps.ts';
import type { KindRicevuta, Verdict } from './messages.ts';

/** Verifies and classifies; the verdict travels with the message so the actor need not verify again. */
export async function judge(d: PecDeps, raw: Uint8Array, now: number): Promise<{ verdict: Verdict; pec: PecMessage }> {
  let verified: VerifyResult | null = null;
  let decision: TrustDecision | null = null;
  const pec = await readPecMessage(raw, {
    verify: async (content, cms) => (verified = await d.verify(content, cms)),
    trust: (_r, from) => {
      decision = verified ? decideTrust({ verify: verified, index: d.index, from: from ?? '', at: new Date(now) }) : { trusted: false };
      return decision;
    },
  });
  const dec = decision as TrustDecision | null;
  const verdict: Verdict = { internal: false, signature: pec.signature.status, trusted: pec.signature.trusted, signer: pec.signature.signer, digest: pec.signature.digest };
  if (dec?.record) {
    verdict.provider = dec.record.providerName;
    verdict.mailReceipt = dec.record.mailReceipt;
    verdict.managedDomains = dec.record.managedDomains;
  }
  const reason = dec?.reason ?? pec.signature.reason;
  if (reason) verdict.reason = reason;
  return { verdict, pec };
}

/** Re-reads the structure with the verdict already reached (no second signature check). */
export function reread(raw: Uint8Array, v: Verdict): Promise<PecMessage> {
  return readPecMessage(raw, {
    verify: async () => ({ status: v.signature === 'valid' ? 'valid' : 'invalid', digest: v.digest ?? '', signer: v.signer ? { subject: v.signer, email: v.signer } : null }),
    trust: () => ({ trusted: v.trusted }),
  });
}

/** The signature part of what `reread` returns for bytes that have (or lack) a multipart/signed node. */
function signatureFrom(v: Verdict, signed: boolean): PecSignature {
  if (!signed) return { status: 'absent', trusted: false, signer: null, digest: null };
  const status = v.signature === 'valid' ? 'valid' : 'invalid';
  return { status, trusted: status === 'valid' && v.trusted, signer: v.signer ?? null, digest: v.digest ?? '' };
}

/**
 * `reread` of a blob, reusing the structure another point already read from the same hash (recent.ts): the bytes
 * are the same, so only the signature fields, which come from the verdict, are filled in again.
 */
export async function rereadBlob(d: PecDeps, hash: string, raw: Uint8Array, v: Verdict): Promise<PecMessage> {
  const seen = d.reads.get(hash);
  if (seen) return { ...seen, signature: signatureFrom(v, seen.signature.status !== 'absent') };
  const pec = await reread(raw, v);
  d.reads.set(hash, pec);
  return pec;
}

export type IncomingDecision =
  | { action: 'busta' }
  | { action: 'ricevuta'; kind: KindRicevuta }
  /** Correctly signed by a provider but not a correct envelope or notice: always a busta di anomalia (D6). */
  | { action: 'anomalia-forzata'; motivo: string }
  /** Not from the PEC system: the recipient's ordinary-mail policy decides (seed 000 §2.7.5). */
  | { action: 'ordinaria'; motivo: string };

const RICEVUTE: readonly KindRicevuta[] = ['presa-in-carico', 'avvenuta-consegna', 'errore-consegna', 'rilevazione-virus', 'preavviso-errore-consegna'];

function inManaged(v: Verdict, address: string | undefined): boolean {
  if (v.internal) return true;
  if (!address) return false;
  const domain = normalizeDomain(address);
  return (v.managedDomains ?? []).some((m) => normalizeDomain(m) === domain);
}

/** Why a message is not certified, in the words of the busta di anomalia (RFC 6109 §3.2.2). */
export function motivoOrdinaria(v: Verdict): string {
  if (v.signature === 'absent') return 'il messaggio non proviene da un gestore di posta certificata (posta ordinaria)';
  if (v.signature === 'invalid') return `la firma del messaggio non è valida${v.reason ? ` (${v.reason})` : ''}`;
  return `il firmatario del messaggio non è un gestore di posta certificata riconosciuto${v.reason ? ` (${v.reason})` : ''}`;
}

/**
 * SPEC §0 D6: untrusted ⇒ ordinary mail; trusted but malformed ⇒ anomalia; trusted envelopes need daticert
 * `<mittente>` and trusted receipts `<consegna>`/`<ricezione>` in the signer's managedDomains.
 */
export function decide(pec: PecMessage, v: Verdict): IncomingDecision {
  if (!v.trusted) return { action: 'ordinaria', motivo: motivoOrdinaria(v) };
  const d = pec.daticert;
  if (pec.problems.length > 0 || !d) return { action: 'anomalia-forzata', motivo: `messaggio non conforme: ${pec.problems.join(', ') || 'dati di certificazione assenti'}` };
  if (pec.kind === 'posta-certificata') {
    if (!pec.original) return { action: 'anomalia-forzata', motivo: 'messaggio originale assente' };
    if (!inManaged(v, d.intestazione.mittente)) return { action: 'anomalia-forzata', motivo: 'il mittente non appartiene ai domini del gestore firmatario' };
    return { action: 'busta' };
  }
  const kind = RICEVUTE.find((k) => k === pec.kind);
  if (!kind) return { action: 'anomalia-forzata', motivo: `tipo di messaggio non atteso da un altro gestore: ${pec.kind}` };
  // SPEC §10 #8: older rilevazione-virus used <ricezione>; accept both.
  const about = kind === 'presa-in-carico' || !d.consegna ? d.ricezione : [d.consegna];
  if (about.length === 0 || !about.every((a) => inManaged(v, a))) {
    return { action: 'anomalia-forzata', motivo: 'i destinatari della ricevuta non appartengono ai domini del gestore firmatario' };
  }
  return { action: 'ricevuta', kind };
}
