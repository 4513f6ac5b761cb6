// Punto di accesso, one actor per sending mailbox (`punto-accesso:<address>`): checks a submission, issues the
// ricevuta di accettazione or the avviso di non accettazione, builds and signs the busta di trasporto and hands it
// to local delivery or the outbound queue, all in one commit (RFC 6109 §3.1, SPEC §1, §5.1). It is also the only
// writer of its sender's transactions: receipts, timeouts and outbound results for them come here (sender-side.ts).
import { mailboxActorName } from '../mailbox/messages.ts';
import { MAILBOX_TYPES } from '../../src/config/mailbox-types.ts';
import { concat } from '../../src/mime/build.ts';
import { MimeError } from '../../src/mime/errors.ts';
import { utf8 } from '../../src/mime/charset.ts';
import { buildAccettazione } from '../../src/pec/accettazione.ts';
import { buildBustaTrasporto } from '../../src/pec/busta-trasporto.ts';
import { allocateIdentificativo, cryptoRandom } from '../../src/pec/identificativo.ts';
import { buildNonAccettazione } from '../../src/pec/non-accettazione.ts';
import { type OriginalInfo, readOriginal, risposteDi } from '../../src/pec/original.ts';
import type { Intestazione } from '../../src/pec/types.ts';
import type { Actor, ActorContext, ActorKind } from '../../src/runtime/actor.ts';
import { accessChecks, erroreEstesoDi, normalizeRecipients } from './access-checks.ts';
import { type PecDeps, emission, isLocalDomain, italianDay, logEntry, storedMessage } from './deps.ts';
import { dispatch } from './dispatch.ts';
import { type PuntoAccessoMsg, timer12h, timer24h } from './messages.ts';
import type { NonAccettazioneReason, SubmissionRequest, SubmissionResult } from './ports.ts';
import { handleEsitoInoltro, handleRicevuta, handleScadenza } from './sender-side.ts';

/** RFC 6109 §3.1.6, SPEC §5.7: the first notice after 12 h without presa in carico or consegna. */
export const PREAVVISO_AFTER_MS = 12 * 3_600_000;
/** The second notice closes the transaction at 24 h (never before 22 h). */
export const SCADENZA_AFTER_MS = 24 * 3_600_000;
export const PUNTO_ACCESSO_PASSIVATE_AFTER_MS = 5 * 60_000;

export function puntoAccessoKind(deps: PecDeps): ActorKind<PuntoAccessoMsg> {
  return {
    prefix: 'punto-accesso',
    supervision: 'restart',
    passivateAfterMs: PUNTO_ACCESSO_PASSIVATE_AFTER_MS,
    create: (address) => new PuntoAccesso(deps, address),
  };
}


/** X-TipoRicevuta asked by the webmail form but missing from the bytes is added on top of the header. */
function withTipoRicevuta(req: SubmissionRequest, info: OriginalInfo | null): Uint8Array {
  if (!req.tipoRicevuta || !info || info.tipoRicevuta) return req.raw;
  return concat([utf8(`X-TipoRicevuta: ${req.tipoRicevuta}\r\n`), req.raw]);
}

function readInfo(raw: Uint8Array): OriginalInfo | null {
  try {
    return readOriginal(raw);
  } catch (e) {
    if (e instanceof MimeError) return null;
    throw e;
  }
}

class PuntoAccesso implements Actor<PuntoAccessoMsg> {
  constructor(
    private readonly deps: PecDeps,
    private readonly address: string,
  ) {}

  receive(msg: PuntoAccessoMsg, ctx: ActorContext): unknown {
    switch (msg.type) {
      case 'submit':
        return this.submit(msg.req, ctx);
      case 'ricevuta':
        return handleRicevuta(this.deps, ctx, msg.ricevuta);
      case 'scadenza':
        return handleScadenza(this.deps, ctx, msg);
      case 'esito-inoltro':
        return handleEsitoInoltro(this.deps, ctx, msg);
    }
  }

