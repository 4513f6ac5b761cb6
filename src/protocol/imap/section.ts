// BODY[section]<partial> and BINARY[part] extraction from raw message bytes (RFC 9051 §6.4.5, RFC 3516 §4.2).
import { findHeader, type RawPart } from '../../mime/raw-tree.ts';
import { decodeTransfer } from '../../mime/transfer-encoding.ts';
import type { Partial, SectionSpec } from './command-types.ts';

const KNOWN_CTE = new Set(['7bit', '8bit', 'binary', 'base64', 'quoted-printable']);

function isMessageRfc822(p: RawPart): boolean {
  return p.contentType.type === 'message' && (p.contentType.subtype === 'rfc822' || p.contentType.subtype === 'global');
}

/** Body part `n` (1-based) inside `node`: a multipart's child, or a message's single body. */
function child(node: RawPart, n: number, isMessage: boolean): RawPart | null {
  const target = !isMessage && isMessageRfc822(node) ? (node.children[0] ?? null) : node;
  if (!target) return null;
  const message = isMessage || target !== node;
  if (target.contentType.type === 'multipart') return target.children[n - 1] ?? null;
  // RFC 9051 §6.4.5: a non-multipart message has exactly one part, numbered 1: its body.
  return message && n === 1 ? target : null;
}

/** Resolves a part path (RFC 9051 §6.4.5 part numbering) to its entity, or null when it does not exist. */
export function resolvePart(root: RawPart, path: readonly number[]): RawPart | null {
  let node: RawPart | null = root;
  let isMessage = true;
  for (const n of path) {
    if (!node) return null;
    const next: RawPart | null = child(node, n, isMessage);
    // Part 1 of a single-part message is the message itself: keep treating it as the part, not the message.
    isMessage = false;
    node = next;
  }
  return node;
}

/** Complete header fields (with folded lines) of a header block, split on field starts. */
function headerFields(block: Uint8Array): Uint8Array[] {
  const fields: Uint8Array[] = [];
  let start = 0;
  let i = 0;
  while (i < block.length) {
    const lf = block.indexOf(0x0a, i);
    const end = lf < 0 ? block.length : lf + 1;
    const next = block[end];
    const isBlank = end - i <= 2 && (block[i] === 0x0a || block[i] === 0x0d);
    if (isBlank) break;
    if (next !== 0x20 && next !== 0x09) {
      fields.push(block.subarray(start, end));
      start = end;
    }
    i = end;
  }
  return fields;
}

function fieldName(field: Uint8Array): string {
  const colon = field.indexOf(0x3a);
  return colon < 0 ? '' : String.fromCharCode(...field.subarray(0, colon)).trim().toLowerCase();
}

/** HEADER.FIELDS / HEADER.FIELDS.NOT: the matching fields followed by the blank line (RFC 9051 §6.4.5). */
function filterHeader(block: Uint8Array, names: readonly string[], not: boolean): Uint8Array {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const kept = headerFields(block).filter((f) => wanted.has(fieldName(f)) !== not);
  return concat([...kept, new Uint8Array([0x0d, 0x0a])]);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The message (root or embedded) a HEADER/TEXT section refers to. */
function messageOf(root: RawPart, path: readonly number[]): RawPart | null {
  if (path.length === 0) return root;
  const part = resolvePart(root, path);
  return part && isMessageRfc822(part) ? (part.children[0] ?? null) : null;
}

/** The bytes of BODY[section] without the partial, or null when the section does not exist. */
export function extractSection(raw: Uint8Array, root: RawPart, spec: SectionSpec): Uint8Array | null {
  switch (spec.text) {
    case undefined: {
      if (spec.part.length === 0) return raw.subarray(root.headerStart, root.bodyEnd);
      const part = resolvePart(root, spec.part);
      return part ? raw.subarray(part.bodyStart, part.bodyEnd) : null;
    }
    case 'MIME': {
      const part = resolvePart(root, spec.part);
      return part ? raw.subarray(part.headerStart, part.headerEnd) : null;
    }
    case 'TEXT': {
      const msg = messageOf(root, spec.part);
      return msg ? raw.subarray(msg.bodyStart, msg.bodyEnd) : null;
    }
    case 'HEADER':
    case 'HEADER.FIELDS':
    case 'HEADER.FIELDS.NOT': {
      const msg = messageOf(root, spec.part);
      if (!msg) return null;
      const block = raw.subarray(msg.headerStart, msg.headerEnd);
      if (spec.text === 'HEADER') return block;
      return filterHeader(block, spec.fields ?? [], spec.text === 'HEADER.FIELDS.NOT');
    }
  }
}

/** <origin.length>: RFC 9051 §6.4.5, an origin past the end yields the empty string. */
export function applyPartial(data: Uint8Array, partial: Partial | undefined): Uint8Array {
  if (!partial) return data;
  const start = Math.min(partial.offset, data.length);
  return data.subarray(start, Math.min(data.length, start + partial.length));
}

export type BinaryResult = { kind: 'ok'; data: Uint8Array } | { kind: 'missing' } | { kind: 'unknown-cte'; encoding: string };

/** BINARY[part]: the part body with its Content-Transfer-Encoding removed (RFC 3516 §4.2); `[]` is the whole message. */
export function extractBinary(raw: Uint8Array, root: RawPart, part: readonly number[]): BinaryResult {
  if (part.length === 0) return { kind: 'ok', data: raw.subarray(root.headerStart, root.bodyEnd) };
  const node = resolvePart(root, part);
  if (!node) return { kind: 'missing' };
  const cte = (findHeader(node.headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  // RFC 3516 §4.3 / RFC 9051 §7.1: an encoding the server cannot decode is answered with NO [UNKNOWN-CTE].
  if (!KNOWN_CTE.has(cte)) return { kind: 'unknown-cte', encoding: cte };
  return { kind: 'ok', data: decodeTransfer(raw.subarray(node.bodyStart, node.bodyEnd), cte) };
}
