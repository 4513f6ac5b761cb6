// The PEC flow's rows (migration 003): transactions and recipients of the punto di accesso, the receiving side's
// prese in carico, consegne, held deliveries, unknown receipts and quarantine, the access-point limits and the
// per-mailbox ordinary-mail policy. Each actor writes only its own tables; see actors/pec/*.
import type { Db } from './db.ts';
import { InvalidValueError } from './errors.ts';
import { checkPage } from './limits.ts';

export type TipoRicevutaRow = 'completa' | 'breve' | 'sintetica';
export type RecipientState =
  | 'in-attesa'
  | 'presa-in-carico'
  | 'consegnata'
  | 'errore'
  | 'preavviso-12h'
  | 'scaduta-24h'
  /** An esterno recipient whose server accepted the busta (SPEC §5.6: no receipt will ever come). */
  | 'inoltrata';

export interface NewPecTransaction {
  identificativo: string;
  mailboxId: number;
  sender: string;
  clientMsgid: string | null;
  subject: string | null;
  tipoRicevuta: TipoRicevutaRow;
  acceptedAt: number;
  envelopeMessageId: string;
  accettazioneMessageId: string;
  envelopeBlob: string;
  /** daticert intestazione of the envelope as JSON-able data (needed for the 12 h / 24 h notices). */
  intestazione: unknown;
  recipients: { address: string; tipo: 'certificato' | 'esterno'; header: 'to' | 'cc' }[];
}

export interface PecTransaction extends Omit<NewPecTransaction, 'recipients'> {
  pendingCertificati: number;
}

export interface PecRecipient {
  identificativo: string;
  address: string;
  tipo: 'certificato' | 'esterno';
  header: 'to' | 'cc';
  state: RecipientState;
  presaInCaricoAt: number | null;
  presaInCaricoMsgid: string | null;
  consegnaAt: number | null;
  consegnaMsgid: string | null;
  erroreAt: number | null;
  erroreMsgid: string | null;
  erroreEsteso: string | null;
  preavviso12hAt: number | null;
  preavviso12hMsgid: string | null;
  scaduta24hAt: number | null;
  scaduta24hMsgid: string | null;
}

/** The event that moves a recipient (SPEC §0 D3). */
export type RecipientEvent = 'presa-in-carico' | 'consegna' | 'errore' | 'preavviso-12h' | 'scaduta-24h' | 'inoltrata';

export interface UnknownReceipt {
  id: number;
  receivedAt: number;
  kind: string;
  identificativo: string | null;
  mailFrom: string;
  provider: string | null;
  blobHash: string;
  reason: string;
}

/** seed 000 §2.7.5: none = not delivered (default), forward = to an ordinary address, anomalia = into the PEC box. */
export type OrdinaryPolicy = { mode: 'none' } | { mode: 'forward'; address: string } | { mode: 'anomalia' };

export interface MailboxPolicy {
  /** seed 000 §2.7.4: ordinary address notified of every PEC message received; null = off. */
  notifyAddress: string | null;
  ordinary: OrdinaryPolicy;
}

const EVENT_COLUMNS: Record<RecipientEvent, { at: string; msgid: string | null; state: RecipientState }> = {
  'presa-in-carico': { at: 'presa_in_carico_at', msgid: 'presa_in_carico_msgid', state: 'presa-in-carico' },
  consegna: { at: 'consegna_at', msgid: 'consegna_msgid', state: 'consegnata' },
  errore: { at: 'errore_at', msgid: 'errore_msgid', state: 'errore' },
  'preavviso-12h': { at: 'preavviso_12h_at', msgid: 'preavviso_12h_msgid', state: 'preavviso-12h' },
  'scaduta-24h': { at: 'scaduta_24h_at', msgid: 'scaduta_24h_msgid', state: 'scaduta-24h' },
  inoltrata: { at: 'consegna_at', msgid: null, state: 'inoltrata' },
};

/** States after which a later event may not move the recipient back (a consegna is never undone by a notice). */
const FINAL: ReadonlySet<RecipientState> = new Set(['consegnata', 'errore']);

