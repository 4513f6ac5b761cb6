// STORE / UID STORE (RFC 9051 §6.4.6) with the UNCHANGEDSINCE modifier (RFC 7162 §3.1.3).
import { flag, flagList, type ParseContext } from './args.ts';
import type { CommandBody } from './command-types.ts';
import { ParseError, type Reader } from './reader.ts';
import { parseSequenceSet } from './sequence-set.ts';

const STORE_ITEM = /^([+-]?)FLAGS(\.SILENT)?$/;

/** store = "STORE" SP sequence-set [SP store-modifiers] SP store-att-flags */
export function parseStore(r: Reader, _ctx: ParseContext, uid: boolean): CommandBody {
  r.sp();
  const set = parseSequenceSet(r);
  r.sp();
  let unchangedSince: bigint | undefined;
  if (r.tryChar('(')) {
    do {
      const m = r.atom().toUpperCase();
      if (m !== 'UNCHANGEDSINCE') throw new ParseError(`Unknown STORE modifier ${m}`);
      r.sp();
      unchangedSince = r.number64();
    } while (r.trySp());
    r.expectChar(')');
    r.sp();
  }
  let item = '';
  if (r.tryChar('+')) item = '+';
  else if (r.tryChar('-')) item = '-';
  const match = STORE_ITEM.exec(item + r.atom().toUpperCase());
  if (!match) throw new ParseError('Expected FLAGS, +FLAGS or -FLAGS');
  r.sp();
  let flags: string[];
  if (r.peek() === 0x28) flags = flagList(r);
  else {
    // RFC 9051 §9: store-att-flags also accepts flags without parentheses.
    flags = [flag(r)];
    while (r.trySp()) flags.push(flag(r));
  }
  const op = match[1] === '+' ? 'add' : match[1] === '-' ? 'remove' : 'replace';
  return {
    name: 'STORE',
    uid,
    set,
    op,
    silent: match[2] !== undefined,
    flags,
    ...(unchangedSince !== undefined ? { unchangedSince } : {}),
  };
}