  private async submit(req: SubmissionRequest, ctx: ActorContext): Promise<SubmissionResult> {
    const d = this.deps;
    // SPEC §0 D13: one instant for the whole transaction; D11: the identificativo exists before the checks.
    const now = d.clock.now();
    const identificativo = allocateIdentificativo({ now, random: d.random ?? cryptoRandom, dominio: d.gestore.dominio });
    const info0 = readInfo(req.raw);
    const raw = withTipoRicevuta(req, info0);
    const info = raw === req.raw ? info0 : readInfo(raw);
    const recipients = normalizeRecipients(req.recipients);
    const mailbox = d.store.mailboxes.byAddress(req.principal.address);
    const type = MAILBOX_TYPES[mailbox?.type ?? 'A'];
    const intestazione: Intestazione = {
      mittente: req.envelopeFrom.trim().toLowerCase(),
      // SPEC §5.6: a domain in some managedDomains (ours included, even one added since start) is certificato.
      destinatari: recipients.map((address) => ({ address, tipo: isLocalDomain(d, address) || d.index.isCertificato(address) ? 'certificato' : 'esterno' })),
      risposte: info ? risposteDi(info) : '',
      ...(info?.oggetto !== undefined ? { oggetto: info.oggetto } : {}),
    };
    const reasons = accessChecks({
      principal: req.principal, now, envelopeFrom: req.envelopeFrom, recipients, raw, info, mailbox, type,
      acceptedToday: mailbox ? d.repo.acceptedOnDay(mailbox.id, italianDay(now)) : 0,
      openTransactions: mailbox ? d.repo.openTransactions(mailbox.id) : 0,
    });
    // RFC 6109 §3.1.3: every submission is scanned; an infected one is refused per virus whatever else failed.
    const scan = await d.scanner.scan(raw);
    if (scan.infected) {
      const virus = [{ code: 'virus', text: `virus rilevato: ${scan.virus ?? 'sconosciuto'}` }];
      return this.notAccepted(ctx, { now, identificativo, intestazione, info, raw, reasons: virus, virus: scan.virus ?? 'sconosciuto' });
    }
    if (reasons.length > 0 || !mailbox || !info) return this.notAccepted(ctx, { now, identificativo, intestazione, info, raw, reasons });
    return this.accept(ctx, { now, identificativo, intestazione, raw, mailboxId: mailbox.id, info });
  }

  private async notAccepted(
    ctx: ActorContext,
    a: { now: number; identificativo: string; intestazione: Intestazione; info: OriginalInfo | null; raw: Uint8Array; reasons: NonAccettazioneReason[]; virus?: string },
  ): Promise<SubmissionResult> {
    const d = this.deps;
    const msgid = a.info?.msgid;
    const built = await buildNonAccettazione({
      ...emission(d, a.now), identificativo: a.identificativo, intestazione: a.intestazione,
      ...(msgid ? { msgid } : {}), causa: a.virus ? 'virus' : 'formale', erroreEsteso: erroreEstesoDi(a.reasons),
    });
    const hash = await d.blobs.put(built.raw);
    const quarantined = a.virus ? await d.blobs.put(a.raw) : null;
    const inbox = d.store.mailboxes.byAddress(this.address);
    ctx.tx((tx) => {
      // The avviso goes to the authenticated mailbox's INBOX (RFC 6109 §3.1.2), even when MAIL FROM was not its own.
      if (inbox) {
        const message = storedMessage(built.raw, hash, a.now, { kind: 'non-accettazione', identificativo: a.identificativo });
        tx.send(mailboxActorName(inbox.address), { type: 'deliver', message, reason: 'ricevuta' }, `nonacc:${a.identificativo}`);
      }
      if (quarantined && a.virus) {
        // SPEC §5.8: the infected submission is kept 30 months.
        d.repo.quarantine({ at: a.now, side: 'accesso', identificativo: a.identificativo, address: this.address, virus: a.virus, blobHash: quarantined });
      }
      const details = { errore: a.virus ? 'virus' : 'altro', 'errore-esteso': erroreEstesoDi(a.reasons), eccezioni: a.reasons.map((r) => r.code), ...(a.virus ? { virus: a.virus } : {}) };
      d.pecLog.stage(tx, logEntry(d, a.now, a.virus ? 'NonAccettazioneVirus' : 'NonAccettazione', { identificativo: a.identificativo, msgid: msgid ?? null, intestazione: a.intestazione }, built.messageId, details));
    });
    return { status: 'not-accepted', identificativo: a.identificativo, reasons: a.reasons };
  }

