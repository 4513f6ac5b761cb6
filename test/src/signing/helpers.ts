// Test helpers for signing: a throwaway PKI under os.tmpdir(), an openssl runner, and a multipart/signed wrapper.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePki } from '../../../src/signing/pki.ts';
import type { Pki, PkiOptions } from '../../../src/signing/pki.ts';

export const PROVIDER = 'Demo PEC S.p.A.';
export const SERVICE_ADDRESS = 'posta-certificata@pec.demo.test';
export const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export interface TempPki {
  dataDir: string;
  pki: Pki;
  options: PkiOptions;
  cleanup(): void;
}

export async function tempPki(): Promise<TempPki> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pec-pki-'));
  const options: PkiOptions = { dataDir, providerName: PROVIDER, serviceAddress: SERVICE_ADDRESS, hostnames: ['mail.demo.test'], now: T0 };
  const pki = await loadOrCreatePki(options);
  return { dataDir, pki, options, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A copy of an existing PKI folder in a fresh data dir: tests that damage files do not pay for key generation. */
export function clonePki(from: TempPki): { dataDir: string; dir: string; options: PkiOptions; cleanup(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'pec-pki-'));
  const dir = join(dataDir, 'pki');
  cpSync(from.pki.dir, dir, { recursive: true });
  return { dataDir, dir, options: { ...from.options, dataDir }, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[], cwd?: string): Run {
  const r = Bun.spawnSync(['openssl', ...args], cwd ? { cwd } : {});
  return { code: r.exitCode ?? -1, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

export function writeTemp(dir: string, name: string, data: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** RFC 5751 §3.4.3 / RFC 1847: the signed entity followed by the base64 p7s part. */
export function wrapMultipartSigned(content: Uint8Array, p7s: Uint8Array, boundary = 'signed-boundary-1'): Uint8Array {
  const b64 = Buffer.from(p7s).toString('base64').replace(/.{1,76}/g, '$&\r\n');
  const head =
    `MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;` +
    ` boundary="${boundary}"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--${boundary}\r\n`;
  const tail =
    `\r\n--${boundary}\r\nContent-Type: application/pkcs7-signature; name="smime.p7s"\r\n` +
    `Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="smime.p7s"\r\n\r\n` +
    `${b64}\r\n--${boundary}--\r\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(head), content, Buffer.from(tail)]));
}

export const SAMPLE_CONTENT = new TextEncoder().encode(
  'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nMessaggio di prova.\r\nSeconda riga.\r\n',
);
