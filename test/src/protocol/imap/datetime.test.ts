import { describe, expect, it } from 'bun:test';
import { formatImapDateTime, parseImapDate, parseImapDateTime } from '../../../../src/protocol/imap/datetime.ts';

describe('IMAP date-time (RFC 9051 §9)', () => {
  it('parses and formats in the written zone', () => {
    const dt = parseImapDateTime('17-Jul-1996 02:44:25 -0700');
    expect(dt).toEqual({ ms: Date.UTC(1996, 6, 17, 9, 44, 25), tzOffsetMinutes: -420 });
    expect(formatImapDateTime(dt!)).toBe('17-Jul-1996 02:44:25 -0700');
  });

  it('accepts the space-padded day of date-day-fixed and a positive zone', () => {
    const dt = parseImapDateTime(' 1-Jan-2025 00:30:00 +0100');
    expect(dt?.ms).toBe(Date.UTC(2024, 11, 31, 23, 30, 0));
    expect(formatImapDateTime(dt!)).toBe('01-Jan-2025 00:30:00 +0100');
  });

  const bad = ['31-Feb-2024 00:00:00 +0000', '1-Foo-2024 00:00:00 +0000', '01-Jan-2024 24:00:00 +0000', '01-Jan-2024 00:00 +0000', '01-Jan-2024 00:00:00 0000'];
  for (const s of bad) it(`rejects ${s}`, () => expect(parseImapDateTime(s)).toBeNull());

  it('parses search dates and rejects impossible days', () => {
    expect(parseImapDate('1-feb-1994')).toEqual({ year: 1994, month: 2, day: 1 });
    expect(parseImapDate('29-Feb-2023')).toBeNull();
    expect(parseImapDate('29-Feb-2024')).toEqual({ year: 2024, month: 2, day: 29 });
  });
});
