import { describe, expect, it } from 'bun:test';
import { accessChecks, normalizeRecipients } from '../../../actors/pec/access-checks.ts';
import { scadenzaApplies } from '../../../actors/pec/sender-side.ts';
import { MAILBOX_TYPES } from '../../../src/config/mailbox-types.ts';
import { readOriginal } from '../../../src/pec/original.ts';
import { EICAR_SIGNATURE, containsEicar } from '../../../src/pec/virus-scan.ts';
import { nextState } from '../../../src/store/pec-transaction-repo.ts';
import type { Mailbox } from '../../../src/store/mailbox-repo.ts';
import { original } from './helpers.ts';

const M = 'mario@pec.x.test';
const mailbox = { state: 'attiva', type: 'A' } as Mailbox;
function check(over: Partial<Parameters<typeof accessChecks>[0]> = {}, rcpts = ['anna@pec.x.test']) {
  const raw = original({ from: M, to: rcpts });
  return accessChecks({ principal: { kind: 'titolare', mailboxId: '1', address: M }, now: 0, envelopeFrom: M, recipients: rcpts, raw, info: readOriginal(raw), mailbox, type: MAILBOX_TYPES.A, acceptedToday: 0, openTransactions: 0, ...over }).map((r) => r.code);
}

describe('access checks (SPEC §5.1, seed 001 §1.4)', () => {
  it('accepts a conforming submission', () => expect(check()).toEqual([]));
  it.each([
    ['a disabled sender mailbox', { mailbox: { ...mailbox, state: 'disabilitata' } as Mailbox }, 'casella-non-attiva'],
    ['an unparsable header', { info: null }, 'formato-non-valido'],
    ['exactly the daily limit reached', { acceptedToday: MAILBOX_TYPES.A.maxMessagesPerDay }, 'limite-giornaliero'],
    ['exactly the concurrent limit reached', { openTransactions: MAILBOX_TYPES.A.maxConcurrentMessages }, 'limite-contemporanei'],
    ['a message above maxMessageBytes', { raw: new Uint8Array(MAILBOX_TYPES.A.maxMessageBytes + 1) }, 'dimensione'],
  ] as const)('refuses %s', (_n, over, code) => expect(check(over as never)).toContain(code));
  it('allows one below each limit', () => {
    expect(check({ acceptedToday: MAILBOX_TYPES.A.maxMessagesPerDay - 1, openTransactions: MAILBOX_TYPES.A.maxConcurrentMessages - 1 })).toEqual([]);
  });
  it('normalises RCPT TO (case, brackets, duplicates)', () => {
    expect(normalizeRecipients(['<Anna@PEC.x.test>', 'anna@pec.x.test', ' luca@pec.x.test'])).toEqual(['anna@pec.x.test', 'luca@pec.x.test']);
  });
});

describe('EICAR detection', () => {
  it('finds the test string in plain bytes and inside a base64 attachment', () => {
    expect(containsEicar(new TextEncoder().encode(`x\r\n\r\n${EICAR_SIGNATURE}`))).toBe(true);
    const b64 = Buffer.from(EICAR_SIGNATURE).toString('base64');
    const raw = ['Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64', '', b64, '--b--', ''].join('\r\n');
    expect(containsEicar(new TextEncoder().encode(raw))).toBe(true);
    expect(containsEicar(new TextEncoder().encode(raw.replace(b64, Buffer.from('innocuo').toString('base64'))))).toBe(false);
  });
});

describe('recipient states (SPEC §0 D3, §5.7)', () => {
  it.each([
    ['in-attesa', 'presa-in-carico', 'presa-in-carico'],
    ['preavviso-12h', 'presa-in-carico', 'presa-in-carico'],
    ['consegnata', 'presa-in-carico', 'consegnata'],
    ['scaduta-24h', 'consegna', 'consegnata'],
    ['consegnata', 'scaduta-24h', 'consegnata'],
    ['errore', 'scaduta-24h', 'errore'],
    ['presa-in-carico', 'preavviso-12h', 'presa-in-carico'],
  ] as const)('%s + %s -> %s', (cur, ev, want) => expect(nextState(cur, ev)).toBe(want));
  it.each([
    ['12h', 'in-attesa', true],
    ['12h', 'presa-in-carico', false],
    ['24h', 'presa-in-carico', true],
    ['24h', 'preavviso-12h', true],
    ['24h', 'consegnata', false],
  ] as const)('a %s deadline with the recipient %s applies: %s', (fase, state, want) => expect(scadenzaApplies(fase, state)).toBe(want));
});
