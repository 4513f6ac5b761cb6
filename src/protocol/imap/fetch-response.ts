// Builds FETCH response items for one message from its metadata and raw bytes (RFC 9051 §6.4.5, §7.5.2).
import { parseRawTree, type RawPart } from '../../mime/raw-tree.ts';
import { buildBodyStructure } from './bodystructure.ts';
import type { FetchAttribute, ImapDateTime } from './command-types.ts';
import { buildEnvelope } from './envelope.ts';
import { sectionToString } from './fetch-parser.ts';
import type { FetchItem } from './response-types.ts';
import { applyPartial, extractBinary, extractSection } from './section.ts';

export interface FetchSource {
  uid: number;
  flags: readonly string[];
  internalDate: ImapDateTime;
  /** RFC822.SIZE. */
  size: number;
  modseq: bigint;
  /** The stored message; called only when an attribute needs the content (see needsContent). */
  raw: () => Uint8Array;
}

export type FetchBuild =
  | { kind: 'ok'; items: FetchItem[] }
  /** RFC 3516 §4.3 / RFC 9051 §7.1: answer the command with NO [UNKNOWN-CTE]. */
  | { kind: 'unknown-cte'; encoding: string };

const METADATA = new Set(['FLAGS', 'UID', 'INTERNALDATE', 'RFC822.SIZE', 'MODSEQ']);

/** True when the message bytes must be loaded (anything beyond flags, UID, date, size, modseq). */
export function needsContent(atts: readonly FetchAttribute[]): boolean {
  return atts.some((a) => !METADATA.has(a.kind));
}

/**
 * True when the fetch sets \Seen (RFC 9051 §6.4.5: BODY[...] and BINARY[...] without .PEEK, RFC822, RFC822.TEXT).
 * The session sets the flag before building, and adds FLAGS to the answer if the client did not ask for it.
 */
export function marksSeen(atts: readonly FetchAttribute[]): boolean {
  return atts.some((a) => ((a.kind === 'BODY' || a.kind === 'BINARY') && !a.peek) || a.kind === 'RFC822' || a.kind === 'RFC822.TEXT');
}

class Content {
  private tree: RawPart | undefined;
  constructor(readonly raw: Uint8Array) {}
  get root(): RawPart {
    this.tree ??= parseRawTree(this.raw);
    return this.tree;
  }
}

function contentItem(att: FetchAttribute, c: Content): FetchItem | { kind: 'unknown-cte'; encoding: string } {
  switch (att.kind) {
    case 'ENVELOPE':
      return { kind: 'ENVELOPE', envelope: buildEnvelope(c.root.headers) };
    case 'BODYSTRUCTURE':
      return { kind: 'BODYSTRUCTURE', structure: buildBodyStructure(c.raw, c.root), extensible: att.extensible };
    case 'RFC822':
      return { kind: 'RFC822', data: c.raw };
    case 'RFC822.HEADER':
      return { kind: 'RFC822.HEADER', data: extractSection(c.raw, c.root, { part: [], text: 'HEADER' }) };
    case 'RFC822.TEXT':
      return { kind: 'RFC822.TEXT', data: extractSection(c.raw, c.root, { part: [], text: 'TEXT' }) };
    case 'BODY': {
      const data = extractSection(c.raw, c.root, att.section);
      const section = sectionToString(att.section);
      if (!att.partial) return { kind: 'BODY', section, data };
      // RFC 9051 §7.5.2: the answer names the origin octet only (BODY[]<0>).
      return { kind: 'BODY', section, origin: att.partial.offset, data: data && applyPartial(data, att.partial) };
    }
    case 'BINARY':
    case 'BINARY.SIZE': {
      const r = extractBinary(c.raw, c.root, att.part);
      if (r.kind === 'unknown-cte') return r;
      const data = r.kind === 'ok' ? r.data : null;
      if (att.kind === 'BINARY.SIZE') return { kind: 'BINARY.SIZE', part: att.part, size: data?.length ?? 0 };
      if (!att.partial) return { kind: 'BINARY', part: att.part, data };
      return { kind: 'BINARY', part: att.part, origin: att.partial.offset, data: data && applyPartial(data, att.partial) };
    }
    default:
      throw new Error(`not a content attribute: ${att.kind}`);
  }
}

/** FETCH items in the order asked. */
export function buildFetchItems(atts: readonly FetchAttribute[], src: FetchSource): FetchBuild {
  const items: FetchItem[] = [];
  let content: Content | undefined;
  for (const att of atts) {
    switch (att.kind) {
      case 'UID':
        items.push({ kind: 'UID', uid: src.uid });
        break;
      case 'FLAGS':
        items.push({ kind: 'FLAGS', flags: [...src.flags] });
        break;
      case 'INTERNALDATE':
        items.push({ kind: 'INTERNALDATE', date: src.internalDate });
        break;
      case 'RFC822.SIZE':
        items.push({ kind: 'RFC822.SIZE', size: src.size });
        break;
      case 'MODSEQ':
        items.push({ kind: 'MODSEQ', modseq: src.modseq });
        break;
      default: {
        content ??= new Content(src.raw());
        const item = contentItem(att, content);
        if (item.kind === 'unknown-cte') return item;
        items.push(item);
      }
    }
  }
  return { kind: 'ok', items };
}
