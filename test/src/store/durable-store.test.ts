import { describe, expect, it } from 'bun:test';
import { MemoryDurableStore } from '../../../src/runtime/memory-durable.ts';
import { Db, migrate } from '../../../src/store/db.ts';
import { SqliteDurableStore } from '../../../src/store/durable-store.ts';
import { StoreError } from '../../../src/store/errors.ts';
import { MAIN_MIGRATIONS } from '../../../src/store/migrations/index.ts';
import { durableStoreContract, type DurableHarness } from './durable-store.contract.ts';
import { tempDir } from './helpers.ts';

function sqliteHarness(): DurableHarness & { db: () => Db } {
  const { dir, cleanup } = tempDir();
  const path = `${dir}/pec.sqlite`;
  let db = new Db(path);
  migrate(db, MAIN_MIGRATIONS);
  const h = {
    store: new SqliteDurableStore(db) as SqliteDurableStore,
    db: () => db,
    reopen() {
      db.close();
      db = new Db(path);
      migrate(db, MAIN_MIGRATIONS);
      h.store = new SqliteDurableStore(db);
      return h.store;
    },
    cleanup() {
      db.close();
      cleanup();
    },
  };
  return h;
}

durableStoreContract('SqliteDurableStore', sqliteHarness);
durableStoreContract('MemoryDurableStore', () => {
  const store = new MemoryDurableStore();
  return { store, reopen: () => store, cleanup: () => {} };
});

describe('SqliteDurableStore specifics', () => {
  it('refuses a Promise-returning transaction callback and rolls it back', () => {
    const h = sqliteHarness();
    try {
      const err = (() => {
        try {
          h.store.transaction(() => {
            h.store.outboxInsert({ id: 'a', target: 't', payload: '{}', createdAt: 1 });
            return Promise.resolve(1);
          });
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('async-in-transaction');
      expect(h.store.outboxPending()).toEqual([]);
    } finally {
      h.cleanup();
    }
  });

  it('refuses transactionBegin while a transaction is open', () => {
    const h = sqliteHarness();
    try {
      h.store.transactionBegin();
      expect(() => h.store.transactionBegin()).toThrow(StoreError);
      h.store.transactionRollback();
      expect(h.db().inTransaction).toBe(false);
    } finally {
      h.cleanup();
    }
  });

  it('treats a transaction() nested in another as a savepoint', () => {
    const h = sqliteHarness();
    try {
      h.store.transaction(() => {
        h.store.outboxInsert({ id: 'outer', target: 't', payload: '{}', createdAt: 1 });
        expect(() => h.store.transaction(() => {
          h.store.outboxInsert({ id: 'inner', target: 't', payload: '{}', createdAt: 2 });
          throw new Error('x');
        })).toThrow('x');
      });
      expect(h.store.outboxPending().map((r) => r.id)).toEqual(['outer']);
    } finally {
      h.cleanup();
    }
  });

  it('keeps hostile payloads byte for byte (quotes, NUL, percent, 64 KB)', () => {
    const h = sqliteHarness();
    try {
      const payload = `{"x":"'; DROP TABLE outbox; --\\u0000 %_ ${'é'.repeat(32_000)}"}`;
      h.store.transaction(() => h.store.outboxInsert({ id: "id'\u0000\"", target: "t'", payload, createdAt: 1 }));
      const [r] = h.reopen().outboxPending();
      expect(r).toEqual({ id: "id'\u0000\"", target: "t'", payload, createdAt: 1 });
    } finally {
      h.cleanup();
    }
  });
});
