import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { join } from 'node:path';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { verifyDetached } from '../../../src/signing/cms-verify.ts';
import { SignError } from '../../../src/signing/errors.ts';
import { InlineSigner } from '../../../src/signing/inline-signer.ts';
import { PoolSigner } from '../../../src/signing/pool.ts';
import type { Signer } from '../../../src/signing/signer.ts';
import { openssl, SAMPLE_CONTENT, SERVICE_ADDRESS, T0, tempPki, writeTemp } from './helpers.ts';
import type { TempPki } from './helpers.ts';

let t: TempPki;
beforeAll(async () => {
  t = await tempPki();
});
afterAll(() => t.cleanup());

const kinds: [string, (o: ConstructorParameters<typeof InlineSigner>[0]) => Signer][] = [
  ['InlineSigner', (o) => new InlineSigner(o)],
  ['PoolSigner', (o) => new PoolSigner({ ...o, threads: 2 })],
];

describe.each(kinds)('%s (Signer port)', (_name, make) => {
  it('signs at the injected clock time and the signature verifies, also with openssl cms -CAfile', async () => {
    const clock = new SimulatedClock(T0);
    const signer = make({ chainPem: t.pki.signing.chainPem, keyPem: t.pki.signing.keyPem, clock });
    try {
      expect(signer.address).toBe(SERVICE_ADDRESS);
      expect(signer.chainPem).toBe(t.pki.signing.chainPem);
      clock.advance(60_000);
      const sig = await signer.signDetached(SAMPLE_CONTENT);
      const r = await verifyDetached(SAMPLE_CONTENT, sig);
      expect(r.status).toBe('valid');
      expect(r.signingTime?.getTime()).toBe(T0 + 60_000);
      const der = writeTemp(t.dataDir, `${_name}.der`, sig);
      const content = writeTemp(t.dataDir, `${_name}.bin`, SAMPLE_CONTENT);
      const o = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', der, '-content', content,
        '-CAfile', join(t.pki.dir, 'ca.pem'), '-out', '/dev/null']);
      expect(o.code).toBe(0);
    } finally {
      await signer.close?.();
    }
  });

  it('signs many messages concurrently, each over its own content', async () => {
    const signer = make({ chainPem: t.pki.signing.chainPem, keyPem: t.pki.signing.keyPem, clock: new SimulatedClock(T0) });
    try {
      const contents = Array.from({ length: 20 }, (_, i) => new TextEncoder().encode(`Subject: ${i}\r\n\r\nbody ${i}\r\n`));
      const sigs = await Promise.all(contents.map((c) => signer.signDetached(c)));
      const results = await Promise.all(contents.map((c, i) => verifyDetached(c, sigs[i] as Uint8Array)));
      expect(results.every((r) => r.status === 'valid')).toBe(true);
      expect((await verifyDetached(contents[0] as Uint8Array, sigs[1] as Uint8Array)).status).toBe('invalid');
    } finally {
      await signer.close?.();
    }
  });

  it('refuses to sign after close() with signer-closed', async () => {
    const signer = make({ chainPem: t.pki.signing.chainPem, keyPem: t.pki.signing.keyPem, clock: new SimulatedClock(T0) });
    await signer.close?.();
    const err = await signer.signDetached(SAMPLE_CONTENT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignError);
    expect((err as SignError).code).toBe('signer-closed');
  });

  it('refuses, before any message is signed, a key that is not the certificate\'s', () => {
    const clock = new SimulatedClock(T0);
    const err = (() => {
      try {
        make({ chainPem: t.pki.signing.chainPem, keyPem: t.pki.tls.keyPem, clock });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SignError);
    expect((err as SignError).code).toBe('skeleton-invalid');
  });
});

describe('PoolSigner back-pressure', () => {
  it('answers sign-queue-full once more tasks wait than maxQueue allows', async () => {
    const signer = new PoolSigner({
      chainPem: t.pki.signing.chainPem, keyPem: t.pki.signing.keyPem, clock: new SimulatedClock(T0), threads: 1, maxQueue: 2,
    });
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => signer.signDetached(SAMPLE_CONTENT)));
      const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected.length).toBeGreaterThan(0);
      expect(rejected.every((o) => o.reason instanceof SignError && o.reason.code === 'sign-queue-full')).toBe(true);
      expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
    } finally {
      await signer.close();
    }
  });
});
