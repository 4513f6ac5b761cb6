import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { join } from 'node:path';
import { CmsSigner, SIGNING_TIME_LAST_YEAR, utcTimeAscii } from '../../../src/signing/cms-sign.ts';
import { verifyDetached } from '../../../src/signing/cms-verify.ts';
import { SignError } from '../../../src/signing/errors.ts';
import { openssl, SAMPLE_CONTENT, SERVICE_ADDRESS, T0, tempPki, wrapMultipartSigned, writeTemp } from './helpers.ts';
import type { TempPki } from './helpers.ts';

let t: TempPki;
let signer: CmsSigner;
let sig: Uint8Array;
beforeAll(async () => {
  t = await tempPki();
  signer = CmsSigner.fromPem(t.pki.signing.chainPem, t.pki.signing.keyPem);
  sig = signer.sign(SAMPLE_CONTENT, T0);
});
afterAll(() => t.cleanup());

describe('CmsSigner', () => {
  it('produces a SHA-256 signature that verifies, naming the service address and the signing time', async () => {
    const r = await verifyDetached(SAMPLE_CONTENT, sig);
    expect(r.status).toBe('valid');
    expect(r.digest).toBe('sha256');
    expect(r.signer?.email).toBe(SERVICE_ADDRESS);
    expect(r.signingTime?.getTime()).toBe(T0);
    expect(r.chain).toHaveLength(2); // SPEC §0 D8: the issuing CA travels with the signature
  });

  it('is accepted by openssl smime -verify -CAfile ca.pem when wrapped as multipart/signed (no -purpose any)', () => {
    const eml = writeTemp(t.dataDir, 'signed.eml', wrapMultipartSigned(SAMPLE_CONTENT, sig));
    const r = openssl(['smime', '-verify', '-in', eml, '-CAfile', join(t.pki.dir, 'ca.pem'), '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
    expect(r.code).toBe(0);
  });

  it('is accepted by openssl cms -verify -binary -inform DER -content with -CAfile', () => {
    const der = writeTemp(t.dataDir, 'sig.der', sig);
    const content = writeTemp(t.dataDir, 'content.bin', SAMPLE_CONTENT);
    const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content,
      '-CAfile', join(t.pki.dir, 'ca.pem'), '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
  });

  it('carries contentType, signingTime, CMSAlgorithmProtection and messageDigest as signed attributes', () => {
    const der = writeTemp(t.dataDir, 'sig-attrs.der', sig);
    const out = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', der]).stdout;
    for (const oid of ['contentType', 'signingTime', '1.2.840.113549.1.9.52', 'messageDigest']) expect(out).toContain(oid);
  });

  it('fills only digest, time and signature: two messages give same-length DER that differ', () => {
    const other = signer.sign(new TextEncoder().encode('altro\r\n'), T0 + 1000);
    expect(other.length).toBe(sig.length);
    expect(Buffer.from(other).equals(Buffer.from(sig))).toBe(false);
  });

  it('yields invalid when one byte of the content changes', async () => {
    const tampered = SAMPLE_CONTENT.slice();
    tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 0x01;
    const r = await verifyDetached(tampered, sig);
    expect(r.status).toBe('invalid');
    expect(r.reason).toMatch(/digest/i);
  });

  it('yields invalid when one byte of the signature value changes', async () => {
    const bad = sig.slice();
    bad[bad.length - 10] = (bad[bad.length - 10] ?? 0) ^ 0x01;
    const r = await verifyDetached(SAMPLE_CONTENT, bad);
    expect(r.status).toBe('invalid');
    expect(r.signer?.email).toBe(SERVICE_ADDRESS);
  });

  it('refuses a key that is not RSA', async () => {
    const { privateKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', privateKey)).toString('base64');
    const pem = `-----BEGIN PRIVATE KEY-----\n${pkcs8}\n-----END PRIVATE KEY-----\n`;
    expect(() => CmsSigner.fromPem(t.pki.signing.chainPem, pem)).toThrow(SignError);
  });
});

describe('utcTimeAscii (RFC 5652 §11.3 signingTime)', () => {
  it.each([
    [Date.UTC(2026, 0, 15, 9, 0, 0), '260115090000Z'],
    [Date.UTC(1999, 11, 31, 23, 59, 59), '991231235959Z'],
    [Date.UTC(SIGNING_TIME_LAST_YEAR, 11, 31, 23, 59, 59), '491231235959Z'],
  ])('encodes %p as %s', (ms, text) => {
    expect(new TextDecoder().decode(utcTimeAscii(ms))).toBe(text);
  });

  it.each([Date.UTC(2050, 0, 1), Date.UTC(1949, 11, 31, 23, 59, 59)])('refuses %p, outside the UTCTime range', (ms) => {
    expect(() => utcTimeAscii(ms)).toThrow(SignError);
  });
});
