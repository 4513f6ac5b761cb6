import { describe, expect, it } from 'bun:test';
import { encodeResponse, encodeResponses } from '../../../../src/protocol/imap/encoder.ts';
import type { ImapResponse } from '../../../../src/protocol/imap/response-types.ts';
import { bytes, text } from './helpers.ts';

const enc = (r: ImapResponse, utf8 = false) => text(encodeResponse(r, { utf8 }));

describe('encodeResponse: status responses and codes', () => {
  const table: Array<[string, ImapResponse, string]> = [
    ['tagged OK', { kind: 'tagged', tag: 'a1', status: 'OK', text: 'NOOP completed' }, 'a1 OK NOOP completed\r\n'],
    [
      'AUTHENTICATIONFAILED (RFC 5530)',
      { kind: 'tagged', tag: 'a2', status: 'NO', code: { kind: 'AUTHENTICATIONFAILED' }, text: 'Invalid credentials' },
      'a2 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n',
    ],
    ...(['EXPIRED', 'UNAVAILABLE', 'PRIVACYREQUIRED', 'OVERQUOTA', 'ALREADYEXISTS', 'NONEXISTENT', 'CANNOT', 'NOPERM'] as const).map(
      (kind): [string, ImapResponse, string] => [
        kind,
        { kind: 'tagged', tag: 't', status: 'NO', code: { kind }, text: 'x' },
        `t NO [${kind}] x\r\n`,
      ],
    ),
    [
      'APPENDUID (RFC 4315)',
      { kind: 'tagged', tag: 'a3', status: 'OK', code: { kind: 'APPENDUID', uidValidity: 38505, uids: [3955] }, text: 'APPEND completed' },
      'a3 OK [APPENDUID 38505 3955] APPEND completed\r\n',
    ],
    [
      'COPYUID keeps pairing order and compresses runs',
      {
        kind: 'tagged',
        tag: 'a4',
        status: 'OK',
        code: { kind: 'COPYUID', uidValidity: 38505, source: [304, 319, 320, 321], dest: [3956, 3957, 3958, 3959] },
        text: 'Done',
      },
      'a4 OK [COPYUID 38505 304,319:321 3956:3959] Done\r\n',
    ],
    [
      'UIDVALIDITY',
      { kind: 'untagged-status', status: 'OK', code: { kind: 'UIDVALIDITY', value: 3857529045 }, text: 'UIDs valid' },
      '* OK [UIDVALIDITY 3857529045] UIDs valid\r\n',
    ],
    ['UIDNEXT', { kind: 'untagged-status', status: 'OK', code: { kind: 'UIDNEXT', value: 4392 }, text: 'Predicted next UID' }, '* OK [UIDNEXT 4392] Predicted next UID\r\n'],
    [
      'PERMANENTFLAGS',
      { kind: 'untagged-status', status: 'OK', code: { kind: 'PERMANENTFLAGS', flags: ['\\Deleted', '\\Seen', '\\*'] }, text: 'Limited' },
      '* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n',
    ],
    [
      'HIGHESTMODSEQ (RFC 7162)',
      { kind: 'untagged-status', status: 'OK', code: { kind: 'HIGHESTMODSEQ', value: 715194045007n }, text: 'Highest' },
      '* OK [HIGHESTMODSEQ 715194045007] Highest\r\n',
    ],
    ['READ-ONLY', { kind: 'tagged', tag: 'A', status: 'OK', code: { kind: 'READ-ONLY' }, text: 'EXAMINE completed' }, 'A OK [READ-ONLY] EXAMINE completed\r\n'],
    ['READ-WRITE', { kind: 'tagged', tag: 'A', status: 'OK', code: { kind: 'READ-WRITE' }, text: 'SELECT completed' }, 'A OK [READ-WRITE] SELECT completed\r\n'],
    ['CLOSED (RFC 7162 §3.2.11)', { kind: 'untagged-status', status: 'OK', code: { kind: 'CLOSED' }, text: 'Previous mailbox closed' }, '* OK [CLOSED] Previous mailbox closed\r\n'],
    [
      'CAPABILITY code',
      { kind: 'untagged-status', status: 'OK', code: { kind: 'CAPABILITY', capabilities: ['IMAP4rev1', 'IMAP4rev2', 'SASL-IR'] }, text: 'ready' },
      '* OK [CAPABILITY IMAP4rev1 IMAP4rev2 SASL-IR] ready\r\n',
    ],
    [
      'MODIFIED (RFC 7162 §3.1.3)',
      { kind: 'tagged', tag: 'd105', status: 'OK', code: { kind: 'MODIFIED', set: [7, 9] }, text: 'Conditional STORE failed' },
      'd105 OK [MODIFIED 7,9] Conditional STORE failed\r\n',
    ],
    [
      'BADCHARSET with list',
      { kind: 'tagged', tag: 's', status: 'NO', code: { kind: 'BADCHARSET', charsets: ['US-ASCII', 'UTF-8'] }, text: 'x' },
      's NO [BADCHARSET (US-ASCII UTF-8)] x\r\n',
    ],
    ['BYE', { kind: 'untagged-status', status: 'BYE', text: 'Logging out' }, '* BYE Logging out\r\n'],
    ['PREAUTH', { kind: 'untagged-status', status: 'PREAUTH', text: 'Hi' }, '* PREAUTH Hi\r\n'],
    ['CR/LF in text cannot break the line', { kind: 'tagged', tag: 'a', status: 'NO', text: 'bad\r\n* OK injected' }, 'a NO bad * OK injected\r\n'],
    ['a text that looks like a code', { kind: 'tagged', tag: 'a', status: 'OK', text: '[ALERT] fake' }, 'a OK  [ALERT] fake\r\n'],
    ['continuation text', { kind: 'continuation', text: 'idling' }, '+ idling\r\n'],
    ['continuation base64 challenge', { kind: 'continuation', data: bytes('') }, '+ \r\n'],
    ['continuation base64 data', { kind: 'continuation', data: bytes('hi') }, '+ aGk=\r\n'],
  ];
  for (const [name, r, want] of table) it(`encodes ${name}`, () => expect(enc(r)).toBe(want));
});

