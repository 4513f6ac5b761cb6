// PEM <-> DER for certificates and keys (RFC 7468): the textual form the pki/ folder is written in.
import { PkiError } from './errors.ts';

/** RFC 7468 §2: base64 lines of 64 characters. */
const PEM_LINE_WIDTH = 64;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  der: Uint8Array<ArrayBuffer>;
}

export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += PEM_LINE_WIDTH) lines.push(b64.slice(i, i + PEM_LINE_WIDTH));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block in the text, in order (a chain file holds several CERTIFICATE blocks). */
export function parsePem(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const label = m[1] ?? '';
    const body = (m[2] ?? '').replace(/[\r\n\t ]/g, '');
    // RFC 7468 §3 does not allow headers (Proc-Type: …) in these labels; refuse rather than misread.
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new PkiError('pki-bad-pem', `PEM block ${label} is not base64`);
    out.push({ label, der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  return out;
}

/** The DER of each CERTIFICATE block, leaf first as written. */
export function pemCertificates(text: string, file = 'PEM'): Uint8Array<ArrayBuffer>[] {
  const certs = parsePem(text).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
  if (certs.length === 0) throw new PkiError('pki-bad-pem', `${file} holds no CERTIFICATE block`, file);
  return certs;
}

export function certsToPem(ders: readonly Uint8Array[]): string {
  return ders.map((d) => toPem('CERTIFICATE', d)).join('');
}
