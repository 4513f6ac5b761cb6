// Punto di ricezione (`punto-ricezione:<shard>`): takes what arrived (from a peer over SMTP, or from our own points
// inside the process), and per SPEC §5.4 / §0 D6-D7: a correct busta gets a signed presa in carico and goes to the
// punto di consegna of each local recipient (or a rilevazione virus); a correct receipt goes to the sender's
// punto di accesso (or is kept when unknown); everything else follows the recipient's ordinary-mail policy.
import { mailboxActorName } from '../mailbox/messages.ts';
import { bareMsgId } from '../../src/mime/addresses.ts';
import { findHeader, parseTopHeaders } from '../../src/mime/raw-tree.ts';
import { buildAnomalia } from '../../src/pec/anomalia.ts';
import type { PecMessage } from '../../src/pec/classify.ts';
import { buildPresaInCarico } from '../../src/pec/presa-in-carico.ts';
import { buildRilevazioneVirus } from '../../src/pec/rilevazione-virus.ts';
import type { Actor, ActorContext, ActorKind } from '../../src/runtime/actor.ts';
import { type PecDeps, domainOf, emission, isLocalDomain, logEntry, storedMessage } from './deps.ts';
import { dispatch, dispatchRicevuta, ricevutaInfo, sendOnce } from './dispatch.ts';
import { decide, rereadBlob } from './incoming-verdict.ts';
import { type IncomingMsg, type KindRicevuta, outboundName, puntoAccessoName, puntoConsegnaName } from './messages.ts';

export function puntoRicezioneKind(deps: PecDeps): ActorKind<IncomingMsg> {
  return { prefix: 'punto-ricezione', supervision: 'restart', create: () => new PuntoRicezione(deps) };
}

/** The message's own Message-ID; the blob hash when its MIME structure could not be read (readPecMessage said so). */
function ownMessageId(raw: Uint8Array, blobHash: string, pec: PecMessage): string {
  if (pec.problems.some((p) => p.startsWith('mime: '))) return blobHash;
  try {
    return bareMsgId(findHeader(parseTopHeaders(raw), 'message-id')) ?? blobHash;
  } catch {
    return blobHash;
  }
}

class PuntoRicezione implements Actor<IncomingMsg> {
  constructor(private readonly d: PecDeps) {}

  async receive(msg: IncomingMsg, ctx: ActorContext): Promise<void> {
    const raw = await this.d.blobs.get(msg.blobHash);
    const pec = await rereadBlob(this.d, msg.blobHash, raw, msg.verdict);
    const dec = msg.refused ? { action: 'ordinaria' as const, motivo: msg.refused } : decide(pec, msg.verdict);
    switch (dec.action) {
      case 'busta':
        return this.busta(ctx, msg, pec);
      case 'ricevuta':
        return this.ricevuta(ctx, msg, raw, pec, dec.kind);
      case 'anomalia-forzata':
      case 'ordinaria':
        return this.ordinaria(ctx, msg, raw, pec, dec.motivo, dec.action === 'anomalia-forzata');
    }
  }

  private locals(msg: IncomingMsg): string[] {
    return [...new Set(msg.rcptTo.map((r) => r.toLowerCase()))].filter((r) => isLocalDomain(this.d, r) && r !== this.d.serviceAddress);
  }

