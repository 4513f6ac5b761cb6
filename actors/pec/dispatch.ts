// Where a message a PEC point produced goes next: our own punto di ricezione when the destination is one of our
// domains (RFC 6109 §3.4: same-provider traffic takes the same path), else the outbound queue of its domain.
import type { Tx } from '../../src/runtime/actor.ts';
import { ConflictError } from '../../src/store/errors.ts';
import { type PecDeps, domainOf, isLocalDomain } from './deps.ts';
import { type IncomingMsg, type OutboundKind, type Verdict, outboundName, puntoRicezioneName } from './messages.ts';

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
