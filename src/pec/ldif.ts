// LDIF content records (RFC 2849): parse (folded lines, base64 `attr:: ` values, comments) and serialize.

/** A whole IGPEC directory is a few hundred KB; refuse anything far beyond (hostile or wrong file). */
export const MAX_LDIF_BYTES = 32 * 1024 * 1024;
export const MAX_LDIF_ENTRIES = 10_000;
export const MAX_LDIF_VALUES_PER_ENTRY = 1_000;
/** RFC 2849 note 2: lines SHOULD be folded at 76 columns. */
export const LDIF_FOLD_WIDTH = 76;

export type LdifErrorCode = 'ldif-too-large' | 'ldif-syntax' | 'ldif-unsupported';

export class LdifError extends Error {
  override readonly name = 'LdifError';
  constructor(
    readonly code: LdifErrorCode,
    message: string,
    /** 1-based physical line number where the problem was found, when known. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface LdifAttribute {
  /** As written, options included (`providerCertificate;binary`). */
  name: string;
  value: Uint8Array;
}

export interface LdifEntry {
  dn: string;
  attributes: LdifAttribute[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const enc = new TextEncoder();

/** The attribute type without options, lowercased: LDAP attribute types are case-insensitive (RFC 4512 §2.5). */
export function attributeType(name: string): string {
  return (name.split(';')[0] ?? '').toLowerCase();
}

export function values(entry: LdifEntry, type: string): Uint8Array[] {
  const t = type.toLowerCase();
  return entry.attributes.filter((a) => attributeType(a.name) === t).map((a) => a.value);
}

export function textValues(entry: LdifEntry, type: string): string[] {
  return values(entry, type).map((v) => utf8.decode(v));
}

interface Logical {
  text: string;
  line: number;
}

/** Unfolds continuation lines (a leading single space) and drops comments; blank lines separate records. */
function logicalRecords(text: string): Logical[][] {
  const records: Logical[][] = [];
  let current: Logical[] = [];
  let inComment = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.startsWith(' ')) {
      const last = current[current.length - 1];
      if (inComment) return;
      if (!last) throw new LdifError('ldif-syntax', 'continuation line without a line to continue', i + 1);
      last.text += raw.slice(1);
      return;
    }
    inComment = raw.startsWith('#');
    if (inComment) return;
    if (raw === '') {
      if (current.length) records.push(current);
      current = [];
      return;
    }
    current.push({ text: raw, line: i + 1 });
  });
  if (current.length) records.push(current);
  return records;
}

function parseLine(l: Logical): LdifAttribute {
  const colon = l.text.indexOf(':');
  if (colon <= 0) throw new LdifError('ldif-syntax', `expected "attribute: value"`, l.line);
  const name = l.text.slice(0, colon);
  const rest = l.text.slice(colon + 1);
  if (rest.startsWith(':')) {
    const b64 = rest.slice(1).trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new LdifError('ldif-syntax', `${name}: invalid base64`, l.line);
    return { name, value: new Uint8Array(Buffer.from(b64, 'base64')) };
  }
  if (rest.startsWith('<')) throw new LdifError('ldif-unsupported', `${name}: URL values are not supported`, l.line);
  return { name, value: enc.encode(rest.replace(/^ +/, '')) };
}

function toEntry(lines: Logical[]): LdifEntry | null {
  const attrs = lines.map(parseLine);
  const first = attrs[0];
  if (first && attributeType(first.name) === 'version' && attrs.length === 1) return null; // `version: 1` alone
  const start = first && attributeType(first.name) === 'version' ? 1 : 0;
  const dnAttr = attrs[start];
  if (!dnAttr || attributeType(dnAttr.name) !== 'dn') {
    throw new LdifError('ldif-syntax', 'record does not start with dn:', lines[start]?.line);
  }
  const body = attrs.slice(start + 1);
  const change = body.find((a) => attributeType(a.name) === 'changetype');
  if (change && utf8.decode(change.value).trim().toLowerCase() !== 'add') {
    throw new LdifError('ldif-unsupported', `changetype ${utf8.decode(change.value)} is not supported`, lines[0]?.line);
  }
  const attributes = body.filter((a) => attributeType(a.name) !== 'changetype');
  if (attributes.length > MAX_LDIF_VALUES_PER_ENTRY) {
    throw new LdifError('ldif-too-large', `entry has more than ${MAX_LDIF_VALUES_PER_ENTRY} values`, lines[0]?.line);
  }
  return { dn: utf8.decode(dnAttr.value), attributes };
}

export function parseLdif(input: string | Uint8Array): LdifEntry[] {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_LDIF_BYTES) throw new LdifError('ldif-too-large', `LDIF is ${size} bytes, above ${MAX_LDIF_BYTES}`);
  const text = typeof input === 'string' ? input : utf8.decode(input);
  const out: LdifEntry[] = [];
  for (const rec of logicalRecords(text)) {
    const entry = toEntry(rec);
    if (!entry) continue;
    if (out.length >= MAX_LDIF_ENTRIES) throw new LdifError('ldif-too-large', `more than ${MAX_LDIF_ENTRIES} entries`);
    out.push(entry);
  }
  return out;
}

/** RFC 2849 SAFE-STRING: ASCII without NUL/CR/LF, not starting with space, ':' or '<', not ending with space. */
function isSafe(value: Uint8Array): boolean {
  if (value.length === 0) return true;
  const first = value[0] ?? 0;
  if (first === 0x20 || first === 0x3a || first === 0x3c || value[value.length - 1] === 0x20) return false;
  return value.every((b) => b > 0 && b < 0x80 && b !== 0x0a && b !== 0x0d);
}

function fold(line: string): string {
  if (line.length <= LDIF_FOLD_WIDTH) return line;
  const parts = [line.slice(0, LDIF_FOLD_WIDTH)];
  for (let i = LDIF_FOLD_WIDTH; i < line.length; i += LDIF_FOLD_WIDTH - 1) {
    parts.push(` ${line.slice(i, i + LDIF_FOLD_WIDTH - 1)}`);
  }
  return parts.join('\n');
}

function line(name: string, value: Uint8Array): string {
  return fold(isSafe(value) ? `${name}: ${utf8.decode(value)}` : `${name}:: ${Buffer.from(value).toString('base64')}`);
}

/** Content records separated by blank lines, `version: 1` first, folded at 76 columns, LF line ends. */
export function serializeLdif(entries: readonly LdifEntry[]): string {
  const blocks = entries.map((e) => [line('dn', enc.encode(e.dn)), ...e.attributes.map((a) => line(a.name, a.value))].join('\n'));
  return `version: 1\n\n${blocks.join('\n\n')}\n`;
}

export function textAttribute(name: string, value: string): LdifAttribute {
  return { name, value: enc.encode(value) };
}
