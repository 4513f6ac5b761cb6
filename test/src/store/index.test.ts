import { describe, expect, it } from 'bun:test';
import { existsSync, writeFileSync } from 'node:fs';
import { openStore, StoreError } from '../../../src/store/index.ts';
import { hashOf, T0, tempDir } from './helpers.ts';

describe('openStore', () => {
  it('creates the data folder, both databases and the blob folder on first start', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(`${dir}/data`);
      expect(existsSync(`${dir}/data/pec.sqlite`)).toBe(true);
      expect(existsSync(`${dir}/data/peclog.sqlite`)).toBe(true);
      expect(existsSync(`${dir}/data/blobs`)).toBe(true);
      store.close();
    } finally {
      cleanup();
    }
  });

  it('reopens an existing store with its data and without re-running migrations', async () => {
    const { dir, cleanup } = tempDir();
    try {
      let store = openStore(dir);
      const d = store.domains.create('pec.demo.test', T0);
      const hash = await store.blobs.put(new TextEncoder().encode('raw'));
      store.close();
      store = openStore(dir);
      expect(store.domains.byName('pec.demo.test')).toEqual(d);
      expect(await store.blobs.has(hash)).toBe(true);
      expect(store.pecLog.verifyChain().ok).toBe(true);
      store.close();
    } finally {
      cleanup();
    }
  });

  it('throws StoreError store-unwritable with a one-line message when the folder cannot be created', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(`${dir}/file`, 'x');
      try {
        openStore(`${dir}/file/data`);
        throw new Error('not refused');
      } catch (e) {
        expect(e).toBeInstanceOf(StoreError);
        expect((e as StoreError).code).toBe('store-unwritable');
        expect((e as StoreError).message).not.toContain('\n');
      }
    } finally {
      cleanup();
    }
  });

  it('runs a repository write and an outbox record in one transaction', () => {
    const { dir, cleanup } = tempDir();
    try {
      const store = openStore(dir);
      expect(() =>
        store.durable.transaction(() => {
          store.domains.create('pec.demo.test', T0);
          store.durable.outboxInsert({ id: hashOf('m'), target: 'mailbox:x', payload: '{}', createdAt: T0 });
          throw new Error('crash before commit');
        }),
      ).toThrow('crash before commit');
      expect(store.domains.list()).toEqual([]);
      expect(store.durable.outboxPending()).toEqual([]);
      store.close();
    } finally {
      cleanup();
    }
  });
});