  /** RFC 6109 §3.2.1, §3.2.3; SPEC §0 D4, D7: presa in carico for every local recipient, then delivery or virus. */
  private async busta(ctx: ActorContext, msg: IncomingMsg, pec: PecMessage): Promise<void> {
    const d = this.d;
    const dc = pec.daticert!;
    const ident = dc.identificativo;
    const locals = this.locals(msg);
    const uncovered = locals.filter((r) => !d.repo.ricezioneRecorded(ident, r));
    const now = d.clock.now();
    const e = emission(d, now);
    const ref = { identificativo: ident, ...(dc.msgid ? { msgid: dc.msgid } : {}), intestazione: dc.intestazione };
    // D4: the presa in carico goes to the mailReceipt of the index record that matched the signer.
    const mailReceipt = msg.verdict.mailReceipt ?? msg.mailFrom;
    const scan = await d.scanner.scan(pec.original!);
    const presa = uncovered.length > 0 ? await buildPresaInCarico({ ...e, ...ref, ricezione: uncovered, mailReceipt }) : null;
    const virusNotices = scan.infected
      ? await Promise.all(uncovered.map((consegna) => buildRilevazioneVirus({ ...e, ...ref, consegna, virus: scan.virus ?? 'virus', mailReceipt })))
      : [];
    const hashes = await Promise.all([presa, ...virusNotices].map((m) => (m ? d.blobs.put(m.raw) : Promise.resolve(''))));
    const logRef = { identificativo: ident, msgid: dc.msgid ?? null, intestazione: dc.intestazione };
    ctx.tx((tx) => {
      if (presa && d.repo.claimRicezioni(ident, uncovered, presa.messageId, now).length > 0) {
        const produced = { blobHash: hashes[0]!, size: presa.raw.length, to: [mailReceipt], mailFrom: d.serviceAddress, kind: 'ricevuta' as const, identificativo: ident, id: `presa:${presa.messageId}`, now };
        dispatchRicevuta(d, tx, produced, { kind: 'presa-in-carico', built: presa });
        d.pecLog.stage(tx, logEntry(d, now, 'PresaInCarico', logRef, presa.messageId, { direzione: 'emessa', ricezione: uncovered, mittente_smtp: msg.mailFrom, remote: msg.remote, tls: msg.tls }, msg.verdict.provider ?? d.gestore.nome));
      }
      if (scan.infected) {
        virusNotices.forEach((n, i) => {
          const consegna = uncovered[i]!;
          dispatch(d, tx, { blobHash: hashes[i + 1]!, size: n.raw.length, to: [mailReceipt], mailFrom: d.serviceAddress, kind: 'ricevuta', identificativo: ident, id: `virus:${n.messageId}`, now });
          // SPEC §5.8: the infected envelope is not delivered and is kept 30 months by the detecting provider.
          d.repo.quarantine({ at: now, side: 'ricezione', identificativo: ident, address: consegna, virus: scan.virus ?? 'virus', blobHash: msg.blobHash });
          d.pecLog.stage(tx, logEntry(d, now, 'RilevazioneVirus', logRef, n.messageId, { consegna, virus: scan.virus ?? null, errore: 'virus' }));
        });
        return;
      }
      for (const recipient of locals) {
        const req = { type: 'consegna', identificativo: ident, blobHash: msg.blobHash, size: msg.size, mailFrom: msg.mailFrom, recipient, provider: msg.verdict.provider ?? '', receivedAt: now };
        sendOnce(tx, puntoConsegnaName(recipient), req, `cons:${ident}:${recipient}`);
      }
    });
  }

  /** A receipt about one of our transactions goes to its sender's punto di accesso; an unknown one is kept. */
  private async ricevuta(ctx: ActorContext, msg: IncomingMsg, raw: Uint8Array, pec: PecMessage, kind: KindRicevuta): Promise<void> {
    const d = this.d;
    const dc = pec.daticert!;
    const t = d.repo.transaction(dc.identificativo);
    const messageId = ownMessageId(raw, msg.blobHash, pec);
    const provider = msg.verdict.provider ?? '';
    ctx.tx((tx) => {
      if (!t) {
        d.repo.keepUnknownReceipt({ receivedAt: msg.receivedAt, kind, identificativo: dc.identificativo, mailFrom: msg.mailFrom, provider, blobHash: msg.blobHash, reason: 'identificativo sconosciuto' });
        const ref = { identificativo: dc.identificativo, msgid: dc.msgid ?? null, intestazione: dc.intestazione };
        d.pecLog.stage(tx, logEntry(d, msg.receivedAt, LOG_TYPE[kind], ref, messageId, { direzione: 'ricevuta', esito: 'transazione-sconosciuta', remote: msg.remote }, provider));
        return;
      }
      const ricevuta = ricevutaInfo(kind, dc, { messageId, blobHash: msg.blobHash, size: msg.size, verificaSicurezza: pec.verificaSicurezza, provider, receivedAt: msg.receivedAt });
      sendOnce(tx, puntoAccessoName(t.sender), { type: 'ricevuta', ricevuta }, `ricevuta:${messageId}`);
    });
  }