describe('encodeResponse: untagged data', () => {
  const table: Array<[string, ImapResponse, string]> = [
    ['CAPABILITY', { kind: 'capability', capabilities: ['IMAP4rev1', 'IDLE', 'AUTH=PLAIN'] }, '* CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN\r\n'],
    ['ENABLED', { kind: 'enabled', capabilities: ['CONDSTORE'] }, '* ENABLED CONDSTORE\r\n'],
    ['EXISTS', { kind: 'exists', count: 23 }, '* 23 EXISTS\r\n'],
    ['RECENT', { kind: 'recent', count: 0 }, '* 0 RECENT\r\n'],
    ['EXPUNGE', { kind: 'expunge', seq: 3 }, '* 3 EXPUNGE\r\n'],
    ['VANISHED', { kind: 'vanished', earlier: false, uids: [405, 406, 407, 410] }, '* VANISHED 405:407,410\r\n'],
    ['VANISHED (EARLIER)', { kind: 'vanished', earlier: true, uids: [{ start: 41, end: 43 }] }, '* VANISHED (EARLIER) 41:43\r\n'],
    ['FLAGS', { kind: 'flags', flags: ['\\Answered', '\\Seen', '$Forwarded'] }, '* FLAGS (\\Answered \\Seen $Forwarded)\r\n'],
    [
      'LIST with modified UTF-7 name',
      { kind: 'list', attributes: ['\\HasNoChildren', '\\Drafts'], delimiter: '/', mailbox: 'Entwürfe' },
      '* LIST (\\HasNoChildren \\Drafts) "/" "Entw&APw-rfe"\r\n',
    ],
    [
      'LIST with CHILDINFO (RFC 5258 §3.5)',
      { kind: 'list', attributes: ['\\NonExistent'], delimiter: '/', mailbox: 'Foo', extended: { childInfo: ['SUBSCRIBED'] } },
      '* LIST (\\NonExistent) "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))\r\n',
    ],
    ['LIST with NIL delimiter', { kind: 'list', attributes: ['\\Noselect'], delimiter: null, mailbox: '' }, '* LIST (\\Noselect) NIL ""\r\n'],
    ['LSUB', { kind: 'lsub', attributes: [], delimiter: '/', mailbox: 'INBOX' }, '* LSUB () "/" "INBOX"\r\n'],
    [
      'STATUS',
      { kind: 'status', mailbox: 'Posta inviata', values: { MESSAGES: 231, UIDNEXT: 44292, HIGHESTMODSEQ: 7011231777n, SIZE: 123456 } },
      '* STATUS "Posta inviata" (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777 SIZE 123456)\r\n',
    ],
    ['SEARCH', { kind: 'search', ids: [2, 84, 882] }, '* SEARCH 2 84 882\r\n'],
    ['empty SEARCH', { kind: 'search', ids: [] }, '* SEARCH\r\n'],
    ['SEARCH with MODSEQ (RFC 7162 §3.1.5)', { kind: 'search', ids: [2, 5], modseq: 917162500n }, '* SEARCH 2 5 (MODSEQ 917162500)\r\n'],
    [
      'ESEARCH (RFC 4731)',
      { kind: 'esearch', tag: 'A282', uid: true, min: 2, max: 47, all: [2, 3, 4, 10, 47], count: 5 },
      '* ESEARCH (TAG "A282") UID MIN 2 MAX 47 ALL 2:4,10,47 COUNT 5\r\n',
    ],
    ['ESEARCH with no match', { kind: 'esearch', tag: 'A', uid: false, count: 0 }, '* ESEARCH (TAG "A") COUNT 0\r\n'],
    [
      'QUOTA (RFC 9208)',
      { kind: 'quota', root: '', resources: [{ name: 'STORAGE', usage: 10, limit: 512 }, { name: 'MESSAGE', usage: 3, limit: 1000 }] },
      '* QUOTA "" (STORAGE 10 512 MESSAGE 3 1000)\r\n',
    ],
    ['QUOTAROOT', { kind: 'quotaroot', mailbox: 'INBOX', roots: [''] }, '* QUOTAROOT "INBOX" ""\r\n'],
    ['QUOTAROOT without roots', { kind: 'quotaroot', mailbox: 'INBOX', roots: [] }, '* QUOTAROOT "INBOX"\r\n'],
    ['ID', { kind: 'id', params: [['name', 'pec-provider'], ['version', null]] }, '* ID ("name" "pec-provider" "version" NIL)\r\n'],
    ['ID NIL', { kind: 'id', params: null }, '* ID NIL\r\n'],
    [
      'NAMESPACE (RFC 2342)',
      { kind: 'namespace', personal: [{ prefix: '', delimiter: '/' }], other: [], shared: [{ prefix: 'Condivise/', delimiter: '/' }] },
      '* NAMESPACE (("" "/")) NIL (("Condivise/" "/"))\r\n',
    ],
  ];
  for (const [name, r, want] of table) it(`encodes ${name}`, () => expect(enc(r)).toBe(want));

  it('writes mailbox names as plain UTF-8 when UTF-8 names are in effect (RFC 9051 §5.1)', () => {
    expect(enc({ kind: 'list', attributes: [], delimiter: '/', mailbox: 'Entwürfe' }, true)).toBe('* LIST () "/" "Entwürfe"\r\n');
  });

  it('concatenates a batch of responses', () => {
    expect(text(encodeResponses([{ kind: 'exists', count: 1 }, { kind: 'recent', count: 1 }]))).toBe('* 1 EXISTS\r\n* 1 RECENT\r\n');
  });
});

