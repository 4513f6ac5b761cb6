// Contract suite of the runtime's DurableStore port: run against every implementation (SQLite, in-memory fake).
import { describe, expect, it } from 'bun:test';
import type { DurableStore } from '../../../src/runtime/durable.ts';

export interface DurableHarness {
  store: DurableStore;
  /** Closes and reopens the same storage (in-memory fakes return the same object). */
  reopen(): DurableStore;
  cleanup(): void;
}

const rec = (id: string, createdAt = 1) => ({ id, target: 'mailbox:a@pec.demo.test', payload: `{"id":"${id}"}`, createdAt });

export function durableStoreContract(name: string, make: () => DurableHarness): void {
  describe(`DurableStore contract: ${name}`, () => {
    const run = (fn: (h: DurableHarness) => void) => () => {
      const h = make();
      try {
        fn(h);
      } finally {
        h.cleanup();
      }
    };

    it('commits outbox records written in a transaction', run((h) => {
      h.store.transaction(() => h.store.outboxInsert(rec('m1')));
      expect(h.reopen().outboxPending()).toEqual([rec('m1')]);
    }));

    it('rolls back every write of a transaction whose callback throws, and rethrows', run((h) => {
      const boom = new Error('boom');
      expect(() => h.store.transaction(() => {
        h.store.outboxInsert(rec('m1'));
        h.store.timerUpsert({ id: 't1', target: 'x', fireAt: 5, payload: '{}' });
        throw boom;
      })).toThrow(boom);
      expect(h.store.outboxPending()).toEqual([]);
      expect(h.store.timersAll()).toEqual([]);
    }));

    it('rolls back only the inner savepoint and keeps the outer writes', run((h) => {
      h.store.transaction(() => {
        h.store.outboxInsert(rec('outer'));
        expect(() => h.store.savepoint(() => {
          h.store.outboxInsert(rec('inner'));
          throw new Error('inner fails');
        })).toThrow('inner fails');
      });
      expect(h.store.outboxPending().map((r) => r.id)).toEqual(['outer']);
    }));

    it('nests savepoints three deep, rolling back the middle one with its child', run((h) => {
      h.store.transaction(() => {
        h.store.savepoint(() => {
          h.store.outboxInsert(rec('level1'));
          expect(() => h.store.savepoint(() => {
            h.store.outboxInsert(rec('level2'));
            h.store.savepoint(() => h.store.outboxInsert(rec('level3')));
            throw new Error('level2 fails');
          })).toThrow('level2 fails');
          h.store.savepoint(() => h.store.outboxInsert(rec('level2b')));
        });
      });
      expect(h.store.outboxPending().map((r) => r.id).sort()).toEqual(['level1', 'level2b']);
    }));

    it('keeps the split begin/commit/rollback calls equivalent to transaction()', run((h) => {
      h.store.transactionBegin();
      h.store.outboxInsert(rec('a'));
      h.store.transactionRollback();
      expect(h.store.outboxPending()).toEqual([]);
      h.store.transactionBegin();
      h.store.savepoint(() => h.store.outboxInsert(rec('b')));
      h.store.transactionCommit();
      expect(h.reopen().outboxPending().map((r) => r.id)).toEqual(['b']);
    }));

    it('refuses a second outbox record with the same id', run((h) => {
      h.store.transaction(() => h.store.outboxInsert(rec('dup')));
      expect(() => h.store.transaction(() => h.store.outboxInsert(rec('dup')))).toThrow();
      expect(h.store.outboxPending()).toHaveLength(1);
    }));

    it('lists pending outbox records oldest first and deletes them once', run((h) => {
      h.store.transaction(() => {
        h.store.outboxInsert(rec('late', 30));
        h.store.outboxInsert(rec('early', 10));
      });
      expect(h.store.outboxPending().map((r) => r.id)).toEqual(['early', 'late']);
      expect(h.store.transaction(() => h.store.outboxDelete('early'))).toBe(true);
      expect(h.store.transaction(() => h.store.outboxDelete('early'))).toBe(false);
      expect(h.reopen().outboxPending().map((r) => r.id)).toEqual(['late']);
    }));

    it('upserts timers by id and lists them by fire time', run((h) => {
      h.store.transaction(() => {
        h.store.timerUpsert({ id: 'deadline-24h', target: 'outbound', fireAt: 2000, payload: '{"h":24}' });
        h.store.timerUpsert({ id: 'deadline-12h', target: 'outbound', fireAt: 1000, payload: '{"h":12}' });
        h.store.timerUpsert({ id: 'deadline-24h', target: 'outbound', fireAt: 500, payload: '{"h":"moved"}' });
      });
      expect(h.reopen().timersAll()).toEqual([
        { id: 'deadline-24h', target: 'outbound', fireAt: 500, payload: '{"h":"moved"}' },
        { id: 'deadline-12h', target: 'outbound', fireAt: 1000, payload: '{"h":12}' },
      ]);
    }));

    it('deletes a timer with fireAt only when it still fires then', run((h) => {
      h.store.transaction(() => h.store.timerUpsert({ id: 't', target: 'x', fireAt: 100, payload: '{}' }));
      expect(h.store.transaction(() => h.store.timerDelete('t', 99))).toBe(false);
      expect(h.store.timersAll()).toHaveLength(1);
      expect(h.store.transaction(() => h.store.timerDelete('t', 100))).toBe(true);
      expect(h.store.transaction(() => h.store.timerDelete('t'))).toBe(false);
    }));

    it('records a processed message id once and reports duplicates', run((h) => {
      expect(h.store.transaction(() => h.store.processedAdd('msg-1', 'mailbox:a', 1))).toBe(true);
      expect(h.store.transaction(() => h.store.processedAdd('msg-1', 'mailbox:a', 2))).toBe(false);
      expect(h.reopen().processedHas('msg-1')).toBe(true);
      expect(h.store.processedHas('msg-2')).toBe(false);
    }));

    it('rolls back a processed id together with the state change that failed', run((h) => {
      expect(() => h.store.transaction(() => {
        h.store.processedAdd('msg-9', 'mailbox:a', 1);
        throw new Error('handler failed');
      })).toThrow('handler failed');
      expect(h.store.processedHas('msg-9')).toBe(false);
    }));
  });
}