  /**
   * SPEC §0 D6, §3.9, seed 000 §2.7.5: never lost, always logged. A correctly signed but malformed message is always
   * delivered as a busta di anomalia; ordinary mail follows the recipient's policy (not delivered by default).
   */
  private async ordinaria(ctx: ActorContext, msg: IncomingMsg, raw: Uint8Array, pec: PecMessage, motivo: string, forced: boolean): Promise<void> {
    const d = this.d;
    const now = d.clock.now();
    const plan = this.locals(msg).map((r) => planFor(d, r, forced, msg.refused !== undefined));
    const targets = plan.filter((p) => p.azione === 'anomalia').map((p) => p.recipient);
    const anomalia = targets.length > 0
      ? await buildAnomalia({ ...emission(d, now), received: raw, destinatari: this.locals(msg), descrizioneErrore: motivo, mittente: msg.mailFrom })
      : null;
    const hash = anomalia ? await d.blobs.put(anomalia.raw) : null;
    const ident = pec.references.identificativo ?? ownMessageId(raw, msg.blobHash, pec);
    ctx.tx((tx) => {
      for (const p of plan) {
        if (p.azione === 'anomalia' && anomalia && hash) {
          const message = storedMessage(anomalia.raw, hash, now, { kind: 'anomalia', identificativo: pec.references.identificativo ?? null });
          sendOnce(tx, mailboxActorName(p.recipient), { type: 'deliver', message, reason: 'anomalia' }, `anom:${msg.blobHash}:${p.recipient}`);
        }
        if (p.azione === 'inoltro' && p.to) {
          const id = `fwd:${msg.blobHash}:${p.recipient}`;
          sendOnce(tx, outboundName(domainOf(p.to)), { type: 'enqueue', id, kind: 'ordinaria', identificativo: null, blobHash: msg.blobHash, mailFrom: d.serviceAddress, rcptTo: [p.to] }, id);
        }
      }
      const details = { motivo, azioni: plan.map((p) => `${p.recipient}: ${p.azione}${p.to ? ` ${p.to}` : ''}`), remote: msg.remote, tls: msg.tls, blob: msg.blobHash, firma: msg.verdict.signature };
      d.pecLog.stage(tx, logEntry(d, now, 'BustaAnomalia', { identificativo: ident, mittente: msg.mailFrom, oggetto: pec.daticert?.intestazione.oggetto ?? null }, anomalia?.messageId ?? null, details, msg.verdict.provider ?? 'posta ordinaria'));
    });
  }
}

const LOG_TYPE: Record<KindRicevuta, 'PresaInCarico' | 'Consegna' | 'MancataConsegna' | 'RilevazioneVirus'> = {
  'presa-in-carico': 'PresaInCarico',
  'avvenuta-consegna': 'Consegna',
  'errore-consegna': 'MancataConsegna',
  'rilevazione-virus': 'RilevazioneVirus',
  'preavviso-errore-consegna': 'MancataConsegna',
};

export type Azione = 'anomalia' | 'inoltro' | 'non-consegnato' | 'scartato' | 'rifiutato-smtp';

/** What happens to one recipient of a message that is not certified (seed 000 §2.7.5; SPEC §3.9). */
export function planFor(d: PecDeps, recipient: string, forced: boolean, refused: boolean): { recipient: string; azione: Azione; to?: string } {
  if (refused) return { recipient, azione: 'rifiutato-smtp' };
  const mb = d.store.mailboxes.byAddress(recipient);
  if (!mb || mb.state !== 'attiva') return { recipient, azione: 'scartato' };
  if (forced) return { recipient, azione: 'anomalia' };
  const p = d.repo.policy(mb.id).ordinary;
  if (p.mode === 'anomalia') return { recipient, azione: 'anomalia' };
  if (p.mode === 'forward') return { recipient, azione: 'inoltro', to: p.address };
  return { recipient, azione: 'non-consegnato' };
}
