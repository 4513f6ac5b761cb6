// Typed IMAP responses -> bytes (RFC 9051 §7 and extensions); every response ends with CRLF.
import { encodeBase64 } from './base64.ts';
import { writeBodyStructure } from './bodystructure.ts';
import { formatImapDateTime } from './datetime.ts';
import { writeEnvelope } from './envelope.ts';
import { formatNumberSet, formatResponseCode } from './response-code.ts';
import type { FetchItem, ImapResponse, NamespaceEntry, ResponseCode, StatusValues } from './response-types.ts';
import { WireWriter, type WireOptions } from './wire.ts';

export type { WireOptions } from './wire.ts';

const DEFAULT_OPTIONS: WireOptions = { utf8: false };

/** Human text may not hold CR/LF (RFC 9051 §9 text = 1*TEXT-CHAR); never empty. */
function safeText(text: string): string {
  const t = text.replace(/[\r\n\0]+/g, ' ');
  return t === '' ? 'OK' : t;
}

function status(w: WireWriter, word: string, code: ResponseCode | undefined, text: string): void {
  w.raw(word);
  if (code) w.raw(` [${formatResponseCode(code)}]`);
  const t = safeText(text);
  // Without a code, a text opening with "[" would read as one (RFC 9051 §9 resp-text): lead with a space.
  w.raw(!code && t.startsWith('[') ? `  ${t}` : ` ${t}`);
}

function writeStatusValues(w: WireWriter, values: StatusValues): void {
  const entries = Object.entries(values).filter((e): e is [string, number | bigint] => e[1] !== undefined);
  w.list(entries, (w2, [k, v]) => w2.raw(k).sp().number(v));
}

function writeNamespaces(w: WireWriter, group: NamespaceEntry[]): void {
  w.list(group, (w2, ns) => w2.raw('(').mailbox(ns.prefix).sp().nstring(ns.delimiter).raw(')'), 'NIL');
}

function writeFetchItem(w: WireWriter, item: FetchItem): void {
  switch (item.kind) {
    case 'UID':
      w.raw('UID ').number(item.uid);
      return;
    case 'FLAGS':
      w.raw(`FLAGS (${item.flags.join(' ')})`);
      return;
    case 'INTERNALDATE':
      w.raw(`INTERNALDATE "${formatImapDateTime(item.date)}"`);
      return;
    case 'RFC822.SIZE':
      w.raw('RFC822.SIZE ').number(item.size);
      return;
    case 'MODSEQ':
      w.raw(`MODSEQ (${item.modseq})`); // RFC 7162 §3.1.4.1: the value is parenthesised
      return;
    case 'ENVELOPE':
      w.raw('ENVELOPE ');
      writeEnvelope(w, item.envelope);
      return;
    case 'BODYSTRUCTURE':
      w.raw(item.extensible ? 'BODYSTRUCTURE ' : 'BODY ');
      writeBodyStructure(w, item.structure, item.extensible);
      return;
    case 'RFC822':
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      w.raw(`${item.kind} `).nliteral(item.data);
      return;
    case 'BODY':
      w.raw(`BODY[${item.section}]${item.origin !== undefined ? `<${item.origin}>` : ''} `).nliteral(item.data);
      return;
    case 'BINARY':
      w.raw(`BINARY[${item.part.join('.')}]${item.origin !== undefined ? `<${item.origin}>` : ''} `);
      if (item.data === null) w.nil();
      else w.literal(item.data, item.data.includes(0)); // RFC 3516 §4.3: NUL needs literal8
      return;
    case 'BINARY.SIZE':
      w.raw(`BINARY.SIZE[${item.part.join('.')}] `).number(item.size);
      return;
  }
}

