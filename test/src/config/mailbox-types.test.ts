import { describe, expect, it } from 'bun:test';
import {
  defaultSoftLimit,
  isMailboxTypeCode,
  MAILBOX_TYPES,
  MAX_MESSAGE_BYTES,
  MAX_SIZE_TIMES_RECIPIENTS,
} from '../../../src/config/mailbox-types.ts';

const MB = 1024 * 1024;
const GB = 1024 * MB;

describe('MAILBOX_TYPES (seed 001 §1.4)', () => {
  it.each([
    ['A', 3 * GB, 6 * GB, 500, 1000, 50],
    ['B', 5 * GB, 10 * GB, 1000, 1000, 100],
    ['C', 12 * GB, 24 * GB, 1000, 5000, 600],
  ] as const)('type %s has the seed limits', (code, inbox, archive, rcpts, perDay, concurrent) => {
    expect(MAILBOX_TYPES[code]).toMatchObject({
      inboxBytes: inbox,
      archiveBytes: archive,
      maxMessageBytes: 50 * MB,
      maxRecipientsPerMessage: rcpts,
      maxMessagesPerDay: perDay,
      maxConcurrentMessages: concurrent,
    });
  });

  it('caps size × recipients at 50 MB (SPEC §0 D15)', () => {
    expect(MAX_SIZE_TIMES_RECIPIENTS).toBe(50 * MB);
    expect(MAX_MESSAGE_BYTES).toBe(50 * MB);
  });

  it('puts the default soft limit at 80% of the quota (seed 003)', () => {
    expect(defaultSoftLimit(1000 * MB)).toBe(800 * MB);
    expect(defaultSoftLimit(7)).toBe(5);
  });

  it('recognises only A, B and C', () => {
    expect(['A', 'B', 'C', 'a', 'D', ''].map(isMailboxTypeCode)).toEqual([true, true, true, false, false, false]);
  });
});
