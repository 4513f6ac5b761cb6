// The sender side of a transaction, run inside `punto-accesso:<sender>` (the only writer of its transactions):
// receipts from the recipients' providers, the 12 h / 24 h deadlines and outbound results for esterno recipients
// (RFC 6109 §2.1.1.1, §3.1.6; SPEC §0 D2, D3, §3.7, §3.8 (2), §5.7).
import { mailboxActorName } from '../mailbox/messages.ts';
import { buildErroreConsegna } from '../../src/pec/errore-consegna.ts';
import { buildPreavvisoErroreConsegna, fasePreavviso } from '../../src/pec/preavviso-errore-consegna.ts';
import { codiceDa } from '../../src/pec/errore-consegna.ts';
import type { Intestazione } from '../../src/pec/types.ts';
import type { ActorContext, Tx } from '../../src/runtime/actor.ts';
import type { PecLogType } from '../../src/store/pec-log-record.ts';
import type { PecTransaction } from '../../src/store/pec-transaction-repo.ts';
import { type PecDeps, emission, logEntry, storedMessage } from './deps.ts';
import { type PuntoAccessoMsg, type RicevutaInfo, timer12h, timer24h } from './messages.ts';


function refOf(t: PecTransaction) {
  return { identificativo: t.identificativo, msgid: t.clientMsgid, intestazione: t.intestazione as Intestazione };
}

/** The notice builders' references: msgid only when the client sent one (SPEC §0 D11). */
function noticeRef(t: PecTransaction) {
  return { identificativo: t.identificativo, intestazione: t.intestazione as Intestazione, ...(t.clientMsgid ? { msgid: t.clientMsgid } : {}) };
}

/** A peer's preavviso whose errore-esteso is 5.x.x is a final failure (SPEC §0 D2, §10 #14). */
function isFinalPreavviso(r: RicevutaInfo): boolean {
  return r.kind === 'preavviso-errore-consegna' && (codiceDa(r.erroreEsteso)?.startsWith('5.') ?? false);
}

const LOG_OF: Record<RicevutaInfo['kind'], PecLogType> = {
  'presa-in-carico': 'PresaInCarico',
  'avvenuta-consegna': 'Consegna',
  'errore-consegna': 'MancataConsegna',
  'rilevazione-virus': 'RilevazioneVirus',
  'preavviso-errore-consegna': 'MancataConsegna',
};

/** Applies one receipt to the transaction's recipients and cancels the timers it closes (SPEC §0 D3). */
function applyReceipt(d: PecDeps, tx: Tx, r: RicevutaInfo): void {
  for (const rcpt of r.destinatari) {
    const id = r.identificativo;
    if (r.kind === 'presa-in-carico') {
      d.repo.recordEvent(id, rcpt, 'presa-in-carico', r.receivedAt, r.messageId);
      tx.cancelTimer(timer12h(id, rcpt));
      continue;
    }
    if (r.kind === 'preavviso-errore-consegna' && !isFinalPreavviso(r)) continue;
    const event = r.kind === 'avvenuta-consegna' ? 'consegna' : 'errore';
    d.repo.recordEvent(id, rcpt, event, r.receivedAt, r.messageId, r.erroreEsteso);
    tx.cancelTimer(timer12h(id, rcpt));
    tx.cancelTimer(timer24h(id, rcpt));
  }
}

