import { describe, expect, it } from 'bun:test';
import type { SearchKey } from '../../../../src/protocol/imap/command-types.ts';
import { MAX_SEARCH_DEPTH, MAX_SEARCH_KEYS } from '../../../../src/protocol/imap/limits.ts';
import { evaluateSearch, sentDay, summarizeSearch, usesModseq, type SearchMessageView } from '../../../../src/protocol/imap/search.ts';
import { cmd, decodeAll } from './helpers.ts';

interface Fake {
  uid: number;
  flags?: string[];
  date?: string; // ISO instant for INTERNALDATE
  size?: number;
  modseq?: bigint;
  headers?: Record<string, string[]>;
  body?: string;
}

function view(f: Fake, seq: number): SearchMessageView {
  const headers = f.headers ?? {};
  const lookup = (name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? [];
  return {
    uid: f.uid,
    seq,
    flags: new Set(f.flags ?? []),
    internalDate: Date.parse(f.date ?? '2024-05-14T10:00:00Z'),
    size: f.size ?? 1000,
    modseq: f.modseq ?? 1n,
    headers: lookup,
    body: () => f.body ?? '',
    text: () => `${Object.entries(headers).map(([k, v]) => `${k}: ${v.join(', ')}`).join('\r\n')}\r\n\r\n${f.body ?? ''}`,
  };
}

const MESSAGES: Fake[] = [
  { uid: 10, flags: ['\\Seen'], size: 500, modseq: 5n, headers: { From: ['Mario Rossi <mario@pec.it>'], Subject: ['Ricevuta di consegna'], Date: ['Mon, 13 May 2024 23:30:00 -0200'] }, body: 'Fattura n. 12' },
  { uid: 11, flags: ['\\Recent'], size: 1500, modseq: 9n, date: '2024-05-15T01:00:00Z', headers: { From: ['luigi@example.com'], To: ['mario@pec.it'], 'X-Ricevuta': ['avvenuta-consegna'] } },
  { uid: 15, flags: ['\\Flagged', '$Forwarded', '\\Deleted'], size: 3000, modseq: 12n, date: '2024-05-20T12:00:00Z', headers: { Subject: ['Re: pec'] }, body: 'nothing' },
];

function run(line: string, tzOffsetMinutes = 0): number[] {
  const c = cmd(`a ${line}`);
  if (c.name !== 'SEARCH') throw new Error('not SEARCH');
  const scope = { maxSeq: MESSAGES.length, maxUid: 15, tzOffsetMinutes };
  return MESSAGES.map((m, i) => view(m, i + 1))
    .filter((v) => evaluateSearch(c.program, v, scope))
    .map((v) => (c.uid ? v.uid : v.seq));
}

describe('search evaluator (RFC 9051 §6.4.4)', () => {
  const table: Array<[string, number[]]> = [
    ['SEARCH ALL', [1, 2, 3]],
    ['SEARCH SEEN', [1]],
    ['SEARCH UNSEEN', [2, 3]],
    ['SEARCH NEW', [2]],
    ['SEARCH OLD', [1, 3]],
    ['SEARCH KEYWORD $forwarded', [3]],
    ['SEARCH UNKEYWORD $Forwarded UNDELETED', [1, 2]],
    ['SEARCH FROM MARIO', [1]],
    ['SEARCH TO mario', [2]],
    ['SEARCH SUBJECT "ricevuta di"', [1]],
    ['SEARCH HEADER X-Ricevuta ""', [2]],
    ['SEARCH HEADER X-Ricevuta consegna', [2]],
    ['SEARCH BODY fattura', [1]],
    ['SEARCH TEXT "re: PEC"', [3]],
    ['SEARCH LARGER 1000', [2, 3]],
    ['SEARCH SMALLER 1500', [1]],
    ['SEARCH ON 14-May-2024', [1]],
    ['SEARCH SINCE 15-May-2024', [2, 3]],
    ['SEARCH BEFORE 15-May-2024', [1]],
    // The Date header's own day counts for SENT*, whatever the zone (13 May at -0200 is 14 May UTC).
    ['SEARCH SENTON 13-May-2024', [1]],
    // No Date header: SENT* falls back to INTERNALDATE.
    ['SEARCH SENTSINCE 20-May-2024', [3]],
    ['SEARCH 2:*', [2, 3]],
    ['SEARCH *', [3]],
    ['UID SEARCH UID 11:*', [11, 15]],
    ['UID SEARCH UID 12:14', []],
    ['SEARCH NOT SEEN NOT FLAGGED', [2]],
    ['SEARCH OR SEEN FLAGGED', [1, 3]],
    ['SEARCH OR OR SEEN RECENT FLAGGED', [1, 2, 3]],
    ['SEARCH (SEEN FROM mario) ', [1]],
    ['SEARCH MODSEQ 9', [2, 3]],
    ['SEARCH MODSEQ "/flags/\\\\seen" all 10', [3]],
  ];
  for (const [line, want] of table) it(`${line} -> ${JSON.stringify(want)}`, () => expect(run(line.trim())).toEqual(want));

  it('takes the day of INTERNALDATE in the given zone', () => {
    // 2024-05-15T01:00Z is still 14 May at -0200.
    expect(run('SEARCH ON 14-May-2024', -120)).toEqual([1, 2]);
  });

  it('reads the sent day from the Date header, including two-digit years', () => {
    expect(sentDay('Tue, 1 Jul 03 10:52:37 +0200')).toEqual({ year: 2003, month: 7, day: 1 });
    expect(sentDay('garbage')).toBeNull();
  });

  it('tells when the answer must carry MODSEQ (RFC 7162 §3.1.5)', () => {
    const c = cmd('a SEARCH OR SEEN NOT MODSEQ 5');
    expect(c.name === 'SEARCH' && usesModseq(c.program)).toBe(true);
    const d = cmd('a SEARCH SEEN');
    expect(d.name === 'SEARCH' && usesModseq(d.program)).toBe(false);
  });

  it('summarises ESEARCH results (RFC 4731 §3.1)', () => {
    expect(summarizeSearch([9, 2, 3, 4], ['MIN', 'MAX', 'COUNT', 'ALL'])).toEqual({
      min: 2,
      max: 9,
      count: 4,
      all: [
        { start: 2, end: 4 },
        { start: 9, end: 9 },
      ],
    });
    expect(summarizeSearch([], ['MIN', 'MAX', 'COUNT'])).toEqual({ count: 0 });
    expect(summarizeSearch([5], [])).toEqual({ all: [{ start: 5, end: 5 }] });
  });

  it('shares no state between parsed programs (NEW is a fresh tree each time)', () => {
    const a = cmd('a SEARCH NEW');
    if (a.name === 'SEARCH' && a.program.kind === 'and') (a.program.keys as SearchKey[]).push({ kind: 'all' });
    const b = cmd('b SEARCH NEW');
    expect(b.name === 'SEARCH' && b.program.kind === 'and' && b.program.keys.length).toBe(2);
  });
});

describe('search limits', () => {
  it(`rejects NOT chains deeper than MAX_SEARCH_DEPTH (${MAX_SEARCH_DEPTH})`, () => {
    const r = decodeAll(`a SEARCH ${'NOT '.repeat(MAX_SEARCH_DEPTH + 1)}SEEN\r\n`)[0];
    expect(r?.kind === 'error' && r.response.kind === 'tagged' && r.response.text).toBe('Search program too deeply nested');
  });
  it(`rejects programs with more than MAX_SEARCH_KEYS (${MAX_SEARCH_KEYS}) keys`, () => {
    const r = decodeAll(`a SEARCH ${'SEEN '.repeat(MAX_SEARCH_KEYS)}SEEN\r\n`, { maxLineBytes: 100_000 })[0];
    expect(r?.kind === 'error' && r.response.kind === 'tagged' && r.response.text).toBe('Search program too long');
  });
});