  private async accept(
    ctx: ActorContext,
    a: { now: number; identificativo: string; intestazione: Intestazione; raw: Uint8Array; mailboxId: number; info: OriginalInfo },
  ): Promise<SubmissionResult> {
    const d = this.deps;
    const e = emission(d, a.now);
    // The client msgid as the envelope will carry it (readOriginal and rewriteOriginal read it the same way).
    const msgid = a.info.msgid;
    const [busta, acc] = await Promise.all([
      buildBustaTrasporto({ ...e, original: a.raw, identificativo: a.identificativo, intestazione: a.intestazione }),
      buildAccettazione({ ...e, identificativo: a.identificativo, intestazione: a.intestazione, ...(msgid ? { msgid } : {}) }),
    ]);
    const [bustaHash, accHash, sentHash] = await Promise.all([d.blobs.put(busta.raw), d.blobs.put(acc.raw), d.blobs.put(busta.postacert)]);
    const ccSet = new Set(a.info.cc.map((m) => m.address.toLowerCase()));
    const toSet = new Set(a.info.to.map((m) => m.address.toLowerCase()));
    const sender = a.intestazione.mittente;
    const ref = { identificativo: a.identificativo, msgid: msgid ?? null, intestazione: a.intestazione };
    ctx.tx((tx) => {
      d.repo.insertTransaction({
        identificativo: a.identificativo, mailboxId: a.mailboxId, sender, clientMsgid: msgid ?? null, subject: a.intestazione.oggetto ?? null,
        tipoRicevuta: busta.ricevuta, acceptedAt: a.now, envelopeMessageId: busta.messageId, accettazioneMessageId: acc.messageId,
        envelopeBlob: bustaHash, intestazione: a.intestazione,
        // RFC 6109 §3.3.2.1: an address in To (or in both) is a primary recipient; only Cc-only is a copy.
        recipients: a.intestazione.destinatari.map((r) => ({ ...r, header: ccSet.has(r.address) && !toSet.has(r.address) ? 'cc' : 'to' })),
      });
      d.repo.countAccepted(a.mailboxId, italianDay(a.now));
      tx.send(mailboxActorName(this.address), { type: 'deliver', message: storedMessage(acc.raw, accHash, a.now, { kind: 'accettazione', identificativo: a.identificativo }), reason: 'ricevuta' }, `acc:${a.identificativo}`);
      const copy = storedMessage(busta.postacert, sentHash, a.now, { kind: null, identificativo: a.identificativo, flags: ['\\Seen'] });
      tx.send(mailboxActorName(this.address), { type: 'deliver', folder: '\\Sent', message: copy, reason: 'copia-inviata' }, `sent:${a.identificativo}`);
      // RFC 6109 §3.4: same-provider recipients go through the punto di ricezione exactly like a peer's envelope;
      // envelopes keep the original MAIL FROM and RCPT TO (RFC 6109 §3.1.5).
      const to = a.intestazione.destinatari.map((r) => r.address);
      dispatch(d, tx, { blobHash: bustaHash, size: busta.raw.length, to, mailFrom: sender, kind: 'busta', identificativo: a.identificativo, id: `busta:${a.identificativo}`, now: a.now });
      for (const r of a.intestazione.destinatari.filter((x) => x.tipo === 'certificato')) {
        const m = { identificativo: a.identificativo, destinatario: r.address };
        tx.schedule(timer12h(a.identificativo, r.address), a.now + PREAVVISO_AFTER_MS, ctx.self, { type: 'scadenza', fase: '12h', ...m });
        tx.schedule(timer24h(a.identificativo, r.address), a.now + SCADENZA_AFTER_MS, ctx.self, { type: 'scadenza', fase: '24h', ...m });
      }
      d.pecLog.stage(tx, logEntry(d, a.now, 'Accettazione', ref, acc.messageId, { tipo_ricevuta: busta.ricevuta }));
      d.pecLog.stage(tx, logEntry(d, a.now, 'BustaTrasporto', ref, busta.messageId, { tipo_ricevuta: busta.ricevuta }));
    });
    return { status: 'accepted', identificativo: a.identificativo, messageId: busta.messageId };
  }
}