export async function handleRicevuta(d: PecDeps, ctx: ActorContext, r: RicevutaInfo): Promise<void> {
  const t = d.repo.transaction(r.identificativo);
  if (!t) return; // the punto di ricezione matched it; a transaction is never deleted while receipts may come
  const now = d.clock.now();
  // RFC 6109 §3.2.4 / SPEC §3.8 (2): a rilevazione virus becomes our avviso di mancata consegna per virus.
  const virusNotices =
    r.kind === 'rilevazione-virus'
      ? await Promise.all(r.destinatari.map((consegna) =>
          buildErroreConsegna({ ...emission(d, now), ...noticeRef(t), consegna, motivo: 'virus', ...(r.erroreEsteso ? { dettaglio: r.erroreEsteso } : {}) })))
      : [];
  const virusHashes = await Promise.all(virusNotices.map((n) => d.blobs.put(n.raw)));
  // RFC 6109 §2.1.1.1.1: a presa in carico is never shown to users.
  const shown = r.kind !== 'presa-in-carico' && r.kind !== 'rilevazione-virus' ? await d.blobs.get(r.blobHash) : null;
  ctx.tx((tx) => {
    if (!d.repo.markReceiptSeen(r.messageId, r.identificativo, now)) return; // redelivered by the peer: already handled
    applyReceipt(d, tx, r);
    const inbox = mailboxActorName(t.sender);
    if (shown) {
      const message = storedMessage(shown, r.blobHash, now, { kind: r.kind, identificativo: t.identificativo });
      tx.send(inbox, { type: 'deliver', message, reason: 'ricevuta' }, `ric:${r.messageId}`);
    }
    virusNotices.forEach((n, i) => {
      const message = storedMessage(n.raw, virusHashes[i]!, now, { kind: 'errore-consegna', identificativo: t.identificativo });
      tx.send(inbox, { type: 'deliver', message, reason: 'ricevuta' }, `virus:${n.messageId}`);
      d.pecLog.stage(tx, logEntry(d, now, 'MancataConsegnaVirus', refOf(t), n.messageId, { consegna: r.destinatari[i], errore: 'virus', 'errore-esteso': r.erroreEsteso ?? null }));
    });
    const details = { direzione: 'ricevuta', ricevuta_message_id: r.messageId, ...(r.kind === 'presa-in-carico' ? { ricezione: r.destinatari } : { consegna: r.destinatari.join(', ') }), ...(r.erroreEsteso ? { 'errore-esteso': r.erroreEsteso } : {}) };
    d.pecLog.stage(tx, logEntry(d, r.receivedAt, LOG_OF[r.kind], refOf(t), r.messageId, details, r.provider));
  });
}

type Scadenza = Extract<PuntoAccessoMsg, { type: 'scadenza' }>;

/** SPEC §5.7 matrix: 12 h needs neither presa in carico nor consegna; 24 h needs no consegna (nor errore). */
export function scadenzaApplies(fase: '12h' | '24h', state: string): boolean {
  return fase === '12h' ? state === 'in-attesa' : state !== 'consegnata' && state !== 'errore' && state !== 'scaduta-24h';
}

export async function handleScadenza(d: PecDeps, ctx: ActorContext, m: Scadenza): Promise<void> {
  const t = d.repo.transaction(m.identificativo);
  const rc = d.repo.recipient(m.identificativo, m.destinatario);
  if (!t || !rc || !scadenzaApplies(m.fase, rc.state)) return;
  const now = d.clock.now();
  const built = await buildPreavvisoErroreConsegna({ ...emission(d, now), ...noticeRef(t), consegna: rc.address, fase: m.fase });
  const hash = await d.blobs.put(built.raw);
  ctx.tx((tx) => {
    if (!d.repo.recordEvent(t.identificativo, rc.address, m.fase === '12h' ? 'preavviso-12h' : 'scaduta-24h', now, built.messageId)) return;
    if (m.fase === '24h') tx.cancelTimer(timer12h(t.identificativo, rc.address));
    const message = storedMessage(built.raw, hash, now, { kind: 'preavviso-errore-consegna', identificativo: t.identificativo });
    tx.send(mailboxActorName(t.sender), { type: 'deliver', message, reason: 'ricevuta' }, `pre${m.fase}:${t.identificativo}:${rc.address}`);
    const fase = fasePreavviso(built.daticert!, t.acceptedAt);
    d.pecLog.stage(tx, logEntry(d, now, m.fase === '12h' ? 'MancataConsegna12h' : 'MancataConsegna24h', refOf(t), built.messageId, { consegna: rc.address, fase, 'errore-esteso': built.daticert?.erroreEsteso ?? null }));
  });
}

type Esito = Extract<PuntoAccessoMsg, { type: 'esito-inoltro' }>;

/**
 * SPEC §5.6: an esterno recipient never sends receipts; what its server answered is recorded (and logged) and
 * nothing is sent to the sender (seed 000 §2.3: the sender gets the accettazione only; bounces come as ordinary mail).
 * For a certificato recipient the SMTP outcome only goes to the log: the 12 h / 24 h rule decides (RFC 6109 §2.2.2).
 */
export function handleEsitoInoltro(d: PecDeps, ctx: ActorContext, m: Esito): void {
  const t = d.repo.transaction(m.identificativo);
  const rc = d.repo.recipient(m.identificativo, m.destinatario);
  if (!t || !rc) return;
  const now = d.clock.now();
  ctx.tx((tx) => {
    if (rc.tipo === 'esterno') d.repo.recordEvent(t.identificativo, rc.address, m.ok ? 'inoltrata' : 'errore', now, null, m.detail);
    if (!m.ok) {
      d.pecLog.stage(tx, logEntry(d, now, 'MancataConsegna', refOf(t), null, { consegna: rc.address, tipo: rc.tipo, smtp: m.detail ?? null, notifica: 'nessuna' }));
    }
  });
}
