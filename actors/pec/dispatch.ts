// Where a message a PEC point produced goes next: our own punto di ricezione when the destination is one of our
// domains (RFC 6109 §3.4: same-provider traffic takes the same path), else the outbound queue of its domain; a receipt
// we built about one of our own transactions goes with the RicevutaInfo the punto di ricezione would derive from it.
import type { BuiltMessage } from '../../src/pec/assemble.ts';
import type { Daticert } from '../../src/pec/types.ts';
import type { Tx } from '../../src/runtime/actor.ts';
import { ConflictError } from '../../src/store/errors.ts';
import { type PecDeps, domainOf, isLocalDomain } from './deps.ts';
import {
  type IncomingMsg, type KindRicevuta, type OutboundKind, type RicevutaInfo, type Verdict, outboundName, puntoAccessoName, puntoRicezioneName,
} from './messages.ts';

/** Handed over inside the process: made and signed by us, nothing to verify (the bytes never left the store). */
export function internalVerdict(d: PecDeps): Verdict {
  return { internal: true, signature: 'valid', trusted: true, provider: d.gestore.nome, mailReceipt: d.serviceAddress, managedDomains: [] };
}

/**
 * A durable send whose id is derived from the content (idempotent receivers): when the same id is still waiting in
 * the outbox the message is already on its way and this one is dropped.
 */
export function sendOnce(tx: Tx, target: string, msg: unknown, id: string): boolean {
  try {
    tx.send(target, msg, id);
    return true;
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
}

export interface Produced {
  blobHash: string;
  size: number;
  /** RCPT TO of the produced message. */
  to: string[];
  /** SMTP MAIL FROM: our service address for notices (SPEC §0 D12), the original sender for envelopes. */
  mailFrom: string;
  kind: OutboundKind;
  identificativo: string | null;
  /** Durable id of the hand-over (unique per produced message). */
  id: string;
  now: number;
}

/** Routes one produced message to every destination domain, inside the caller's transaction. */
export function dispatch(d: PecDeps, tx: Tx, p: Produced): void {
  const local = p.to.filter((a) => isLocalDomain(d, a));
  if (local.length > 0) {
    const msg: IncomingMsg = {
      type: 'incoming', blobHash: p.blobHash, size: p.size, mailFrom: p.mailFrom, rcptTo: local, remote: 'local', tls: true,
      receivedAt: p.now, verdict: internalVerdict(d),
    };
    sendOnce(tx, puntoRicezioneName(p.blobHash), msg, `${p.id}:local`);
  }
  const byDomain = new Map<string, string[]>();
  for (const a of p.to.filter((x) => !isLocalDomain(d, x))) byDomain.set(domainOf(a), [...(byDomain.get(domainOf(a)) ?? []), a]);
  for (const [domain, rcpts] of byDomain) {
    const id = `${p.id}:${domain}`;
    const msg = { type: 'enqueue', id, kind: p.kind, identificativo: p.identificativo, blobHash: p.blobHash, mailFrom: p.mailFrom, rcptTo: rcpts };
    sendOnce(tx, outboundName(domain), msg, id);
  }
}

/** What the sender side needs of a receipt, beside its kind and daticert (RicevutaInfo, messages.ts). */
export interface ReceiptFacts {
  messageId: string;
  blobHash: string;
  size: number;
  /** X-VerificaSicurezza: errore on the receipt. */
  verificaSicurezza: boolean;
  provider: string;
  receivedAt: number;
}

/** The RicevutaInfo of a receipt, the same whether the punto di ricezione read it or we just built it. */
export function ricevutaInfo(kind: KindRicevuta, dc: Daticert, f: ReceiptFacts): RicevutaInfo {
  return {
    kind, identificativo: dc.identificativo, messageId: f.messageId, blobHash: f.blobHash, size: f.size,
    destinatari: kind === 'presa-in-carico' || !dc.consegna ? dc.ricezione : [dc.consegna],
    virus: dc.errore === 'virus' || f.verificaSicurezza, provider: f.provider, receivedAt: f.receivedAt,
    ...(dc.erroreEsteso ? { erroreEsteso: dc.erroreEsteso } : {}),
  };
}

/** A receipt this provider just built and signed, with the facts its bytes carry. */
export interface OwnReceipt {
  kind: Extract<KindRicevuta, 'presa-in-carico' | 'avvenuta-consegna' | 'errore-consegna'>;
  built: BuiltMessage;
}

/**
 * Routes a receipt we built. RFC 6109 §3.4 (same-provider traffic is processed the same way): when it is about one
 * of our own transactions and every recipient is in our domains, the punto di ricezione would re-read our own signed
 * bytes (trusted, no problems, the kind and daticert we wrote) and hand exactly this RicevutaInfo, under the same
 * durable id, to the sender's punto di accesso, logging nothing; it is handed over directly in this commit instead
 * (two steps, a blob read and a MIME parse fewer per receipt). Anything else takes the ordinary path.
 */
export function dispatchRicevuta(d: PecDeps, tx: Tx, p: Produced, r: OwnReceipt): void {
  const dc = r.built.daticert;
  const t = dc && p.to.length > 0 && p.to.every((a) => isLocalDomain(d, a)) ? d.repo.transaction(dc.identificativo) : undefined;
  if (!dc || !t) return dispatch(d, tx, p);
  // The builders used here add X-VerificaSicurezza only to the virus variant of the errore-consegna, never built here.
  const facts = { messageId: r.built.messageId, blobHash: p.blobHash, size: p.size, verificaSicurezza: false, provider: d.gestore.nome, receivedAt: p.now };
  const ricevuta = ricevutaInfo(r.kind, structuredClone(dc), facts);
  sendOnce(tx, puntoAccessoName(t.sender), { type: 'ricevuta', ricevuta }, `ricevuta:${ricevuta.messageId}`);
}
