import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownRecord, ProvidersIndex } from '../../../src/pec/providers-index.ts';
import { buildCertificate, certDer, OID } from '../../../src/signing/cert-builder.ts';
import { CmsSigner } from '../../../src/signing/cms-sign.ts';
import { verifyDetached } from '../../../src/signing/cms-verify.ts';
import type { VerifyResult } from '../../../src/signing/cms-verify.ts';
import { certsToPem, toPem } from '../../../src/signing/pem.ts';
import { decideTrust } from '../../../src/signing/trust.ts';
import { PROVIDER, SAMPLE_CONTENT, SERVICE_ADDRESS, T0, tempPki } from './helpers.ts';
import type { TempPki } from './helpers.ts';
import { splitSigned } from './smime-split.ts';

const ARUBA_2014 = join(import.meta.dir, '../../../../shared/pec/samples/real/accettazione__aruba-2014-real__oca-l10n-italy.eml');
const NOW = new Date(T0);

let t: TempPki;
let ours: VerifyResult;
let index: ProvidersIndex;
beforeAll(async () => {
  t = await tempPki();
  ours = await verifyDetached(SAMPLE_CONTENT, CmsSigner.fromPem(t.pki.signing.chainPem, t.pki.signing.keyPem).sign(SAMPLE_CONTENT, T0));
  const leaf = t.pki.signing.chainDer[0] as Uint8Array;
  index = new ProvidersIndex([
    ownRecord({ providerName: PROVIDER, certificates: [leaf], mailReceipt: 'servizio@pec.demo.test', managedDomains: ['pec.demo.test'] }),
  ]);
});
afterAll(() => t.cleanup());

describe('decideTrust (SPEC §0 D8)', () => {
  it('trusts a valid signature whose certificate is in the index and whose e-mail equals From', () => {
    const d = decideTrust({ verify: ours, index, from: 'Posta-Certificata@PEC.demo.test', at: NOW });
    expect(d).toMatchObject({ trusted: true, provider: PROVIDER });
    expect(d.record?.mailReceipt).toBe('servizio@pec.demo.test');
  });

  it('refuses an invalid signature', () => {
    const d = decideTrust({ verify: { ...ours, status: 'invalid', reason: 'x' }, index, from: SERVICE_ADDRESS, at: NOW });
    expect(d).toMatchObject({ trusted: false, failure: 'signature-invalid' });
  });

  it('refuses a certificate that is not in the index', () => {
    const d = decideTrust({ verify: ours, index: new ProvidersIndex(), from: SERVICE_ADDRESS, at: NOW });
    expect(d).toMatchObject({ trusted: false, failure: 'not-in-index' });
  });

  it('refuses when From differs from the certificate e-mail', () => {
    const d = decideTrust({ verify: ours, index, from: 'someone@pec.demo.test', at: NOW });
    expect(d).toMatchObject({ trusted: false, failure: 'from-mismatch', provider: PROVIDER });
  });

  it('refuses a certificate that was valid neither at signing nor at receipt time', () => {
    const late = new Date(T0 + 10 * 365 * 86_400_000);
    const d = decideTrust({ verify: { ...ours, signingTime: late }, index, from: SERVICE_ADDRESS, at: late });
    expect(d).toMatchObject({ trusted: false, failure: 'certificate-expired' });
  });

  it('accepts a certificate expired at receipt when it was valid at the signed signingTime', () => {
    const late = new Date(T0 + 10 * 365 * 86_400_000);
    expect(decideTrust({ verify: ours, index, from: SERVICE_ADDRESS, at: late }).trusted).toBe(true);
  });

  it('refuses a certificate whose key usage allows neither digitalSignature nor nonRepudiation', async () => {
    const keys = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'],
    );
    const cert = await buildCertificate({
      subject: [[OID.commonName, 'KU test']], publicKey: keys.publicKey, selfKey: keys.privateKey,
      notBefore: new Date(T0 - 1000), notAfter: new Date(T0 + 86_400_000), keyUsage: ['keyEncipherment'],
      altNames: [{ email: SERVICE_ADDRESS }],
    });
    const keyPem = toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', keys.privateKey)));
    const der = certDer(cert);
    const v = await verifyDetached(SAMPLE_CONTENT, CmsSigner.fromPem(certsToPem([der]), keyPem).sign(SAMPLE_CONTENT, T0));
    const idx = new ProvidersIndex([ownRecord({ providerName: 'X', certificates: [der], mailReceipt: 'a@b.test', managedDomains: ['b.test'] })]);
    expect(decideTrust({ verify: v, index: idx, from: SERVICE_ADDRESS, at: NOW })).toMatchObject({ trusted: false, failure: 'key-usage' });
  });

  it('trusts a real Aruba 2014 signature (SHA-1, RSA-1024, CA:FALSE, non-critical KU) once its certificate is in the index', async () => {
    const parts = splitSigned(new Uint8Array(readFileSync(ARUBA_2014)))!;
    const v = await verifyDetached(parts.content, parts.p7s);
    const idx = new ProvidersIndex([
      ownRecord({ providerName: 'ARUBA PEC S.p.A.', certificates: [v.signer!.certDer], mailReceipt: 'x@pec.aruba.it', managedDomains: ['pec.it'] }),
    ]);
    const d = decideTrust({ verify: v, index: idx, from: 'posta-certificata@pec.aruba.it', at: NOW });
    expect(d).toMatchObject({ trusted: true, provider: 'ARUBA PEC S.p.A.' });
  });
});
