// Writes the PEC log (registro dei messaggi, SPEC §5.10, §0 D17): a record is staged in the main database inside the
// transaction of the step it describes, and moved to the append-only PEC log after that commit, in batches (one
// fsync per batch). A crash between the two leaves the staged rows, which `recover()` moves without duplicates.
import type { Tx } from '../runtime/actor.ts';
import { newId } from '../runtime/ids.ts';
import type { PecLogEntry } from '../store/pec-log-record.ts';
import type { PecLog } from '../store/pec-log.ts';
import type { PecTransactionRepo } from '../store/pec-transaction-repo.ts';
import type { EventBus } from './bus.ts';

/** Records moved per PEC-log transaction. */
export const PEC_LOG_BATCH = 500;
/** Staged records wait at most this long before they are moved (one PEC-log fsync per interval, not per tick). */
export const PEC_LOG_FLUSH_INTERVAL_MS = 50;

export interface PecLogWriterDeps {
  repo: PecTransactionRepo;
  pecLog: PecLog;
  bus: EventBus;
  /** Runs a write on the main database (joins the open group-commit transaction or opens one). */
  write: (fn: () => void) => void;
}

export class PecLogWriter {
  private scheduled = false;
  private closed = false;

  constructor(private readonly deps: PecLogWriterDeps) {}

  /** Inside a step's ctx.tx: the record commits with the state change and is appended after the commit. */
  stage(tx: Tx, entry: PecLogEntry): void {
    const id = newId();
    this.deps.repo.stageLog(id, { ...entry, details: { ...entry.details, logId: id } }, entry.at);
    tx.afterCommit(() => {
      this.deps.bus.emit({
        type: `pec.${entry.eventType}`,
        identificativo: entry.identificativo,
        mittente: entry.mittente,
        destinatari: entry.destinatari.map((d) => d.addr),
        generatedMessageId: entry.generatedMessageId,
      });
      this.kick();
    });
  }

  /** Moves what is staged now (tests; shutdown). */
  flush(): number {
    let moved = 0;
    for (;;) {
      const rows = this.deps.repo.stagedLogs(PEC_LOG_BATCH);
      if (rows.length === 0) return moved;
      this.deps.pecLog.appendMany(rows.map((r) => r.entry as PecLogEntry));
      this.deps.write(() => this.deps.repo.dropStagedLogs(rows.map((r) => r.id)));
      moved += rows.length;
      if (rows.length < PEC_LOG_BATCH) return moved;
    }
  }

  /**
   * After a restart: a staged row whose logId is already in the PEC log was appended before the crash and only
   * its removal was lost; it is dropped, the others are appended.
   */
  recover(): number {
    const rows = this.deps.repo.stagedLogs(Number.MAX_SAFE_INTEGER);
    const fresh = rows.filter((r) => {
      const e = r.entry as PecLogEntry;
      return !this.deps.pecLog.query({ identificativo: e.identificativo, limit: 1000 }).some((x) => x.details['logId'] === r.id);
    });
    if (fresh.length) this.deps.pecLog.appendMany(fresh.map((r) => r.entry as PecLogEntry));
    if (rows.length) this.deps.write(() => this.deps.repo.dropStagedLogs(rows.map((r) => r.id)));
    return fresh.length;
  }

  close(): void {
    this.closed = true;
  }

  private kick(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    // Coalesces the records of an interval into one PEC-log transaction (I/O batching, not domain time).
    const t = setTimeout(() => {
      this.scheduled = false;
      if (this.closed) return;
      try {
        this.flush();
      } catch (e) {
        this.deps.bus.emit({ type: 'pec.log-write-failed', error: e instanceof Error ? e.message : String(e) });
      }
    }, PEC_LOG_FLUSH_INTERVAL_MS);
    (t as { unref?: () => void }).unref?.();
  }
}