describe('encodeResponse: FETCH', () => {
  it('encodes flags, uid, size, modseq and INTERNALDATE in the zone it was given', () => {
    const r: ImapResponse = {
      kind: 'fetch',
      seq: 12,
      items: [
        { kind: 'UID', uid: 4827313 },
        { kind: 'FLAGS', flags: ['\\Seen'] },
        { kind: 'RFC822.SIZE', size: 44827 },
        { kind: 'INTERNALDATE', date: { ms: 760686745000, tzOffsetMinutes: -480 } },
        { kind: 'MODSEQ', modseq: 65402n },
      ],
    };
    expect(enc(r)).toBe('* 12 FETCH (UID 4827313 FLAGS (\\Seen) RFC822.SIZE 44827 INTERNALDATE "07-Feb-1994 21:52:25 -0800" MODSEQ (65402))\r\n');
  });

  it('sends body data as literals, with origin for partials and NIL for a missing section', () => {
    const r: ImapResponse = {
      kind: 'fetch',
      seq: 1,
      items: [
        { kind: 'BODY', section: 'HEADER.FIELDS (FROM)', data: bytes('From: a@b\r\n\r\n') },
        { kind: 'BODY', section: 'TEXT', origin: 4, data: bytes('ab') },
        { kind: 'BODY', section: '9', data: null },
        { kind: 'RFC822.TEXT', data: bytes('x') },
      ],
    };
    expect(enc(r)).toBe('* 1 FETCH (BODY[HEADER.FIELDS (FROM)] {13}\r\nFrom: a@b\r\n\r\n BODY[TEXT]<4> {2}\r\nab BODY[9] NIL RFC822.TEXT {1}\r\nx)\r\n');
  });

  it('uses literal8 for BINARY data holding NUL (RFC 3516 §4.3)', () => {
    const r: ImapResponse = {
      kind: 'fetch',
      seq: 1,
      items: [
        { kind: 'BINARY', part: [1], data: Uint8Array.of(0x61, 0, 0x62) },
        { kind: 'BINARY', part: [2], data: bytes('ok') },
        { kind: 'BINARY.SIZE', part: [1], size: 3 },
      ],
    };
    expect(enc(r)).toBe('* 1 FETCH (BINARY[1] ~{3}\r\na\0b BINARY[2] {2}\r\nok BINARY.SIZE[1] 3)\r\n');
  });
});

describe('string quoting', () => {
  const quota = (root: string, utf8 = false) => enc({ kind: 'quota', root, resources: [] }, utf8);
  it('quotes plain ASCII and escapes quote and backslash', () => expect(quota('a "b" \\c')).toBe('* QUOTA "a \\"b\\" \\\\c" ()\r\n'));
  it('uses a literal for CR or LF', () => expect(quota('a\r\nb')).toBe('* QUOTA {4}\r\na\r\nb ()\r\n'));
  it('uses a literal for 8-bit text in IMAP4rev1', () => expect(quota('è')).toBe('* QUOTA {2}\r\nè ()\r\n'));
  it('quotes UTF-8 text when UTF-8 is enabled', () => expect(quota('è', true)).toBe('* QUOTA "è" ()\r\n'));
});
