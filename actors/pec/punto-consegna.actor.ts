// Punto di consegna, one actor per local recipient (`punto-consegna:<address>`): stores the busta unmodified in the
// mailbox, then issues the ricevuta di avvenuta consegna (completa / breve / sintetica) or the avviso di mancata
// consegna, once per (identificativo, recipient) (RFC 6109 §2.2.3, §3.3; SPEC §3.5, §3.6, §5.6, §0 D1, D4, D7).
// Decision on disabled mailboxes: a 'disabilitata' casella HOLDS envelopes in pec_held (owned here) and they are
// delivered, with their receipts, when it is enabled again (`release-held`, also tried on every later message and
// at start); only a cancelled casella gets the 5.2.1 avviso and a missing one 5.1.1.
import { MailboxNotFoundError, QuotaExceededError } from '../mailbox/errors.ts';
import { mailboxActorName } from '../mailbox/messages.ts';
import { buildAvvenutaConsegna } from '../../src/pec/avvenuta-consegna.ts';
import type { BuiltMessage } from '../../src/pec/assemble.ts';
import { buildErroreConsegna, type MotivoErroreConsegna } from '../../src/pec/errore-consegna.ts';
import type { PecMessage } from '../../src/pec/classify.ts';
import { cryptoRandom } from '../../src/pec/identificativo.ts';
import type { Actor, ActorContext, ActorKind } from '../../src/runtime/actor.ts';
import { type PecDeps, domainOf, emission, logEntry, storedMessage } from './deps.ts';
import { dispatchRicevuta, internalVerdict, sendOnce } from './dispatch.ts';
import { rereadBlob } from './incoming-verdict.ts';
import { type ConsegnaRequest, type PuntoConsegnaMsg, outboundName } from './messages.ts';
import { buildNotificaRicezione } from './notifica-ricezione.ts';

/** How long the punto di consegna waits for the mailbox actor to store an envelope. */
export const DELIVER_TIMEOUT_MS = 30_000;
export const PUNTO_CONSEGNA_PASSIVATE_AFTER_MS = 5 * 60_000;

export function puntoConsegnaKind(deps: PecDeps): ActorKind<PuntoConsegnaMsg> {
  return {
    prefix: 'punto-consegna',
    supervision: 'restart',
    passivateAfterMs: PUNTO_CONSEGNA_PASSIVATE_AFTER_MS,
    create: (address) => new PuntoConsegna(deps, address),
  };
}

type Esito = { ok: true } | { ok: false; motivo: MotivoErroreConsegna };

class PuntoConsegna implements Actor<PuntoConsegnaMsg> {
  constructor(
    private readonly d: PecDeps,
    private readonly address: string,
  ) {}

  async receive(msg: PuntoConsegnaMsg, ctx: ActorContext): Promise<void> {
    if (msg.type === 'release-held') return this.release(ctx);
    await this.consegna(msg, ctx);
    if (this.d.store.mailboxes.byAddress(this.address)?.state === 'attiva' && this.d.repo.held(this.address).length > 0) await this.release(ctx);
  }

  /** Delivers what was held while the mailbox was disabled, oldest first. */
  private async release(ctx: ActorContext): Promise<void> {
    if (this.d.store.mailboxes.byAddress(this.address)?.state !== 'attiva') return;
    for (const h of this.d.repo.held(this.address)) {
      await this.consegna(h.payload as ConsegnaRequest, ctx, h.id);
    }
  }

