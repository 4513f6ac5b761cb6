import { Database } from 'bun:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { PecLog } from '../../../src/store/pec-log.ts';
import {
  canonicalJson,
  GENESIS_HASH,
  MAX_PEC_LOG_FIELD_LENGTH,
  MAX_PEC_LOG_RECIPIENTS,
  recordHash,
  type PecLogEntry,
} from '../../../src/store/pec-log-record.ts';
import { T0, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => void;
let log: PecLog;
const path = () => `${dir}/peclog.sqlite`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  log = PecLog.open(path());
});
afterEach(() => {
  log.close();
  cleanup();
});

function entry(over: Partial<PecLogEntry> = {}): PecLogEntry {
  return {
    at: T0,
    eventType: 'Accettazione',
    identificativo: 'opec21.20260115100000.12345.01.1.1@pec.demo.test',
    clientMsgid: '<abc@client>',
    generatedMessageId: '<gen1@pec.demo.test>',
    mittente: 'mario.rossi@pec.demo.test',
    destinatari: [
      { addr: 'anna@pec.altro.test', tipo: 'certificato' },
      { addr: 'bob@gmail.test', tipo: 'esterno' },
    ],
    oggetto: 'Fattura n. 42',
    gestore: 'Gestore Demo S.p.A.',
    details: { tipo_ricevuta: 'completa' },
    ...over,
  };
}

/** Opens the file behind the log's back, as an intruder with file access would. */
function tamper(sql: string, ...params: (string | number)[]): void {
  const raw = new Database(path());
  raw.run('DROP TRIGGER pec_log_no_update');
  raw.run('DROP TRIGGER pec_log_no_delete');
  raw.run(sql, params);
  raw.close();
}

describe('PecLog', () => {
  it('chains each record to the previous one starting from the genesis hash', () => {
    const a = log.append(entry());
    const b = log.append(entry({ eventType: 'Consegna', at: T0 + 5000 }));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(log.head()).toEqual({ seq: 2, hash: b.hash });
    expect(log.verifyChain()).toEqual({ ok: true, count: 2, head: { seq: 2, hash: b.hash } });
  });

  it('raises on UPDATE and DELETE through SQL', () => {
    log.append(entry());
    log.close();
    const raw = new Database(path());
    expect(() => raw.run("UPDATE pec_log SET oggetto = 'altro'")).toThrow('append-only');
    expect(() => raw.run('DELETE FROM pec_log')).toThrow('append-only');
    raw.close();
    log = PecLog.open(path());
    expect(log.verifyChain().ok).toBe(true);
  });

  it('detects a field edited in the file with the triggers dropped', () => {
    log.appendMany([entry(), entry({ eventType: 'Consegna' }), entry({ eventType: 'PresaInCarico' })]);
    log.close();
    tamper("UPDATE pec_log SET oggetto = 'Fattura n. 43' WHERE seq = 2");
    log = PecLog.open(path());
    expect(log.verifyChain()).toEqual({ ok: false, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('detects a deleted middle record as a sequence gap', () => {
    log.appendMany([entry(), entry(), entry()]);
    log.close();
    tamper('DELETE FROM pec_log WHERE seq = 2');
    log = PecLog.open(path());
    expect(log.verifyChain()).toEqual({ ok: false, brokenAt: 2, reason: 'sequence-gap' });
  });

  it('detects a recomputed record hash through the next record prev_hash', () => {
    log.appendMany([entry(), entry()]);
    log.close();
    tamper("UPDATE pec_log SET hash = ? WHERE seq = 1", 'f'.repeat(64));
    log = PecLog.open(path());
    expect(log.verifyChain()).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('detects an edited record whose own hash was recomputed, at the next record', () => {
    const [first] = log.appendMany([entry(), entry()]);
    log.close();
    const forged = recordHash(1, GENESIS_HASH, { ...first!, oggetto: 'falso' });
    tamper("UPDATE pec_log SET oggetto = 'falso', hash = ? WHERE seq = 1", forged);
    log = PecLog.open(path());
    expect(log.verifyChain()).toEqual({ ok: false, brokenAt: 2, reason: 'prev-hash-mismatch' });
  });

  it('detects a truncated tail against an anchored head', () => {
    log.appendMany([entry(), entry(), entry()]);
    const anchored = log.head()!;
    log.close();
    tamper('DELETE FROM pec_log WHERE seq = 3');
    log = PecLog.open(path());
    expect(log.verifyChain().ok).toBe(true); // the chain alone cannot see a cut tail
    expect(log.verifyChain(anchored)).toEqual({ ok: false, brokenAt: 3, reason: 'head-mismatch' });
  });

  it('hashes details canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    const a = log.append(entry({ details: { errore: 'no-dest', 'errore-esteso': '5.1.1' } }));
    expect(log.query({ identificativo: a.identificativo })[0]!.details).toEqual({ 'errore-esteso': '5.1.1', errore: 'no-dest' });
    expect(log.verifyChain().ok).toBe(true);
  });

  it('queries by time range, identificativo, mittente and destinatario (case-insensitive)', () => {
    log.append(entry({ at: T0 }));
    log.append(entry({ at: T0 + 10, identificativo: 'other@pec.demo.test', mittente: 'luigi@pec.demo.test' }));
    log.append(entry({ at: T0 + 20, destinatari: [{ addr: "o'brien@pec.x.test", tipo: 'certificato' }] }));
    expect(log.query({ from: T0 + 10, to: T0 + 20 }).map((r) => r.seq)).toEqual([2]);
    expect(log.query({ identificativo: 'other@pec.demo.test' }).map((r) => r.seq)).toEqual([2]);
    expect(log.query({ mittente: 'MARIO.ROSSI@pec.demo.test' }).map((r) => r.seq)).toEqual([1, 3]);
    expect(log.query({ destinatario: 'BOB@gmail.test' }).map((r) => r.seq)).toEqual([1, 2]);
    expect(log.query({ destinatario: "O'Brien@pec.x.test" }).map((r) => r.seq)).toEqual([3]);
    expect(log.query({ mittente: '%' })).toEqual([]);
    expect(log.query({ limit: 1, offset: 1 }).map((r) => r.seq)).toEqual([2]);
  });

  it('keeps the chain valid across reopen and survives hostile text', () => {
    log.append(entry({ oggetto: `'); DROP TABLE pec_log;-- \u0000 %_ "q" ${'è'.repeat(500)}` }));
    log.close();
    log = PecLog.open(path());
    log.append(entry());
    expect(log.verifyChain()).toMatchObject({ ok: true, count: 2 });
  });

  it('rejects unknown event types, oversize fields and too many recipients', () => {
    expect(() => log.append(entry({ eventType: 'Foo' as never }))).toThrow(InvalidValueError);
    expect(() => log.append(entry({ oggetto: 'x'.repeat(MAX_PEC_LOG_FIELD_LENGTH + 1) }))).toThrow(LimitExceededError);
    const many = Array.from({ length: MAX_PEC_LOG_RECIPIENTS + 1 }, (_, i) => ({ addr: `r${i}@x.test`, tipo: 'esterno' as const }));
    expect(() => log.append(entry({ destinatari: many }))).toThrow(LimitExceededError);
    expect(() => log.append(entry({ details: { n: Number.NaN } }))).toThrow(InvalidValueError);
    expect(log.head()).toBeNull();
  });
});
