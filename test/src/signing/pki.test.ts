import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { copyFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';
import { PkiError } from '../../../src/signing/errors.ts';
import { loadOrCreatePki } from '../../../src/signing/pki.ts';
import { PKI_FILES } from '../../../src/signing/pki-store.ts';
import { clonePki, openssl, tempPki } from './helpers.ts';
import type { TempPki } from './helpers.ts';

let t: TempPki;
let dir: string;
beforeAll(async () => {
  t = await tempPki();
  dir = t.pki.dir;
});
afterAll(() => t.cleanup());

const text = (file: string) => openssl(['x509', '-in', join(dir, file), '-noout', '-text']).stdout;

describe('loadOrCreatePki on first start', () => {
  it('writes the six PEM files with private keys readable by the owner only', () => {
    expect(t.pki.created).toBe(true);
    for (const f of Object.values(PKI_FILES)) {
      const mode = statSync(join(dir, f)).mode & 0o777;
      expect(mode).toBe(f.endsWith('-key.pem') ? 0o600 : 0o644);
    }
  });

  it('makes a CA with critical CA:TRUE and critical keyCertSign + cRLSign, valid 10 years', () => {
    const x = text('ca.pem');
    expect(x).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(x).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(x).toContain('Not After : Jan 15 09:00:00 2036 GMT');
    expect(x).toMatch(/Public-Key: \((3072|2048) bit\)/);
  });

  it('makes a signing certificate per SPEC §5.3: SAN e-mail, critical DS+NR, emailProtection, CN/O = provider, no BasicConstraints', () => {
    const x = text('signing.pem');
    expect(x).toContain('Subject: O = Demo PEC S.p.A., CN = Demo PEC S.p.A.');
    expect(x).toMatch(/Subject Alternative Name:\s+email:posta-certificata@pec\.demo\.test/);
    expect(x).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(x).toMatch(/Extended Key Usage:\s+E-mail Protection/);
    expect(x).not.toContain('Basic Constraints');
    expect(x).toContain('Authority Key Identifier');
  });

  it('makes a TLS certificate for the host names, localhost and 127.0.0.1 with serverAuth', () => {
    const x = text('tls.pem');
    expect(x).toMatch(/DNS:mail\.demo\.test, DNS:localhost, IP Address:127\.0\.0\.1/);
    expect(x).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication/);
  });

  it('issues certificates that openssl verify accepts for their purpose against ca.pem', () => {
    const ca = join(dir, 'ca.pem');
    expect(openssl(['verify', '-CAfile', ca, '-purpose', 'smimesign', join(dir, 'signing.pem')]).code).toBe(0);
    expect(openssl(['verify', '-CAfile', ca, '-purpose', 'sslserver', join(dir, 'tls.pem')]).code).toBe(0);
  });

  it('gives a TLS certificate that node:tls serves and a client trusting ca.pem accepts for localhost', async () => {
    const server = tls.createServer({ cert: t.pki.tls.chainPem, key: t.pki.tls.keyPem }, (s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const authorized = await new Promise<boolean>((resolve, reject) => {
        const c = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca: t.pki.caPem }, () => {
          resolve(c.authorized);
          c.end();
        });
        c.on('error', reject);
      });
      expect(authorized).toBe(true);
    } finally {
      server.close();
    }
  });

  it('writes signing.pem and tls.pem as the leaf followed by the CA', () => {
    expect(t.pki.signing.chainDer).toHaveLength(2);
    expect(Buffer.from(t.pki.signing.chainDer[1] ?? []).equals(Buffer.from(t.pki.caDer[0] ?? []))).toBe(true);
    expect(t.pki.tls.chainDer).toHaveLength(2);
  });
});

describe('loadOrCreatePki on a later start', () => {
  it('loads the same files and keys', async () => {
    const again = await loadOrCreatePki({ ...t.options, now: t.options.now + 86_400_000 });
    expect(again.created).toBe(false);
    expect(again.signing.keyPem).toBe(t.pki.signing.keyPem);
    expect(again.tls.chainPem).toBe(t.pki.tls.chainPem);
    expect(again.caPem).toBe(t.pki.caPem);
  });

  it('uses operator-supplied files as they are', async () => {
    const other = clonePki(t);
    try {
      openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=real.example', '-days', '1',
        '-keyout', join(other.dir, 'tls-key.pem'), '-out', join(other.dir, 'tls.pem')]);
      const loaded = await loadOrCreatePki(other.options);
      expect(loaded.tls.chainPem).toBe(readFileSync(join(other.dir, 'tls.pem'), 'utf8'));
      expect(loaded.tls.chainDer).toHaveLength(1);
    } finally {
      other.cleanup();
    }
  });

  it('refuses a key that does not match its certificate with pki-key-mismatch naming the file', async () => {
    const other = clonePki(t);
    try {
      copyFileSync(join(other.dir, 'tls-key.pem'), join(other.dir, 'signing-key.pem'));
      const err = await loadOrCreatePki(other.options).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PkiError);
      expect((err as PkiError).code).toBe('pki-key-mismatch');
      expect((err as PkiError).file).toBe('signing-key.pem');
    } finally {
      other.cleanup();
    }
  });

  it('refuses an incomplete folder with pki-incomplete listing the missing files', async () => {
    const other = clonePki(t);
    try {
      rmSync(join(other.dir, 'tls.pem'));
      const err = await loadOrCreatePki(other.options).catch((e: unknown) => e);
      expect((err as PkiError).code).toBe('pki-incomplete');
      expect((err as PkiError).message).toContain('tls.pem');
    } finally {
      other.cleanup();
    }
  });

  it('refuses a key file that is not PEM with pki-bad-pem', async () => {
    const other = clonePki(t);
    try {
      writeFileSync(join(other.dir, 'tls-key.pem'), 'not a key');
      const err = await loadOrCreatePki(other.options).catch((e: unknown) => e);
      expect((err as PkiError).code).toBe('pki-bad-pem');
    } finally {
      other.cleanup();
    }
  });

  it('refuses a signing certificate for another address than the service address with pki-address-mismatch', async () => {
    const err = await loadOrCreatePki({ ...t.options, serviceAddress: 'posta-certificata@altro.test' }).catch((e: unknown) => e);
    expect((err as PkiError).code).toBe('pki-address-mismatch');
    expect((err as PkiError).message).toContain('posta-certificata@pec.demo.test');
  });

  it('loads without ca-key.pem (a CA that is not ours)', async () => {
    const other = clonePki(t);
    try {
      rmSync(join(other.dir, 'ca-key.pem'));
      expect((await loadOrCreatePki(other.options)).created).toBe(false);
    } finally {
      other.cleanup();
    }
  });
});