  private async consegna(m: ConsegnaRequest, ctx: ActorContext, heldId?: number): Promise<void> {
    const d = this.d;
    if (d.repo.consegna(m.identificativo, m.recipient)) {
      if (heldId !== undefined) ctx.tx(() => d.repo.releaseHeld(heldId));
      return; // never a duplicate receipt
    }
    const mb = d.store.mailboxes.byAddress(m.recipient);
    if (mb?.state === 'disabilitata') {
      if (heldId === undefined) ctx.tx(() => d.repo.hold(m.recipient, m.identificativo, m, d.clock.now()));
      return;
    }
    const raw = await d.blobs.get(m.blobHash);
    const pec = await rereadBlob(d, m.blobHash, raw, internalVerdict(d));
    const esito = await this.store(ctx, m, raw, mb?.id, mb?.state);
    const now = d.clock.now();
    const receipt = await this.receipt(m, pec, esito, now);
    const hash = await d.blobs.put(receipt.raw);
    const notifica = esito.ok && mb ? await this.notifica(mb.id, m, pec, now) : null;
    const dc = pec.daticert!;
    const ref = { identificativo: m.identificativo, msgid: dc.msgid ?? null, intestazione: dc.intestazione };
    ctx.tx((tx) => {
      if (heldId !== undefined) d.repo.releaseHeld(heldId);
      if (!d.repo.recordConsegna(m.identificativo, m.recipient, esito.ok ? 'consegnata' : esito.motivo, receipt.messageId, now)) return;
      // D4: the receipt goes to the envelope's MAIL FROM; D12: notices leave from our service address.
      const produced = { blobHash: hash, size: receipt.raw.length, to: [m.mailFrom], mailFrom: d.serviceAddress, kind: 'ricevuta' as const, identificativo: m.identificativo, id: `consegna:${receipt.messageId}`, now };
      dispatchRicevuta(d, tx, produced, { kind: esito.ok ? 'avvenuta-consegna' : 'errore-consegna', built: receipt });
      const details = { direzione: 'emessa', consegna: m.recipient, ...(esito.ok ? { tipo_ricevuta: pec.ricevutaTipo ?? 'completa' } : { errore: receipt.daticert?.errore ?? 'altro', 'errore-esteso': receipt.daticert?.erroreEsteso ?? null }) };
      d.pecLog.stage(tx, logEntry(d, now, esito.ok ? 'Consegna' : 'MancataConsegna', ref, receipt.messageId, details));
      if (notifica) {
        const id = `notifica:${notifica.messageId}`;
        sendOnce(tx, outboundName(domainOf(notifica.to)), { type: 'enqueue', id, kind: 'ordinaria', identificativo: null, blobHash: notifica.hash, mailFrom: d.serviceAddress, rcptTo: [notifica.to] }, id);
      }
    });
  }

  /** Stores the envelope unmodified; the mailbox actor is the quota authority (SPEC §0 D1 codes on refusal). */
  private async store(ctx: ActorContext, m: ConsegnaRequest, raw: Uint8Array, mailboxId: number | undefined, state: string | undefined): Promise<Esito> {
    if (mailboxId === undefined) return { ok: false, motivo: 'casella-inesistente' };
    if (state !== 'attiva') return { ok: false, motivo: 'casella-disattivata' };
    // A crash after the mailbox committed but before our receipt did: the envelope is there, only the receipt is due.
    if (this.d.store.messages.byPecIdentificativo(mailboxId, m.identificativo).some((x) => x.pecKind === 'posta-certificata')) return { ok: true };
    const message = storedMessage(raw, m.blobHash, this.d.clock.now(), { kind: 'posta-certificata', identificativo: m.identificativo });
    try {
      await ctx.ask(mailboxActorName(m.recipient), { type: 'deliver', message, reason: 'consegna' }, DELIVER_TIMEOUT_MS);
      return { ok: true };
    } catch (e) {
      if (e instanceof QuotaExceededError) return { ok: false, motivo: 'casella-piena' };
      if (e instanceof MailboxNotFoundError) return { ok: false, motivo: 'casella-inesistente' };
      throw e;
    }
  }

  private receipt(m: ConsegnaRequest, pec: PecMessage, esito: Esito, now: number): Promise<BuiltMessage> {
    const d = this.d;
    const dc = pec.daticert!;
    const base = { ...emission(d, now), identificativo: m.identificativo, intestazione: dc.intestazione, ...(dc.msgid ? { msgid: dc.msgid } : {}), consegna: m.recipient };
    if (!esito.ok) return buildErroreConsegna({ ...base, motivo: esito.motivo });
    // SPEC §5.6: the variant follows X-TipoRicevuta and To/Cc of the original (Cc gets a sintetica).
    return buildAvvenutaConsegna({ ...base, richiesta: pec.ricevutaTipo ?? 'completa', to: m.mailFrom, ...(pec.original ? { postacert: pec.original } : {}) });
  }

  private async notifica(mailboxId: number, m: ConsegnaRequest, pec: PecMessage, now: number): Promise<{ to: string; hash: string; messageId: string } | null> {
    const to = this.d.repo.policy(mailboxId).notifyAddress;
    if (!to) return null;
    const dc = pec.daticert!;
    const n = buildNotificaRicezione({
      now, random: this.d.random ?? cryptoRandom, dominio: this.d.gestore.dominio, from: this.d.serviceAddress, to, casella: m.recipient,
      mittente: dc.intestazione.mittente, oggetto: dc.intestazione.oggetto, identificativo: m.identificativo,
    });
    return { to, hash: await this.d.blobs.put(n.raw), messageId: n.messageId };
  }
}
