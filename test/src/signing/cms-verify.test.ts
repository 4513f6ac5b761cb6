import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_CMS_BYTES, verifyDetached } from '../../../src/signing/cms-verify.ts';
import { openssl, SAMPLE_CONTENT, tempPki, writeTemp } from './helpers.ts';
import type { TempPki } from './helpers.ts';
import { splitSigned } from './smime-split.ts';

/** The shared samples folder beside the repository (SPEC §11); see /work/shared/pec/samples/SOURCES.md. */
const SAMPLES = join(import.meta.dir, '../../../../shared/pec/samples');
const REAL = join(SAMPLES, 'real');
const SYNTHETIC = join(SAMPLES, 'synthetic');

let t: TempPki;
beforeAll(async () => {
  t = await tempPki();
});
afterAll(() => t.cleanup());

/** Every sample that has a multipart/signed with a decodable p7s part. */
function signedSamples(): { name: string; path: string }[] {
  return [REAL, SYNTHETIC].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => ({ name: f, path: join(dir, f) })),
  );
}

describe('verifyDetached on real and synthetic samples', () => {
  for (const { name, path } of signedSamples()) {
    it(`agrees with openssl smime -verify -noverify on ${name}`, async () => {
      const parts = splitSigned(new Uint8Array(readFileSync(path)));
      if (!parts) {
        // No multipart/signed at all (signature part stripped upstream): openssl refuses it too.
        expect(openssl(['smime', '-verify', '-noverify', '-in', path, '-out', '/dev/null']).code).not.toBe(0);
        return;
      }
      const entity = writeTemp(t.dataDir, 'entity.eml', parts.entity);
      const ossl = openssl(['smime', '-verify', '-noverify', '-in', entity, '-out', '/dev/null']);
      const ours = await verifyDetached(parts.content, parts.p7s);
      expect(ours.status).toBe(ossl.code === 0 ? 'valid' : 'invalid');
    });
  }

  it('reads SHA-1 and the signer from Aruba 2014 (RSA, CA:FALSE era certificate)', async () => {
    const parts = splitSigned(new Uint8Array(readFileSync(join(REAL, 'accettazione__aruba-2014-real__oca-l10n-italy.eml'))));
    const r = await verifyDetached(parts!.content, parts!.p7s);
    expect(r).toMatchObject({ status: 'valid', digest: 'sha1' });
    expect(r.signer?.email).toBe('posta-certificata@pec.aruba.it');
    expect(r.signer?.subject).toContain('O=ARUBA PEC S.p.A.');
    expect(r.signer?.sha1Hex).toMatch(/^[0-9a-f]{40}$/);
  });

  it('says invalid for Aruba 2026 (SHA-256, altered by anonymisation, SPEC §0 D19) and still names the signer', async () => {
    const f = 'accettazione__aruba-2026-real-anonymized-bilingual-sha256-x-rem-subject__PMM-PecMassiveMailer.eml';
    const parts = splitSigned(new Uint8Array(readFileSync(join(REAL, f))));
    const r = await verifyDetached(parts!.content, parts!.p7s);
    expect(r).toMatchObject({ status: 'invalid', digest: 'sha256' });
    expect(r.reason).toMatch(/digest/i);
    expect(r.signer?.email).toBe('posta-certificata@pec.aruba.it');
  });
});

describe('verifyDetached on signatures made by openssl', () => {
  function opensslSign(extra: string[]): Uint8Array {
    const content = writeTemp(t.dataDir, 'in.bin', SAMPLE_CONTENT);
    const out = join(t.dataDir, 'out.der');
    const r = openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-in', content, '-out', out,
      '-signer', join(t.pki.dir, 'signing.pem'), '-inkey', join(t.pki.dir, 'signing-key.pem'), ...extra]);
    expect(r.code).toBe(0);
    return new Uint8Array(readFileSync(out));
  }

  it.each([
    ['SHA-1 with signed attributes', ['-md', 'sha1'], 'sha1'],
    ['SHA-1 without signed attributes', ['-md', 'sha1', '-noattr'], 'sha1'],
    ['SHA-256 without signed attributes', ['-md', 'sha256', '-noattr'], 'sha256'],
    ['SHA-512 with signed attributes', ['-md', 'sha512'], 'sha512'],
  ])('accepts %s, and rejects it once the content changes', async (_label, args, digest) => {
    const der = opensslSign(args as string[]);
    expect(await verifyDetached(SAMPLE_CONTENT, der)).toMatchObject({ status: 'valid', digest });
    const tampered = new TextEncoder().encode('something else\r\n');
    expect((await verifyDetached(tampered, der)).status).toBe('invalid');
  });

  it('refuses a signature that embeds its content (not detached)', async () => {
    const der = opensslSign(['-nodetach']);
    const r = await verifyDetached(SAMPLE_CONTENT, der);
    expect(r.status).toBe('invalid');
    expect(r.reason).toContain('detached');
  });
});

describe('verifyDetached on malformed input', () => {
  it.each([
    ['empty', new Uint8Array(0)],
    ['garbage', new TextEncoder().encode('not a cms structure at all')],
    ['a bare SEQUENCE', new Uint8Array([0x30, 0x00])],
    ['a truncated header', new Uint8Array([0x30, 0x82, 0x05])],
  ])('returns invalid with a reason for %s', async (_label, der) => {
    const r = await verifyDetached(SAMPLE_CONTENT, der);
    expect(r.status).toBe('invalid');
    expect(r.reason).toBeTruthy();
    expect(r.signer).toBeNull();
  });

  it(`refuses a CMS above MAX_CMS_BYTES (${MAX_CMS_BYTES}) without parsing it`, async () => {
    const r = await verifyDetached(SAMPLE_CONTENT, new Uint8Array(MAX_CMS_BYTES + 1));
    expect(r.status).toBe('invalid');
    expect(r.reason).toContain(String(MAX_CMS_BYTES));
  });

  it('returns invalid when the certificates are stripped from a valid signature', async () => {
    const content = writeTemp(t.dataDir, 'in2.bin', SAMPLE_CONTENT);
    const out = join(t.dataDir, 'nocerts.der');
    openssl(['cms', '-sign', '-binary', '-nocerts', '-outform', 'DER', '-in', content, '-out', out,
      '-signer', join(t.pki.dir, 'signing.pem'), '-inkey', join(t.pki.dir, 'signing-key.pem')]);
    const r = await verifyDetached(SAMPLE_CONTENT, new Uint8Array(readFileSync(out)));
    expect(r.status).toBe('invalid');
    expect(r.signer).toBeNull();
  });
});
