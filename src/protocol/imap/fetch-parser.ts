// FETCH / UID FETCH attributes, sections and modifiers (RFC 9051 §6.4.5, RFC 3516 BINARY, RFC 7162 §3.1.4, §3.2.6).
import type { ParseContext } from './args.ts';
import type { CommandBody, FetchAttribute, Partial, SectionSpec } from './command-types.ts';
import { ParseError, type Reader } from './reader.ts';
import { parseSequenceSet } from './sequence-set.ts';

type Macro = 'ALL' | 'FAST' | 'FULL';
const FAST: FetchAttribute[] = [{ kind: 'FLAGS' }, { kind: 'INTERNALDATE' }, { kind: 'RFC822.SIZE' }];
const MACROS: Record<Macro, FetchAttribute[]> = {
  FAST,
  ALL: [...FAST, { kind: 'ENVELOPE' }],
  FULL: [...FAST, { kind: 'ENVELOPE' }, { kind: 'BODYSTRUCTURE', extensible: false }],
};

/** section-part = nz-number *("." nz-number); returns the numbers and whether a "." follows for section-text. */
function sectionPart(r: Reader): { part: number[]; more: boolean } {
  const part: number[] = [];
  while (r.peek() >= 0x30 && r.peek() <= 0x39) {
    part.push(r.nzNumber());
    if (!r.tryChar('.')) return { part, more: false };
  }
  return { part, more: part.length > 0 };
}

function headerList(r: Reader): string[] {
  r.sp();
  r.expectChar('(');
  const fields: string[] = [];
  do fields.push(r.astring());
  while (r.trySp());
  r.expectChar(')');
  return fields;
}

/** section = "[" [section-spec] "]" */
function section(r: Reader): SectionSpec {
  r.expectChar('[');
  if (r.tryChar(']')) return { part: [] };
  const { part, more } = sectionPart(r);
  const spec: SectionSpec = { part };
  if (part.length === 0 || more) {
    const text = r.word().toUpperCase();
    if (text === 'HEADER' || text === 'TEXT') spec.text = text;
    else if (text === 'MIME' && part.length > 0) spec.text = 'MIME';
    else if (text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT') {
      spec.text = text;
      spec.fields = headerList(r);
    } else throw new ParseError(`Invalid section ${text}`);
  }
  r.expectChar(']');
  return spec;
}

function binarySection(r: Reader): number[] {
  r.expectChar('[');
  const { part, more } = sectionPart(r);
  if (more) throw new ParseError('BINARY section takes only part numbers');
  r.expectChar(']');
  return part;
}

/** partial = "<" number "." nz-number ">" */
function partial(r: Reader): Partial | undefined {
  if (!r.tryChar('<')) return undefined;
  const offset = r.number();
  r.expectChar('.');
  const length = r.nzNumber();
  r.expectChar('>');
  return { offset, length };
}

function withPartial<T extends object>(att: T, p: Partial | undefined): T & { partial?: Partial } {
  return p ? { ...att, partial: p } : att;
}

function fetchAtt(r: Reader): FetchAttribute {
  const name = r.word().toUpperCase();
  switch (name) {
    case 'ENVELOPE':
    case 'FLAGS':
    case 'INTERNALDATE':
    case 'RFC822.SIZE':
    case 'UID':
    case 'MODSEQ':
      return { kind: name };
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      return { kind: name };
    case 'BODYSTRUCTURE':
      return { kind: 'BODYSTRUCTURE', extensible: true };
    case 'BODY':
    case 'BODY.PEEK':
      if (r.peek() !== 0x5b) {
        if (name === 'BODY.PEEK') throw new ParseError('BODY.PEEK needs a section');
        return { kind: 'BODYSTRUCTURE', extensible: false };
      }
      return withPartial({ kind: 'BODY', peek: name === 'BODY.PEEK', section: section(r) }, partial(r));
    case 'BINARY':
    case 'BINARY.PEEK':
      return withPartial({ kind: 'BINARY', peek: name === 'BINARY.PEEK', part: binarySection(r) }, partial(r));
    case 'BINARY.SIZE':
      return { kind: 'BINARY.SIZE', part: binarySection(r) };
    default:
      throw new ParseError(`Unknown FETCH attribute ${name.slice(0, 32)}`);
  }
}

function modifiers(r: Reader, uid: boolean): { changedSince?: bigint; vanished: boolean } {
  const out: { changedSince?: bigint; vanished: boolean } = { vanished: false };
  if (!r.trySp()) return out;
  r.expectChar('(');
  do {
    const m = r.atom().toUpperCase();
    if (m === 'CHANGEDSINCE') {
      r.sp();
      out.changedSince = r.number64();
    } else if (m === 'VANISHED') out.vanished = true;
    else throw new ParseError(`Unknown FETCH modifier ${m}`);
  } while (r.trySp());
  r.expectChar(')');
  // RFC 7162 §3.2.6: VANISHED only on UID FETCH and only together with CHANGEDSINCE.
  if (out.vanished && (!uid || out.changedSince === undefined)) throw new ParseError('VANISHED needs UID FETCH and CHANGEDSINCE');
  return out;
}

function addOnce(items: FetchAttribute[], att: FetchAttribute): void {
  if (!items.some((i) => i.kind === att.kind)) items.push(att);
}

/**
 * fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")") [modifiers]
 * Implied items are made explicit: UID for UID FETCH (RFC 9051 §6.4.9), MODSEQ with CHANGEDSINCE (RFC 7162 §3.1.4.1).
 */
export function parseFetch(r: Reader, _ctx: ParseContext, uid: boolean): CommandBody {
  r.sp();
  const set = parseSequenceSet(r);
  r.sp();
  let items: FetchAttribute[];
  let macro: Macro | undefined;
  if (r.tryChar('(')) {
    items = [fetchAtt(r)];
    while (r.trySp()) items.push(fetchAtt(r));
    r.expectChar(')');
  } else {
    const m = (['ALL', 'FAST', 'FULL'] as const).find((k) => r.tryKeyword(k));
    if (m) {
      macro = m;
      items = [...MACROS[m]];
    } else items = [fetchAtt(r)];
  }
  const mods = modifiers(r, uid);
  if (uid) addOnce(items, { kind: 'UID' });
  if (mods.changedSince !== undefined) addOnce(items, { kind: 'MODSEQ' });
  return {
    name: 'FETCH',
    uid,
    set,
    items,
    ...(macro ? { macro } : {}),
    ...(mods.changedSince !== undefined ? { changedSince: mods.changedSince } : {}),
    vanished: mods.vanished,
  };
}

/** Canonical section text for the FETCH response (`1.2.HEADER.FIELDS (FROM TO)`, `` for the whole message). */
export function sectionToString(spec: SectionSpec): string {
  const parts = spec.part.join('.');
  if (!spec.text) return parts;
  const fields = spec.fields ? ` (${spec.fields.map(quoteIfNeeded).join(' ')})` : '';
  return `${parts}${parts ? '.' : ''}${spec.text}${fields}`;
}

function quoteIfNeeded(field: string): string {
  return /^[!#$&'+\-.0-9:;<=>?@A-Z^_`a-z|~]+$/.test(field) ? field : `"${field.replace(/["\\]/g, '\\$&')}"`;
}
