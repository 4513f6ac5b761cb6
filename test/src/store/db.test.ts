import { describe, expect, it } from 'bun:test';
import { appliedVersions, Db, migrate, type Migration } from '../../../src/store/db.ts';
import { StoreError } from '../../../src/store/errors.ts';
import { MAIN_MIGRATIONS } from '../../../src/store/migrations/index.ts';
import { tempDir } from './helpers.ts';

function withDb(fn: (path: string) => void): void {
  const { dir, cleanup } = tempDir();
  try {
    fn(`${dir}/t.sqlite`);
  } finally {
    cleanup();
  }
}

describe('Db', () => {
  it('opens in WAL with synchronous=FULL, foreign keys on and a busy timeout', () =>
    withDb((path) => {
      const db = new Db(path);
      expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
      expect(db.get<{ synchronous: number }>('PRAGMA synchronous')?.synchronous).toBe(2);
      expect(db.get<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
      expect(db.get<{ timeout: number }>('PRAGMA busy_timeout')?.timeout).toBeGreaterThan(0);
      db.close();
    }));

  it('prepares each SQL text once and reuses the statement', () =>
    withDb((path) => {
      const db = new Db(path);
      expect(db.q('SELECT 1')).toBe(db.q('SELECT 1'));
      db.close();
    }));

  it('throws on a missing binding instead of binding NULL', () =>
    withDb((path) => {
      const db = new Db(path);
      db.raw.run('CREATE TABLE t (a TEXT NOT NULL)');
      expect(() => db.run('INSERT INTO t (a) VALUES (?)')).toThrow();
      db.close();
    }));
});

describe('migrate', () => {
  it('applies every main migration once and nothing on reopen', () =>
    withDb((path) => {
      let db = new Db(path);
      expect(migrate(db, MAIN_MIGRATIONS)).toEqual(MAIN_MIGRATIONS.map((m) => m.version));
      db.close();
      db = new Db(path);
      expect(migrate(db, MAIN_MIGRATIONS)).toEqual([]);
      expect(appliedVersions(db)).toEqual(MAIN_MIGRATIONS.map((m) => m.version));
      db.close();
    }));

  it('applies only the migrations added since the last start, in version order', () =>
    withDb((path) => {
      const a: Migration = { version: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER)' };
      const b: Migration = { version: 2, name: 'b', up: 'CREATE TABLE b (x INTEGER); INSERT INTO b VALUES (1)' };
      const c: Migration = { version: 3, name: 'c', up: 'INSERT INTO b SELECT x + 1 FROM b' };
      let db = new Db(path);
      migrate(db, [a]);
      db.close();
      db = new Db(path);
      expect(migrate(db, [c, a, b])).toEqual([2, 3]);
      expect(db.all<{ x: number }>('SELECT x FROM b ORDER BY x')).toEqual([{ x: 1 }, { x: 2 }]);
      db.close();
    }));

  it('rolls back a failing migration entirely and reports it with a typed error', () =>
    withDb((path) => {
      const db = new Db(path);
      const bad: Migration = { version: 1, name: 'bad', up: 'CREATE TABLE ok (x INTEGER); CREATE TABLE ok (x INTEGER)' };
      expect(() => migrate(db, [bad])).toThrow(StoreError);
      expect(db.get("SELECT name FROM sqlite_master WHERE name = 'ok'")).toBeUndefined();
      expect(appliedVersions(db)).toEqual([]);
      db.close();
    }));

  it('refuses a database whose schema is newer than the program', () =>
    withDb((path) => {
      const db = new Db(path);
      migrate(db, [{ version: 1, name: 'a', up: 'SELECT 1' }, { version: 2, name: 'b', up: 'SELECT 1' }]);
      try {
        migrate(db, [{ version: 1, name: 'a', up: 'SELECT 1' }]);
        throw new Error('not refused');
      } catch (e) {
        expect((e as StoreError).code).toBe('schema-too-new');
      }
      db.close();
    }));

  it('refuses duplicate migration versions', () =>
    withDb((path) => {
      const db = new Db(path);
      const m: Migration = { version: 1, name: 'a', up: 'SELECT 1' };
      expect(() => migrate(db, [m, { ...m, name: 'b' }])).toThrow(StoreError);
      db.close();
    }));
});