/** SPEC §0 D3 and §5.7: a consegna always wins; notices and a late presa in carico never undo a final state. */
export function nextState(cur: RecipientState, event: RecipientEvent): RecipientState {
  switch (event) {
    case 'consegna':
      return 'consegnata';
    case 'errore':
      return cur === 'consegnata' ? cur : 'errore';
    case 'presa-in-carico':
      return cur === 'in-attesa' || cur === 'preavviso-12h' ? 'presa-in-carico' : cur;
    case 'preavviso-12h':
      return cur === 'in-attesa' ? 'preavviso-12h' : cur;
    case 'scaduta-24h':
      return FINAL.has(cur) ? cur : 'scaduta-24h';
    case 'inoltrata':
      return cur === 'in-attesa' ? 'inoltrata' : cur;
  }
}

type TxRow = {
  identificativo: string; mailbox_id: number; sender: string; client_msgid: string | null; subject: string | null;
  tipo_ricevuta: TipoRicevutaRow; accepted_at: number; envelope_message_id: string; accettazione_message_id: string;
  envelope_blob: string; intestazione: string; pending_certificati: number;
};
type RcptRow = {
  identificativo: string; address: string; tipo: 'certificato' | 'esterno'; header: 'to' | 'cc'; state: RecipientState;
  presa_in_carico_at: number | null; presa_in_carico_msgid: string | null; consegna_at: number | null;
  consegna_msgid: string | null; errore_at: number | null; errore_msgid: string | null; errore_esteso: string | null;
  preavviso_12h_at: number | null; preavviso_12h_msgid: string | null; scaduta_24h_at: number | null;
  scaduta_24h_msgid: string | null;
};

const toTx = (r: TxRow): PecTransaction => ({
  identificativo: r.identificativo, mailboxId: r.mailbox_id, sender: r.sender, clientMsgid: r.client_msgid,
  subject: r.subject, tipoRicevuta: r.tipo_ricevuta, acceptedAt: r.accepted_at, envelopeMessageId: r.envelope_message_id,
  accettazioneMessageId: r.accettazione_message_id, envelopeBlob: r.envelope_blob,
  intestazione: JSON.parse(r.intestazione) as unknown, pendingCertificati: r.pending_certificati,
});
const toRcpt = (r: RcptRow): PecRecipient => ({
  identificativo: r.identificativo, address: r.address, tipo: r.tipo, header: r.header, state: r.state,
  presaInCaricoAt: r.presa_in_carico_at, presaInCaricoMsgid: r.presa_in_carico_msgid, consegnaAt: r.consegna_at,
  consegnaMsgid: r.consegna_msgid, erroreAt: r.errore_at, erroreMsgid: r.errore_msgid, erroreEsteso: r.errore_esteso,
  preavviso12hAt: r.preavviso_12h_at, preavviso12hMsgid: r.preavviso_12h_msgid, scaduta24hAt: r.scaduta_24h_at,
  scaduta24hMsgid: r.scaduta_24h_msgid,
});

export class PecTransactionRepo {
  constructor(private readonly db: Db) {}

  // ---- transactions (writer: punto-accesso:<sender>) ----

