// Opens one SQLite file with the durability pragmas, caches prepared statements, runs transactions/savepoints and
// numbered migrations. The only module (with its siblings in src/store) that imports bun:sqlite.
import { Database, type SQLQueryBindings, type Statement } from 'bun:sqlite';
import { StoreError } from './errors.ts';

/** How long a writer waits on another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

export interface Migration {
  version: number;
  name: string;
  /** SQL run as one script inside the migration's transaction. */
  up: string;
}

export type Bindings = SQLQueryBindings[];

/** One open database: statements are prepared once per SQL text and kept for the life of the connection. */
export class Db {
  readonly raw: Database;
  private readonly statements = new Map<string, Statement>();
  private savepointSeq = 0;

  constructor(readonly path: string) {
    // strict: a missing binding throws instead of silently binding NULL.
    this.raw = new Database(path, { create: true, readwrite: true, strict: true });
    // WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every commit, so a committed
    // PEC transaction survives a power loss (Bun's default is not what we want: oven-sh/bun#9165).
    this.raw.run('PRAGMA journal_mode = WAL');
    this.raw.run('PRAGMA synchronous = FULL');
    this.raw.run('PRAGMA foreign_keys = ON');
    this.raw.run(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }

  /**
   * A cached prepared statement. Database.query() keeps only an LRU of 20 statements, fewer than the
   * repositories use, so the cache is ours and unbounded (SQL texts are constants in the source).
   */
  q<R = unknown>(sql: string): Statement<R, Bindings> {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.raw.prepare(sql);
      this.statements.set(sql, st);
    }
    return st as Statement<R, Bindings>;
  }

  get<R>(sql: string, ...params: Bindings): R | undefined {
    return (this.q<R>(sql).get(...params) ?? undefined) as R | undefined;
  }

  all<R>(sql: string, ...params: Bindings): R[] {
    return this.q<R>(sql).all(...params);
  }

  run(sql: string, ...params: Bindings): { changes: number; lastInsertRowid: number } {
    const r = this.q(sql).run(...params);
    return { changes: r.changes, lastInsertRowid: Number(r.lastInsertRowid) };
  }

  get inTransaction(): boolean {
    return this.raw.inTransaction;
  }

  /** BEGIN IMMEDIATE … COMMIT (the write lock is taken up front: no upgrade deadlock). Nested calls are savepoints. */
  transaction<T>(fn: () => T): T {
    if (this.raw.inTransaction) return this.savepoint(fn);
    this.begin();
    let result: T;
    try {
      result = guardSync(fn());
    } catch (e) {
      this.rollback();
      throw e;
    }
    this.commit();
    return result;
  }

  /** Opens a write transaction left open across calls (group commit). */
  begin(): void {
    if (this.raw.inTransaction) throw new StoreError('transaction-state', 'a transaction is already open');
    this.raw.run('BEGIN IMMEDIATE');
  }

  commit(): void {
    if (!this.raw.inTransaction) throw new StoreError('transaction-state', 'no transaction to commit');
    try {
      this.raw.run('COMMIT');
    } catch (e) {
      // A failed COMMIT (disk full, I/O error) may leave the transaction open: end it so the next begin works.
      if (this.raw.inTransaction) this.raw.run('ROLLBACK');
      throw e;
    }
  }

  /** No-op when nothing is open (SQLite may already have rolled back after an error). */
  rollback(): void {
    if (this.raw.inTransaction) this.raw.run('ROLLBACK');
  }

  /** SAVEPOINT around fn with a unique name; on throw ROLLBACK TO + RELEASE and rethrow. Opens a transaction if none. */
  savepoint<T>(fn: () => T): T {
    if (!this.raw.inTransaction) return this.transaction(fn);
    const name = `sp_${++this.savepointSeq}`;
    this.raw.run(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = guardSync(fn());
    } catch (e) {
      // SQLite may have rolled the whole transaction back already (e.g. SQLITE_FULL): then there is no savepoint.
      if (this.raw.inTransaction) {
        this.raw.run(`ROLLBACK TO ${name}`);
        this.raw.run(`RELEASE ${name}`);
      }
      throw e;
    }
    this.raw.run(`RELEASE ${name}`);
    return result;
  }

  close(): void {
    for (const st of this.statements.values()) st.finalize();
    this.statements.clear();
    this.raw.close();
  }
}

/** A Promise returned into a synchronous transaction would commit before its work ran: refuse it. */
function guardSync<T>(value: T): T {
  if (value instanceof Promise) {
    value.catch(() => {});
    throw new StoreError('async-in-transaction', 'transaction callback returned a Promise; it must be synchronous');
  }
  return value;
}

/**
 * Applies, in version order, each migration not yet recorded in schema_migrations, one transaction each.
 * Idempotent: a reopen applies nothing. Refuses a database that knows a version this program does not.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && sorted[i - 1]!.version === m.version)) {
      throw new StoreError('migration-failed', `migration versions must be distinct positive integers (${m.version})`);
    }
  });
  db.raw.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const known = new Set(db.all<{ version: number }>('SELECT version FROM schema_migrations').map((r) => r.version));
  const newest = sorted.at(-1)?.version ?? 0;
  for (const v of known) {
    if (v > newest) throw new StoreError('schema-too-new', `${db.path}: schema version ${v} is newer than this program (${newest})`);
  }
  const applied: number[] = [];
  for (const m of sorted) {
    if (known.has(m.version)) continue;
    try {
      db.transaction(() => {
        db.raw.run(m.up);
        db.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, unixepoch())", m.version, m.name);
      });
    } catch (e) {
      throw new StoreError('migration-failed', `migration ${m.version}-${m.name} failed: ${(e as Error).message}`);
    }
    applied.push(m.version);
  }
  return applied;
}

/** Versions recorded in schema_migrations, ascending. */
export function appliedVersions(db: Db): number[] {
  return db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version);
}