function writeUntagged(w: WireWriter, r: Exclude<ImapResponse, { kind: 'tagged' | 'continuation' }>): void {
  w.raw('* ');
  switch (r.kind) {
    case 'untagged-status':
      return status(w, r.status, r.code, r.text);
    case 'capability':
    case 'enabled':
      w.raw(`${r.kind.toUpperCase()}${r.capabilities.map((c) => ` ${c}`).join('')}`);
      return;
    case 'exists':
    case 'recent':
      w.number(r.count).raw(` ${r.kind.toUpperCase()}`);
      return;
    case 'expunge':
      w.number(r.seq).raw(' EXPUNGE');
      return;
    case 'vanished':
      w.raw(`VANISHED ${r.earlier ? '(EARLIER) ' : ''}${formatNumberSet(r.uids)}`);
      return;
    case 'flags':
      w.raw(`FLAGS (${r.flags.join(' ')})`);
      return;
    case 'list':
    case 'lsub':
      w.raw(`${r.kind.toUpperCase()} (${r.attributes.join(' ')}) `).nstring(r.delimiter).sp().mailbox(r.mailbox);
      if (r.extended?.childInfo || r.extended?.oldName !== undefined) {
        w.raw(' (');
        const ext: string[] = [];
        if (r.extended.childInfo) ext.push(`"CHILDINFO" (${r.extended.childInfo.map((c) => `"${c}"`).join(' ')})`);
        w.raw(ext.join(' '));
        if (r.extended.oldName !== undefined) w.raw(ext.length ? ' "OLDNAME" (' : '"OLDNAME" (').mailbox(r.extended.oldName).raw(')');
        w.raw(')');
      }
      return;
    case 'status':
      w.raw('STATUS ').mailbox(r.mailbox).sp();
      writeStatusValues(w, r.values);
      return;
    case 'search':
      w.raw(`SEARCH${r.ids.map((n) => ` ${n}`).join('')}`);
      if (r.modseq !== undefined) w.raw(` (MODSEQ ${r.modseq})`);
      return;
    case 'esearch':
      return writeEsearch(w, r);
    case 'fetch':
      w.number(r.seq).raw(' FETCH ');
      w.list(r.items, writeFetchItem);
      return;
    case 'quota':
      w.raw('QUOTA ').string(r.root).sp();
      w.list(r.resources, (w2, q) => w2.raw(`${q.name} ${q.usage} ${q.limit}`));
      return;
    case 'quotaroot':
      w.raw('QUOTAROOT ').mailbox(r.mailbox);
      for (const root of r.roots) w.sp().string(root);
      return;
    case 'id':
      w.raw('ID ');
      if (r.params === null) w.nil();
      else w.list(r.params, (w2, [k, v]) => w2.string(k).sp().nstring(v), 'NIL');
      return;
    case 'namespace':
      w.raw('NAMESPACE ');
      writeNamespaces(w, r.personal);
      w.sp();
      writeNamespaces(w, r.other);
      w.sp();
      writeNamespaces(w, r.shared);
      return;
  }
}

/** RFC 4731 §3.1: `* ESEARCH (TAG "a1") UID MIN 2 MAX 9 COUNT 3 ALL 2,5:9`. */
function writeEsearch(w: WireWriter, r: Extract<ImapResponse, { kind: 'esearch' }>): void {
  w.raw('ESEARCH');
  if (r.tag !== undefined) w.raw(' (TAG ').string(r.tag).raw(')');
  if (r.uid) w.raw(' UID');
  if (r.min !== undefined) w.raw(` MIN ${r.min}`);
  if (r.max !== undefined) w.raw(` MAX ${r.max}`);
  if (r.all !== undefined && r.all.length > 0) w.raw(` ALL ${formatNumberSet(r.all)}`);
  if (r.count !== undefined) w.raw(` COUNT ${r.count}`);
  if (r.modseq !== undefined) w.raw(` MODSEQ ${r.modseq}`);
}

/** Encodes one response, CRLF included. */
export function encodeResponse(r: ImapResponse, options: WireOptions = DEFAULT_OPTIONS): Uint8Array {
  const w = new WireWriter(options);
  if (r.kind === 'tagged') {
    w.raw(`${r.tag} `);
    status(w, r.status, r.code, r.text);
  } else if (r.kind === 'continuation') {
    // RFC 9051 §7.6: "+" SP (resp-text / base64)
    w.raw(r.data !== undefined ? `+ ${encodeBase64(r.data)}` : `+ ${safeText(r.text ?? 'Ready')}`);
  } else writeUntagged(w, r);
  w.raw('\r\n');
  return w.finish();
}

/** Encodes several responses into one buffer (one write per batch). */
export function encodeResponses(rs: readonly ImapResponse[], options: WireOptions = DEFAULT_OPTIONS): Uint8Array {
  const parts = rs.map((r) => encodeResponse(r, options));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
