// The antivirus port of the PEC points (RFC 6109 §5.4, SPEC §5.8) and a built-in detector of the EICAR test file,
// searched in the raw message and in every decoded MIME part. Pure: a real engine (clamd) implements the same port.
import { MimeError } from '../mime/errors.ts';
import { decodedBody } from '../mime/part-content.ts';
import { parseRawTree, walkParts } from '../mime/raw-tree.ts';

export interface VirusVerdict {
  infected: boolean;
  /** The engine's name for what it found (written to errore-esteso and the quarantine). */
  virus?: string;
}

/** RFC 6109 §5.4: every message handled by the access and incoming points is scanned. */
export interface VirusScanner {
  scan(raw: Uint8Array): Promise<VirusVerdict>;
}

/** The 68-byte EICAR anti-malware test string (eicar.org); engines report it as this name. */
export const EICAR_SIGNATURE = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
export const EICAR_NAME = 'EICAR-Test-File';
/** Parts larger than this are not decoded for the EICAR search (the test file is 68 bytes; real engines do the rest). */
export const MAX_SCANNED_PART_BYTES = 10 * 1024 * 1024;

const SIGNATURE_BYTES = new TextEncoder().encode(EICAR_SIGNATURE);

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  for (let i = hay.indexOf(first); i >= 0 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return true;
  }
  return false;
}

/** True when the EICAR string appears in the bytes as sent or in any part once its transfer encoding is undone. */
export function containsEicar(raw: Uint8Array): boolean {
  if (contains(raw, SIGNATURE_BYTES)) return true;
  let tree;
  try {
    tree = parseRawTree(raw);
  } catch (e) {
    if (e instanceof MimeError) return false;
    throw e;
  }
  for (const part of walkParts(tree)) {
    if (part.contentType.type === 'multipart') continue;
    if (part.bodyEnd - part.bodyStart > MAX_SCANNED_PART_BYTES) continue;
    if (contains(decodedBody(raw, part), SIGNATURE_BYTES)) return true;
  }
  return false;
}

export class EicarScanner implements VirusScanner {
  async scan(raw: Uint8Array): Promise<VirusVerdict> {
    return containsEicar(raw) ? { infected: true, virus: EICAR_NAME } : { infected: false };
  }
}
