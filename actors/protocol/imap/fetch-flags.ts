// The bulk flag sync every client runs (`UID FETCH 1:* (UID FLAGS)`, RFC 9051 §6.4.5; CHANGEDSINCE, RFC 7162
// §3.1.4): light rows from the store (FlagRow: no list columns, no JSON per row), written as bytes straight into
// one buffer per page (issue 4 performance). The bytes are the codec's encoder's, which the tests compare.
import type { FetchAttribute } from '../../../src/protocol/imap/index.ts';
import { decodeFlags } from '../../../src/store/message-flags.ts';
import type { FlagRow } from '../../../src/store/message-queries.ts';
import type { Store } from '../../../src/store/index.ts';
import { FLAG_ROWS_FIRST_PAGE, FLAG_ROWS_PAGE } from './limits.ts';
import { LineBuffer } from './line-buffer.ts';
import { rowPages } from './row-pages.ts';
import type { Target } from './selected-view.ts';

const UTF8 = new TextEncoder();
const ascii = (s: string) => UTF8.encode(s);
const FETCH_OPEN = ascii(' FETCH (');
const UID = ascii('UID ');
const FLAGS_OPEN = ascii('FLAGS (');
const MODSEQ_OPEN = ascii('MODSEQ (');
const SIZE = ascii('RFC822.SIZE ');
const LINE_END = ascii(')\r\n');
const STAR_SP = 0x2a;
const SP = 0x20;
const CLOSE = 0x29;
/** Bytes of one line besides the flag list and the numbers' digits; a buffer grows past this estimate if needed. */
const LINE_BYTES_ESTIMATE = 96;

/** `\Seen \Answered ...` for each of the 32 system-flag bitmasks, in the order decodeFlags gives. */
const SYSTEM_FLAG_BYTES: readonly Uint8Array[] = Array.from({ length: 32 }, (_, bits) => ascii(decodeFlags(bits, '[]').join(' ')));

/** The FLAGS list of a row as bytes; rows with keywords are decoded once per distinct (bits, keywords) pair. */
export function flagListBytes(row: Pick<FlagRow, 'bits' | 'keywords'>, cache: Map<string, Uint8Array>): Uint8Array {
  if (row.keywords === null) return SYSTEM_FLAG_BYTES[row.bits & 31]!;
  const key = `${row.bits}${row.keywords}`;
  let bytes = cache.get(key);
  if (bytes === undefined) {
    bytes = UTF8.encode(decodeFlags(row.bits, row.keywords).join(' '));
    cache.set(key, bytes);
  }
  return bytes;
}

/** `* seq FETCH (UID n FLAGS (...) MODSEQ (m) RFC822.SIZE s)\r\n`, the attributes in the order asked. */
export function writeFlagFetch(out: LineBuffer, seq: number, atts: readonly FetchAttribute[], row: FlagRow, flags: Uint8Array): void {
  out.reserve(LINE_BYTES_ESTIMATE + flags.length);
  out.byte(STAR_SP).byte(SP).number(seq).bytes(FETCH_OPEN);
  for (let i = 0; i < atts.length; i++) {
    if (i > 0) out.byte(SP);
    switch (atts[i]!.kind) {
      case 'UID':
        out.bytes(UID).number(row.uid);
        break;
      case 'FLAGS':
        out.bytes(FLAGS_OPEN).bytes(flags).byte(CLOSE);
        break;
      case 'MODSEQ':
        out.bytes(MODSEQ_OPEN).number(row.modseq).byte(CLOSE);
        break;
      case 'RFC822.SIZE':
        out.bytes(SIZE).number(row.size);
        break;
    }
  }
  out.bytes(LINE_END);
}

/**
 * The answer for `targets` (UID ascending, as SelectedView.resolve gives them), one buffer per page handed to
 * `emit`: a short first page lets the client start reading while the rest is built.
 */
export async function writeFlagFetches(
  store: Store,
  folderId: number,
  targets: readonly Target[],
  atts: readonly FetchAttribute[],
  changedSince: bigint | undefined,
  emit: (bytes: Uint8Array) => Promise<void>,
): Promise<void> {
  const since = changedSince === undefined ? -1 : Number(changedSince);
  const cache = new Map<string, Uint8Array>();
  const read = (from: number, to: number, limit: number) => store.messages.flagRows(folderId, from, to, limit);
  for (const page of rowPages(targets, FLAG_ROWS_PAGE, read, FLAG_ROWS_FIRST_PAGE)) {
    const out = new LineBuffer(page.rows.length * LINE_BYTES_ESTIMATE);
    for (let i = 0; i < page.rows.length; i++) {
      const row = page.rows[i]!;
      if (row.modseq > since) writeFlagFetch(out, page.targets[i]!.seq, atts, row, flagListBytes(row, cache));
    }
    if (out.length > 0) await emit(out.take());
  }
}