  insertTransaction(t: NewPecTransaction): void {
    const pending = t.recipients.filter((r) => r.tipo === 'certificato').length;
    this.db.run(
      `INSERT INTO pec_transactions (identificativo, mailbox_id, sender, client_msgid, subject, tipo_ricevuta, accepted_at,
         envelope_message_id, accettazione_message_id, envelope_blob, intestazione, pending_certificati)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      t.identificativo, t.mailboxId, t.sender.toLowerCase(), t.clientMsgid, t.subject, t.tipoRicevuta, t.acceptedAt,
      t.envelopeMessageId, t.accettazioneMessageId, t.envelopeBlob, JSON.stringify(t.intestazione), pending,
    );
    for (const r of t.recipients) {
      this.db.run(
        "INSERT INTO pec_recipients (identificativo, address, tipo, header, state) VALUES (?, ?, ?, ?, 'in-attesa')",
        t.identificativo, r.address.toLowerCase(), r.tipo, r.header,
      );
    }
  }

  transaction(identificativo: string): PecTransaction | undefined {
    const r = this.db.get<TxRow>('SELECT * FROM pec_transactions WHERE identificativo = ?', identificativo);
    return r ? toTx(r) : undefined;
  }

  recipients(identificativo: string): PecRecipient[] {
    return this.db
      .all<RcptRow>('SELECT * FROM pec_recipients WHERE identificativo = ? ORDER BY address', identificativo)
      .map(toRcpt);
  }

  recipient(identificativo: string, address: string): PecRecipient | undefined {
    const r = this.db.get<RcptRow>(
      'SELECT * FROM pec_recipients WHERE identificativo = ? AND address = ?', identificativo, address.toLowerCase(),
    );
    return r ? toRcpt(r) : undefined;
  }

  /** A sender's transactions, newest first (webmail "stato invii"). */
  listBySender(mailboxId: number, opts: { limit?: number; offset?: number } = {}): PecTransaction[] {
    const { limit, offset } = checkPage(opts.limit, opts.offset);
    return this.db
      .all<TxRow>('SELECT * FROM pec_transactions WHERE mailbox_id = ? ORDER BY accepted_at DESC LIMIT ? OFFSET ?', mailboxId, limit, offset)
      .map(toTx);
  }

  /**
   * Records an event for a recipient (SPEC §0 D3). Returns false when nothing changed: the same event was already
   * recorded, or the recipient is already final and the event is a timeout notice. A later consegna after a timeout
   * notice is still recorded (SPEC §5.7: receipts are never suppressed).
   */
  recordEvent(identificativo: string, address: string, event: RecipientEvent, at: number, msgid: string | null, erroreEsteso?: string): boolean {
    const cur = this.recipient(identificativo, address);
    if (!cur) return false;
    const col = EVENT_COLUMNS[event];
    const already = this.db.get<{ v: number | null }>(
      `SELECT ${col.at} AS v FROM pec_recipients WHERE identificativo = ? AND address = ?`, identificativo, cur.address,
    )?.v;
    if (already !== null && already !== undefined) return false;
    const state = nextState(cur.state, event);
    const sets = [`state = ?`, `${col.at} = ?`, ...(col.msgid ? [`${col.msgid} = ?`] : []), ...(event === 'errore' ? ['errore_esteso = ?'] : [])];
    const values: (string | number | null)[] = [state, at, ...(col.msgid ? [msgid] : []), ...(event === 'errore' ? [erroreEsteso ?? null] : [])];
    this.db.run(`UPDATE pec_recipients SET ${sets.join(', ')} WHERE identificativo = ? AND address = ?`, ...values, identificativo, cur.address);
    if (cur.tipo === 'certificato' && cur.state === 'in-attesa' && state !== 'in-attesa') {
      this.db.run('UPDATE pec_transactions SET pending_certificati = pending_certificati - 1 WHERE identificativo = ? AND pending_certificati > 0', identificativo);
    }
    return true;
  }

  /** Remembers a handled receipt's Message-ID; false when it was seen before (a redelivery). */
  markReceiptSeen(messageId: string, identificativo: string, at: number): boolean {
    return this.db.run('INSERT OR IGNORE INTO pec_receipts_seen (message_id, identificativo, at) VALUES (?, ?, ?)', messageId, identificativo, at).changes > 0;
  }

  // ---- limits (seed 001 §1.4) ----

  /** Accepted submissions of a mailbox on an Italian calendar day ("yyyy-mm-dd"). */
  acceptedOnDay(mailboxId: number, day: string): number {
    return this.db.get<{ n: number }>('SELECT accepted AS n FROM pec_daily_counters WHERE mailbox_id = ? AND day = ?', mailboxId, day)?.n ?? 0;
  }

  countAccepted(mailboxId: number, day: string): void {
    this.db.run(
      `INSERT INTO pec_daily_counters (mailbox_id, day, accepted) VALUES (?, ?, 1)
       ON CONFLICT (mailbox_id, day) DO UPDATE SET accepted = accepted + 1`,
      mailboxId, day,
    );
  }

  /** "Messaggi contemporanei": transactions with a certificato recipient still waiting for its first receipt. */
  openTransactions(mailboxId: number): number {
    return this.db.get<{ n: number }>('SELECT count(*) AS n FROM pec_transactions WHERE mailbox_id = ? AND pending_certificati > 0', mailboxId)?.n ?? 0;
  }

  // ---- receiving side (writers: punto-ricezione, punto-consegna) ----

  /** The subset of recipients not yet covered by a presa in carico; records them under this presa. */
  claimRicezioni(identificativo: string, recipients: readonly string[], presaMessageId: string, at: number): string[] {
    return recipients.filter(
      (r) => this.db.run('INSERT OR IGNORE INTO pec_ricezioni (identificativo, recipient, presa_message_id, at) VALUES (?, ?, ?, ?)',
        identificativo, r.toLowerCase(), presaMessageId, at).changes > 0,
    );
  }

  ricezioneRecorded(identificativo: string, recipient: string): boolean {
    return this.db.get('SELECT 1 FROM pec_ricezioni WHERE identificativo = ? AND recipient = ?', identificativo, recipient.toLowerCase()) !== undefined;
  }

  consegna(identificativo: string, recipient: string): { outcome: string; receiptMessageId: string | null; at: number } | undefined {
    const r = this.db.get<{ outcome: string; receipt_message_id: string | null; at: number }>(
      'SELECT outcome, receipt_message_id, at FROM pec_consegne WHERE identificativo = ? AND recipient = ?', identificativo, recipient.toLowerCase(),
    );
    return r ? { outcome: r.outcome, receiptMessageId: r.receipt_message_id, at: r.at } : undefined;
  }

  /** Records the outcome of a delivery; false when one was already recorded (never a duplicate receipt). */
  recordConsegna(identificativo: string, recipient: string, outcome: string, receiptMessageId: string | null, at: number): boolean {
    return this.db.run('INSERT OR IGNORE INTO pec_consegne (identificativo, recipient, outcome, receipt_message_id, at) VALUES (?, ?, ?, ?, ?)',
      identificativo, recipient.toLowerCase(), outcome, receiptMessageId, at).changes > 0;
  }

  hold(recipient: string, identificativo: string, payload: unknown, at: number): boolean {
    return this.db.run('INSERT OR IGNORE INTO pec_held (recipient, identificativo, payload, held_at) VALUES (?, ?, ?, ?)',
      recipient.toLowerCase(), identificativo, JSON.stringify(payload), at).changes > 0;
  }

  held(recipient: string): { id: number; identificativo: string; payload: unknown; heldAt: number }[] {
    return this.db
      .all<{ id: number; identificativo: string; payload: string; held_at: number }>('SELECT * FROM pec_held WHERE recipient = ? ORDER BY id', recipient.toLowerCase())
      .map((r) => ({ id: r.id, identificativo: r.identificativo, payload: JSON.parse(r.payload) as unknown, heldAt: r.held_at }));
  }

  heldRecipients(): string[] {
    return this.db.all<{ recipient: string }>('SELECT DISTINCT recipient FROM pec_held ORDER BY recipient').map((r) => r.recipient);
  }

  releaseHeld(id: number): void {
    this.db.run('DELETE FROM pec_held WHERE id = ?', id);
  }

  keepUnknownReceipt(r: Omit<UnknownReceipt, 'id'>): number {
    return this.db.run(
      'INSERT INTO pec_unknown_receipts (received_at, kind, identificativo, mail_from, provider, blob_hash, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      r.receivedAt, r.kind, r.identificativo, r.mailFrom, r.provider, r.blobHash, r.reason,
    ).lastInsertRowid;
  }

  unknownReceipts(opts: { limit?: number; offset?: number } = {}): UnknownReceipt[] {
    const { limit, offset } = checkPage(opts.limit, opts.offset);
    return this.db.all<{ id: number; received_at: number; kind: string; identificativo: string | null; mail_from: string; provider: string | null; blob_hash: string; reason: string }>(
      'SELECT * FROM pec_unknown_receipts ORDER BY id DESC LIMIT ? OFFSET ?', limit, offset,
    ).map((r) => ({ id: r.id, receivedAt: r.received_at, kind: r.kind, identificativo: r.identificativo, mailFrom: r.mail_from, provider: r.provider, blobHash: r.blob_hash, reason: r.reason }));
  }

  quarantine(q: { at: number; side: 'accesso' | 'ricezione'; identificativo: string | null; address: string; virus: string; blobHash: string }): void {
    this.db.run('INSERT INTO pec_quarantine (at, side, identificativo, address, virus, blob_hash) VALUES (?, ?, ?, ?, ?, ?)',
      q.at, q.side, q.identificativo, q.address, q.virus, q.blobHash);
  }

  quarantined(): { at: number; side: string; identificativo: string | null; address: string; virus: string; blobHash: string }[] {
    return this.db.all<{ at: number; side: string; identificativo: string | null; address: string; virus: string; blob_hash: string }>(
      'SELECT at, side, identificativo, address, virus, blob_hash FROM pec_quarantine ORDER BY id',
    ).map((r) => ({ at: r.at, side: r.side, identificativo: r.identificativo, address: r.address, virus: r.virus, blobHash: r.blob_hash }));
  }

  // ---- outbound queue (writer: outbound:<domain>) ----

  insertOutbound(o: NewOutbound): boolean {
    return this.db.run(
      `INSERT OR IGNORE INTO pec_outbound (id, domain, kind, identificativo, blob_hash, mail_from, recipients, created_at, next_attempt_at, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')`,
      o.id, o.domain, o.kind, o.identificativo, o.blobHash, o.mailFrom, JSON.stringify(o.recipients), o.createdAt, o.createdAt,
    ).changes > 0;
  }

  outbound(id: string): OutboundItem | undefined {
    const r = this.db.get<OutRow>('SELECT * FROM pec_outbound WHERE id = ?', id);
    return r ? toOut(r) : undefined;
  }

  outboundByDomain(domain: string, state?: OutboundItem['state']): OutboundItem[] {
    return this.db
      .all<OutRow>('SELECT * FROM pec_outbound WHERE domain = ? AND (?2 IS NULL OR state = ?2) ORDER BY created_at, id', domain, state ?? null)
      .map(toOut);
  }

  updateOutbound(o: Pick<OutboundItem, 'id' | 'recipients' | 'attempts' | 'nextAttemptAt' | 'state' | 'lastError'>): void {
    this.db.run(
      'UPDATE pec_outbound SET recipients = ?, attempts = ?, next_attempt_at = ?, state = ?, last_error = ? WHERE id = ?',
      JSON.stringify(o.recipients), o.attempts, o.nextAttemptAt, o.state, o.lastError, o.id,
    );
  }

  // ---- PEC log staging (writer: src/events/pec-log-writer.ts) ----

  /** Stages a PEC-log record in the step's transaction; it reaches the PEC log after the commit. */
  stageLog(id: string, entry: unknown, at: number): void {
    this.db.run('INSERT OR IGNORE INTO pec_log_pending (id, entry, created_at) VALUES (?, ?, ?)', id, JSON.stringify(entry), at);
  }

  stagedLogs(limit: number): { id: string; entry: unknown }[] {
    return this.db
      .all<{ id: string; entry: string }>('SELECT id, entry FROM pec_log_pending ORDER BY created_at, id LIMIT ?', limit)
      .map((r) => ({ id: r.id, entry: JSON.parse(r.entry) as unknown }));
  }

  dropStagedLogs(ids: readonly string[]): void {
    for (const id of ids) this.db.run('DELETE FROM pec_log_pending WHERE id = ?', id);
  }

  // ---- per-mailbox ordinary-mail policy (webmail settings, seed 000 §2.7.4-2.7.5) ----

  policy(mailboxId: number): MailboxPolicy {
    const r = this.db.get<{ notify_address: string | null; ordinary_mode: OrdinaryPolicy['mode']; forward_address: string | null }>(
      'SELECT notify_address, ordinary_mode, forward_address FROM pec_mailbox_policy WHERE mailbox_id = ?', mailboxId,
    );
    if (!r) return { notifyAddress: null, ordinary: { mode: 'none' } };
    const ordinary: OrdinaryPolicy =
      r.ordinary_mode === 'forward' && r.forward_address ? { mode: 'forward', address: r.forward_address }
        : r.ordinary_mode === 'anomalia' ? { mode: 'anomalia' } : { mode: 'none' };
    return { notifyAddress: r.notify_address, ordinary };
  }

  setNotifyAddress(mailboxId: number, address: string | null): void {
    if (address !== null) checkOrdinaryAddress(address);
    this.db.run(
      `INSERT INTO pec_mailbox_policy (mailbox_id, notify_address) VALUES (?, ?)
       ON CONFLICT (mailbox_id) DO UPDATE SET notify_address = excluded.notify_address`,
      mailboxId, address?.toLowerCase() ?? null,
    );
  }

  setOrdinaryPolicy(mailboxId: number, p: OrdinaryPolicy): void {
    if (p.mode === 'forward') checkOrdinaryAddress(p.address);
    this.db.run(
      `INSERT INTO pec_mailbox_policy (mailbox_id, ordinary_mode, forward_address) VALUES (?, ?, ?)
       ON CONFLICT (mailbox_id) DO UPDATE SET ordinary_mode = excluded.ordinary_mode, forward_address = excluded.forward_address`,
      mailboxId, p.mode, p.mode === 'forward' ? p.address.toLowerCase() : null,
    );
  }

  /**
   * The seed's single "Destinatario" field (seed 000 §2.7.5): empty = not delivered, the PEC address itself =
   * delivered into the PEC mailbox (as busta di anomalia), any other address = forwarded there.
   */
  setOrdinaryForward(mailboxId: number, mailboxAddress: string, destinatario: string | null): OrdinaryPolicy {
    const d = destinatario?.trim().toLowerCase() ?? '';
    const p: OrdinaryPolicy = d === '' ? { mode: 'none' } : d === mailboxAddress.toLowerCase() ? { mode: 'anomalia' } : { mode: 'forward', address: d };
    this.setOrdinaryPolicy(mailboxId, p);
    return p;
  }
}

/** RFC 5321 §4.5.3.1.3 path limit; an address without one "@" is not an address. */
export const MAX_POLICY_ADDRESS_LENGTH = 254;

function checkOrdinaryAddress(a: string): void {
  if (a.length > MAX_POLICY_ADDRESS_LENGTH || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(a)) {
    throw new InvalidValueError('address', 'not an e-mail address');
  }
}

export type OutboundRecipientState = 'pending' | 'sent' | 'failed';
export interface NewOutbound {
  id: string;
  domain: string;
  /** busta (envelope), ricevuta (a receipt to a peer provider), ordinaria (forward, notifica di ricezione). */
  kind: 'busta' | 'ricevuta' | 'ordinaria';
  identificativo: string | null;
  blobHash: string;
  mailFrom: string;
  recipients: Record<string, { state: OutboundRecipientState; detail?: string }>;
  createdAt: number;
}
export interface OutboundItem extends NewOutbound {
  attempts: number;
  nextAttemptAt: number | null;
  state: 'queued' | 'done' | 'failed';
  lastError: string | null;
}
type OutRow = {
  id: string; domain: string; kind: NewOutbound['kind']; identificativo: string | null; blob_hash: string; mail_from: string;
  recipients: string; attempts: number; created_at: number; next_attempt_at: number | null; state: OutboundItem['state'];
  last_error: string | null;
};
const toOut = (r: OutRow): OutboundItem => ({
  id: r.id, domain: r.domain, kind: r.kind, identificativo: r.identificativo, blobHash: r.blob_hash, mailFrom: r.mail_from,
  recipients: JSON.parse(r.recipients) as OutboundItem['recipients'], attempts: r.attempts, createdAt: r.created_at,
  nextAttemptAt: r.next_attempt_at, state: r.state, lastError: r.last_error,
});

