import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilitiesFor } from '../../../../src/protocol/imap/capabilities.ts';
import { encodeResponse } from '../../../../src/protocol/imap/encoder.ts';
import { buildFetchItems, marksSeen, needsContent, type FetchSource } from '../../../../src/protocol/imap/fetch-response.ts';
import { bytes, cmd, text } from './helpers.ts';

const RAW = new Uint8Array(readFileSync(join(import.meta.dir, '../../../fixtures/imap/messages/mixed-with-rfc822.eml')));

function source(raw: Uint8Array<ArrayBufferLike>, loads: { n: number }): FetchSource {
  return {
    uid: 42,
    flags: ['\\Seen'],
    internalDate: { ms: Date.UTC(2024, 4, 14, 8, 15, 0), tzOffsetMinutes: 120 },
    size: raw.length,
    modseq: 7n,
    raw: () => {
      loads.n++;
      return raw;
    },
  };
}

/** Decodes a FETCH line, builds the answer for message 3 and encodes it, as the session will. */
function answer(line: string, raw: Uint8Array<ArrayBufferLike> = RAW): { wire: string; loads: number } {
  const c = cmd(`a ${line}`);
  if (c.name !== 'FETCH') throw new Error('not FETCH');
  const loads = { n: 0 };
  const built = buildFetchItems(c.items, source(raw, loads));
  if (built.kind !== 'ok') throw new Error(built.kind);
  return { wire: text(encodeResponse({ kind: 'fetch', seq: 3, items: built.items })), loads: loads.n };
}

describe('FETCH answers from command to wire', () => {
  it('answers metadata without loading the message', () => {
    expect(answer('UID FETCH 42 (FLAGS INTERNALDATE RFC822.SIZE) (CHANGEDSINCE 1)')).toEqual({
      wire: `* 3 FETCH (FLAGS (\\Seen) INTERNALDATE "14-May-2024 10:15:00 +0200" RFC822.SIZE ${RAW.length} UID 42 MODSEQ (7))\r\n`,
      loads: 0,
    });
  });

  it('answers sections with partial origins and loads the message once', () => {
    const got = answer('FETCH 3 (BODY.PEEK[1]<0.5> BODY[2.HEADER.FIELDS (SUBJECT)] BINARY[3] BINARY.SIZE[3] BODY[9])');
    expect(got.loads).toBe(1);
    expect(got.wire).toBe(
      '* 3 FETCH (BODY[1]<0> {5}\r\nHello BODY[2.HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: inner\r\n\r\n BINARY[3] {5}\r\n%PDF- BINARY.SIZE[3] 5 BODY[9] NIL)\r\n',
    );
  });

  it('answers RFC822.HEADER and ENVELOPE for a simple message', () => {
    const raw = bytes('From: a@b.it\r\nSubject: hi\r\n\r\nbody\r\n');
    expect(answer('FETCH 3 (RFC822.HEADER ENVELOPE)', raw).wire).toBe(
      '* 3 FETCH (RFC822.HEADER {29}\r\nFrom: a@b.it\r\nSubject: hi\r\n\r\n ENVELOPE (NIL "hi" ((NIL NIL "a" "b.it")) ((NIL NIL "a" "b.it")) ((NIL NIL "a" "b.it")) NIL NIL NIL NIL NIL))\r\n',
    );
  });

  it('reports an unknown transfer encoding for BINARY', () => {
    const raw = bytes('Content-Transfer-Encoding: x-uue\r\n\r\nbody\r\n');
    const c = cmd('a FETCH 1 BINARY[1]');
    expect(c.name === 'FETCH' && buildFetchItems(c.items, source(raw, { n: 0 }))).toEqual({ kind: 'unknown-cte', encoding: 'x-uue' });
  });

  it('tells which fetches set \\Seen and which need the content', () => {
    const items = (line: string) => {
      const c = cmd(`a FETCH 1 ${line}`);
      return c.name === 'FETCH' ? c.items : [];
    };
    expect(marksSeen(items('BODY.PEEK[]'))).toBe(false);
    expect(marksSeen(items('(FLAGS BODY[TEXT])'))).toBe(true);
    expect(marksSeen(items('RFC822.HEADER'))).toBe(false);
    expect(marksSeen(items('RFC822'))).toBe(true);
    expect(marksSeen(items('BINARY.PEEK[1]'))).toBe(false);
    expect(needsContent(items('FAST'))).toBe(false);
    expect(needsContent(items('ALL'))).toBe(true);
  });
});

describe('capabilitiesFor', () => {
  it('hides authentication on plaintext and offers STARTTLS (RFC 9051 §6.2.3)', () => {
    const caps = capabilitiesFor({ tls: false, authenticated: false, starttlsAvailable: true });
    expect(caps).toContain('STARTTLS');
    expect(caps).toContain('LOGINDISABLED');
    expect(caps).not.toContain('AUTH=PLAIN');
  });
  it('offers AUTH=PLAIN under TLS and the extensions after login', () => {
    expect(capabilitiesFor({ tls: true, authenticated: false, starttlsAvailable: true })).toContain('AUTH=PLAIN');
    const after = capabilitiesFor({ tls: true, authenticated: true, starttlsAvailable: false });
    expect(after).toEqual(expect.arrayContaining(['IDLE', 'UIDPLUS', 'MOVE', 'QRESYNC', 'STATUS=SIZE', 'SPECIAL-USE']));
    expect(after).not.toContain('STARTTLS');
  });
});
