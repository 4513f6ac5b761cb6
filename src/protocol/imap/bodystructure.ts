// BODYSTRUCTURE / BODY (RFC 9051 §7.5.2 body grammar) from the raw MIME tree, and its wire form.
import { parseDisposition } from '../../mime/header-params.ts';
import { findHeader, parseRawTree, type RawPart } from '../../mime/raw-tree.ts';
import { decodeTransfer } from '../../mime/transfer-encoding.ts';
import { buildEnvelope, writeEnvelope, type Envelope } from './envelope.ts';
import type { WireWriter } from './wire.ts';

export interface Disposition {
  type: string;
  params: Array<[string, string]>;
}

interface Extension {
  disposition: Disposition | null;
  language: string[] | null;
  location: string | null;
}

export interface SinglePart extends Extension {
  kind: 'single';
  type: string;
  subtype: string;
  params: Array<[string, string]>;
  id: string | null;
  description: string | null;
  encoding: string;
  /** Octets of the body as transmitted (still transfer-encoded). */
  size: number;
  /** text/* and message/rfc822: lines of the encoded body. */
  lines?: number;
  /** message/rfc822: the embedded message. */
  message?: { envelope: Envelope; body: BodyStructure };
  md5: string | null;
}

export interface MultiPart extends Extension {
  kind: 'multipart';
  parts: BodyStructure[];
  subtype: string;
  params: Array<[string, string]>;
}

export type BodyStructure = SinglePart | MultiPart;

/** Text lines in a body: line feeds, plus an unterminated last line. */
export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === 0x0a) n++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) n++;
  return n;
}

/** RFC 2045 §5.2: text without a charset is us-ascii; say so, as Dovecot and Cyrus do. */
function textParams(type: string, params: Record<string, string>): Array<[string, string]> {
  const entries = Object.entries(params);
  if (type === 'text' && params.charset === undefined) entries.unshift(['charset', 'us-ascii']);
  return entries;
}

function extension(part: RawPart): Extension {
  const dispRaw = findHeader(part.headers, 'content-disposition');
  const disp = dispRaw === undefined ? null : parseDisposition(dispRaw);
  const lang = findHeader(part.headers, 'content-language');
  return {
    disposition: disp && disp.type ? { type: disp.type, params: Object.entries(disp.params) } : null,
    language: lang ? lang.split(',').map((l) => l.trim()).filter(Boolean) : null,
    location: findHeader(part.headers, 'content-location') ?? null,
  };
}

/** Builds the body structure of `part`, whose offsets index `raw`. */
export function buildBodyStructure(raw: Uint8Array, part: RawPart): BodyStructure {
  const ct = part.contentType;
  if (ct.type === 'multipart') {
    // RFC 9051 §9 body-type-mpart needs 1*body: an empty multipart gets one empty text/plain part (as Dovecot does).
    const parts = part.children.length > 0 ? part.children.map((c) => buildBodyStructure(raw, c)) : [emptyTextPart()];
    return { kind: 'multipart', parts, subtype: ct.subtype, params: Object.entries(ct.params), ...extension(part) };
  }
  const body = raw.subarray(part.bodyStart, part.bodyEnd);
  const h = (n: string) => findHeader(part.headers, n) ?? null;
  const single: SinglePart = {
    kind: 'single',
    type: ct.type,
    subtype: ct.subtype,
    params: textParams(ct.type, ct.params),
    id: h('content-id'),
    description: h('content-description'),
    encoding: (h('content-transfer-encoding') ?? '7bit').trim(),
    size: body.length,
    md5: h('content-md5'),
    ...extension(part),
  };
  if (ct.type === 'text') single.lines = countLines(body);
  if (ct.type === 'message' && (ct.subtype === 'rfc822' || ct.subtype === 'global')) {
    single.lines = countLines(body);
    single.message = embedded(raw, part, body, single.encoding);
  }
  return single;
}

function embedded(raw: Uint8Array, part: RawPart, body: Uint8Array, encoding: string): SinglePart['message'] {
  const child = part.children[0];
  if (child) return { envelope: buildEnvelope(child.headers), body: buildBodyStructure(raw, child) };
  // Transfer-encoded message/rfc822 (base64/QP, forbidden by RFC 2046 §5.2.1 but seen): describe the decoded copy.
  const decoded = decodeTransfer(body, encoding);
  const tree = parseRawTree(decoded);
  return { envelope: buildEnvelope(tree.headers), body: buildBodyStructure(decoded, tree) };
}

function emptyTextPart(): SinglePart {
  return {
    kind: 'single',
    type: 'text',
    subtype: 'plain',
    params: [['charset', 'us-ascii']],
    id: null,
    description: null,
    encoding: '7bit',
    size: 0,
    lines: 0,
    md5: null,
    disposition: null,
    language: null,
    location: null,
  };
}

function writeParams(w: WireWriter, params: Array<[string, string]>): void {
  w.list(params, (w2, [k, v]) => w2.string(k).sp().string(v), 'NIL');
}

function writeExtension(w: WireWriter, x: Extension): void {
  w.sp();
  if (x.disposition) {
    w.raw('(').string(x.disposition.type).sp();
    writeParams(w, x.disposition.params);
    w.raw(')');
  } else w.nil();
  w.sp();
  if (!x.language) w.nil();
  else if (x.language.length === 1) w.string(x.language[0] as string);
  else w.list(x.language, (w2, l) => w2.string(l));
  w.sp().nstring(x.location);
}

/** body = "(" (body-type-1part / body-type-mpart) ")"; `extensible` adds body-ext-1part / body-ext-mpart. */
export function writeBodyStructure(w: WireWriter, bs: BodyStructure, extensible: boolean): void {
  w.raw('(');
  if (bs.kind === 'multipart') {
    for (const p of bs.parts) writeBodyStructure(w, p, extensible);
    w.sp().string(bs.subtype);
    if (extensible) {
      w.sp();
      writeParams(w, bs.params);
      writeExtension(w, bs);
    }
  } else {
    w.string(bs.type).sp().string(bs.subtype).sp();
    writeParams(w, bs.params);
    w.sp().nstring(bs.id).sp().nstring(bs.description).sp().string(bs.encoding).sp().number(bs.size);
    if (bs.message) {
      w.sp();
      writeEnvelope(w, bs.message.envelope);
      w.sp();
      writeBodyStructure(w, bs.message.body, extensible);
    }
    if (bs.lines !== undefined) w.sp().number(bs.lines);
    if (extensible) {
      w.sp().nstring(bs.md5);
      writeExtension(w, bs);
    }
  }
  w.raw(')');
}
