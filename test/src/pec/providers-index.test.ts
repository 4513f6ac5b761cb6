import { beforeAll, describe, expect, it } from 'bun:test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeDomain, ownRecord, ProvidersIndex, recordsFromLdif, recordsToLdif } from '../../../src/pec/providers-index.ts';
import type { ProviderRecord } from '../../../src/pec/providers-index.ts';
import { pemCertificates } from '../../../src/signing/pem.ts';

const SYNTHETIC = join(import.meta.dir, '../../../../shared/pec/samples/synthetic');
let certA: Uint8Array;
let certB: Uint8Array;
let demo: ProviderRecord;

beforeAll(() => {
  certA = pemCertificates(readFileSync(join(SYNTHETIC, 'TEST-ONLY-provider-signing-cert.pem'), 'utf8'))[0]!;
  certB = pemCertificates(readFileSync(join(SYNTHETIC, 'TEST-ONLY-ca.pem'), 'utf8'))[0]!;
  demo = ownRecord({
    providerName: 'Demo PEC S.p.A.',
    certificates: [certA],
    mailReceipt: 'servizio@pec.demo.test',
    managedDomains: ['pec.demo.test', 'PEC.Cliente.Test'],
    ldifLocationUrl: 'https://pec.demo.test/igpec/record.ldif.p7m',
    description: 'Gestore di prova',
  });
});

describe('own record and LDIF export (SPEC §5.5)', () => {
  it('hashes each certificate as uppercase SHA-1 hex and names the entry under o=postacert', () => {
    expect(demo.providerCertificateHash).toEqual([createHash('sha1').update(certA).digest('hex').toUpperCase()]);
    expect(demo.dn).toBe('providerName=Demo PEC S.p.A.,o=postacert');
  });

  it('exports in the IGPEC shape and parses back to the same record', () => {
    const ldif = recordsToLdif([demo]);
    for (const l of ['objectclass: provider', 'objectclass: LDIFLocationURLObject', 'providerCertificate;binary:: ', 'mailReceipt: servizio@pec.demo.test']) {
      expect(ldif).toContain(l);
    }
    const { records, rejected } = recordsFromLdif(ldif);
    expect(rejected).toEqual([]);
    expect(records).toEqual([demo]);
  });

  it('refuses a non-HTTPS LDIFLocationURL for our record (SPEC §0 D18)', () => {
    expect(() => ownRecord({ providerName: 'X', certificates: [certA], mailReceipt: 'a@b.test', managedDomains: ['b.test'], ldifLocationUrl: 'http://b.test/x' })).toThrow(RangeError);
  });

  it('escapes DN special characters in the provider name (RFC 4514 §2.4)', () => {
    const r = ownRecord({ providerName: 'Rossi, Bianchi + C.', certificates: [certA], mailReceipt: 'a@b.test', managedDomains: ['b.test'] });
    expect(r.dn).toBe('providerName=Rossi\\, Bianchi \\+ C.,o=postacert');
  });
});

describe('recordsFromLdif', () => {
  it('sets aside the root entry and provider entries missing MUST attributes, with the reason', () => {
    const text = `dn: o=postacert\nobjectclass: organization\n\ndn: providerName=Y,o=postacert\nobjectclass: provider\nproviderName: Y\n`;
    const { records, rejected } = recordsFromLdif(text);
    expect(records).toEqual([]);
    expect(rejected[0]).toEqual({ dn: 'o=postacert', reason: 'not a provider entry' });
    expect(rejected[1]?.reason).toContain('providerCertificateHash');
  });

  it('drops an LDIFLocationURL that is not HTTPS and keeps providerUnit (secondary environment)', () => {
    const base = recordsToLdif([{ ...demo, providerUnit: 'test', ldifLocationUrl: undefined as unknown as string }]);
    const text = base.replace('providerUnit: test', 'providerUnit: test\nLDIFLocationURL: ftp://x.test/a');
    const [r] = recordsFromLdif(text).records;
    expect(r?.providerUnit).toBe('test');
    expect(r?.ldifLocationUrl).toBeUndefined();
  });
});

describe('ProvidersIndex', () => {
  it.each([
    ['pec.demo.test', true],
    ['PEC.DEMO.TEST', true],
    ['Mario.Rossi@Pec.Demo.Test', true],
    ['utente@pec.cliente.test', true],
    ['pec.demo.test.', true],
    ['demo.test', false],
    ['utente@gmail.com', false],
    ['pec.demo.test.evil.test', false],
  ])('isCertificato(%p) is %p (case-insensitive, SPEC §0 D18)', (input, expected) => {
    expect(new ProvidersIndex([demo]).isCertificato(input)).toBe(expected);
  });

  it('finds the record of a signer certificate by its exact DER', () => {
    const idx = new ProvidersIndex([demo]);
    expect(idx.findBySignerCert(certA)?.providerName).toBe('Demo PEC S.p.A.');
    expect(idx.findBySignerCert(certB)).toBeNull();
    expect(idx.findByDomain('x@PEC.CLIENTE.TEST')?.mailReceipt).toBe('servizio@pec.demo.test');
  });

  it('finds a record by a published SHA-1 hash, in any case, when its DER is not published', () => {
    const hashOnly: ProviderRecord = { ...demo, providerCertificateHash: [createHash('sha1').update(certB).digest('hex').toLowerCase()], providerCertificate: [certA] };
    const idx = new ProvidersIndex([hashOnly]);
    expect(idx.findBySignerCert(certB)?.providerName).toBe('Demo PEC S.p.A.');
  });

  it('reports its size and records', () => {
    const idx = new ProvidersIndex();
    idx.add(demo);
    expect(idx.size).toBe(1);
    expect(idx.records()[0]).toBe(demo);
    expect(normalizeDomain(' X@Dom.Test. ')).toBe('dom.test');
  });
});
