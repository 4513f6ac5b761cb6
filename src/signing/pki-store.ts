// The <dataDir>/pki/ folder: which PEM files it holds, reading them, and writing them with safe permissions.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File names under <dataDir>/pki/ (the operator-facing contract: see the comment block in pki.ts). */
export const PKI_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  signing: 'signing.pem',
  signingKey: 'signing-key.pem',
  tls: 'tls.pem',
  tlsKey: 'tls-key.pem',
} as const;
export type PkiFileKey = keyof typeof PKI_FILES;

/** Private keys are readable by the service user only. */
export const PKI_KEY_FILE_MODE = 0o600;
export const PKI_CERT_FILE_MODE = 0o644;
export const PKI_DIR_MODE = 0o700;

const KEY_FILES: ReadonlySet<PkiFileKey> = new Set(['caKey', 'signingKey', 'tlsKey']);

export function pkiDir(dataDir: string): string {
  return join(dataDir, 'pki');
}

export type PkiFiles = Partial<Record<PkiFileKey, string>>;

/** Reads whichever of the PKI files exist (missing ones are absent from the result). */
export function readPkiFiles(dir: string): PkiFiles {
  const out: PkiFiles = {};
  for (const [key, file] of Object.entries(PKI_FILES) as [PkiFileKey, string][]) {
    const path = join(dir, file);
    if (existsSync(path)) out[key] = readFileSync(path, 'utf8');
  }
  return out;
}

/**
 * Writes a complete set into a sibling staging folder, then renames it onto <dataDir>/pki in one step, so a crash
 * never leaves half a set behind (rename(2) replaces an empty target folder). Keys get 0600 before their content.
 */
export function writePkiFiles(dir: string, files: Record<PkiFileKey, string>): void {
  const staging = `${dir}.new`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true, mode: PKI_DIR_MODE });
  for (const [key, file] of Object.entries(PKI_FILES) as [PkiFileKey, string][]) {
    const mode = KEY_FILES.has(key) ? PKI_KEY_FILE_MODE : PKI_CERT_FILE_MODE;
    const path = join(staging, file);
    writeFileSync(path, files[key], { mode });
    chmodSync(path, mode); // the umask may have narrowed what writeFileSync applied
  }
  renameSync(staging, dir);
}
