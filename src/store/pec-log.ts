// The PEC log (registro dei messaggi, SPEC §5.10) in its own SQLite file: append-only (triggers), hash-chained,
// searchable by date, identificativo, mittente and destinatario.
import { Db, migrate } from './db.ts';
import { checkPage } from './limits.ts';
import { PEC_LOG_MIGRATIONS } from './migrations/peclog/index.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  recordHash,
  validateEntry,
  type PecLogEntry,
  type PecLogRecord,
} from './pec-log-record.ts';

export interface PecLogQuery {
  /** Inclusive lower bound on `at` (ms). */
  from?: number;
  /** Exclusive upper bound on `at` (ms). */
  to?: number;
  identificativo?: string;
  /** Case-insensitive exact address. */
  mittente?: string;
  /** Case-insensitive exact address among the destinatari. */
  destinatario?: string;
  limit?: number;
  offset?: number;
}

export type ChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; brokenAt: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' | 'head-mismatch' };

interface Row {
  seq: number;
  at: number;
  event_type: string;
  identificativo: string;
  client_msgid: string | null;
  generated_message_id: string | null;
  mittente: string;
  destinatari: string;
  oggetto: string | null;
  gestore: string;
  details: string;
  prev_hash: string;
  hash: string;
}
const COLS =
  'seq, at, event_type, identificativo, client_msgid, generated_message_id, mittente, destinatari, oggetto, gestore, details, prev_hash, hash';

function toRecord(r: Row): PecLogRecord {
  return {
    seq: r.seq,
    at: r.at,
    eventType: r.event_type as PecLogRecord['eventType'],
    identificativo: r.identificativo,
    clientMsgid: r.client_msgid,
    generatedMessageId: r.generated_message_id,
    mittente: r.mittente,
    destinatari: JSON.parse(r.destinatari) as PecLogRecord['destinatari'],
    oggetto: r.oggetto,
    gestore: r.gestore,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class PecLog {
  private constructor(private readonly db: Db) {}

  static open(path: string): PecLog {
    const db = new Db(path);
    try {
      migrate(db, PEC_LOG_MIGRATIONS);
    } catch (e) {
      db.close();
      throw e;
    }
    return new PecLog(db);
  }

  /** Appends one record, chained to the last one, in its own write transaction. */
  append(entry: PecLogEntry): PecLogRecord {
    return this.appendMany([entry])[0]!;
  }

  /** Appends several records under one commit (one fsync): the group-commit path. */
  appendMany(entries: readonly PecLogEntry[]): PecLogRecord[] {
    for (const e of entries) validateEntry(e);
    return this.db.transaction(() => {
      let head = this.head();
      return entries.map((e) => {
        const seq = (head?.seq ?? 0) + 1;
        const prevHash = head?.hash ?? GENESIS_HASH;
        const hash = recordHash(seq, prevHash, e);
        this.db.run(
          `INSERT INTO pec_log (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          seq, e.at, e.eventType, e.identificativo, e.clientMsgid, e.generatedMessageId, e.mittente,
          canonicalJson(e.destinatari), e.oggetto, e.gestore, canonicalJson(e.details), prevHash, hash,
        );
        head = { seq, hash };
        return { ...e, seq, prevHash, hash };
      });
    });
  }

  /** The last record's seq and hash: anchor it outside (signature, timestamp) to detect a truncated tail. */
  head(): { seq: number; hash: string } | null {
    return this.db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM pec_log ORDER BY seq DESC LIMIT 1') ?? null;
  }

  /**
   * Recomputes every hash in order. Finds edited rows, removed rows (a gap in seq), re-chained rows and, when
   * `expectedHead` (an anchored head) is given, a truncated or replaced tail.
   */
  verifyChain(expectedHead?: { seq: number; hash: string }): ChainVerdict {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    let last: { seq: number; hash: string } | null = null;
    for (const row of this.db.q<Row>(`SELECT ${COLS} FROM pec_log ORDER BY seq`).iterate()) {
      if (row.seq !== expectedSeq) return { ok: false, brokenAt: expectedSeq, reason: 'sequence-gap' };
      if (row.prev_hash !== prev) return { ok: false, brokenAt: row.seq, reason: 'prev-hash-mismatch' };
      if (recordHash(row.seq, row.prev_hash, toRecord(row)) !== row.hash) return { ok: false, brokenAt: row.seq, reason: 'hash-mismatch' };
      prev = row.hash;
      expectedSeq++;
      count++;
      last = { seq: row.seq, hash: row.hash };
    }
    if (expectedHead) {
      const atAnchor = this.db.get<{ hash: string }>('SELECT hash FROM pec_log WHERE seq = ?', expectedHead.seq);
      if (atAnchor?.hash !== expectedHead.hash) return { ok: false, brokenAt: expectedHead.seq, reason: 'head-mismatch' };
    }
    return { ok: true, count, head: last };
  }

  /** Records matching every given criterion, oldest first. */
  query(q: PecLogQuery = {}): PecLogRecord[] {
    const { limit, offset } = checkPage(q.limit, q.offset);
    const rows = this.db.all<Row>(
      `SELECT ${COLS} FROM pec_log
       WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR identificativo = ?3)
         AND (?4 IS NULL OR mittente = ?4 COLLATE NOCASE)
         AND (?5 IS NULL OR EXISTS (SELECT 1 FROM json_each(destinatari) d
                                    WHERE json_extract(d.value, '$.addr') = ?5 COLLATE NOCASE))
       ORDER BY seq LIMIT ?6 OFFSET ?7`,
      q.from ?? null, q.to ?? null, q.identificativo ?? null, q.mittente ?? null, q.destinatario ?? null, limit, offset,
    );
    return rows.map(toRecord);
  }

  close(): void {
    this.db.close();
  }
}
