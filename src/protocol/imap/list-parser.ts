// LIST with LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154), LIST-STATUS (RFC 5819); LSUB and STATUS.
import { decodeMailboxName, mailbox, statusItems, type ParseContext } from './args.ts';
import type { CommandBody, ListReturn, ListSelection } from './command-types.ts';
import { ParseError, type Reader } from './reader.ts';

function selection(r: Reader): ListSelection {
  const sel: ListSelection = { subscribed: false, remote: false, recursiveMatch: false, specialUse: false };
  r.expectChar('(');
  if (!r.tryChar(')')) {
    do {
      const opt = r.atom().toUpperCase();
      if (opt === 'SUBSCRIBED') sel.subscribed = true;
      else if (opt === 'REMOTE') sel.remote = true;
      else if (opt === 'RECURSIVEMATCH') sel.recursiveMatch = true;
      else if (opt === 'SPECIAL-USE') sel.specialUse = true;
      else throw new ParseError(`Unknown LIST selection option ${opt}`);
    } while (r.trySp());
    r.expectChar(')');
  }
  // RFC 5258 §3.1: RECURSIVEMATCH must be combined with another selection option (REMOTE does not count).
  if (sel.recursiveMatch && !sel.subscribed && !sel.specialUse) throw new ParseError('RECURSIVEMATCH needs a selection option');
  return sel;
}

function returnOptions(r: Reader): ListReturn {
  const ret: ListReturn = { subscribed: false, children: false, specialUse: false };
  r.expectChar('(');
  if (!r.tryChar(')')) {
    do {
      const opt = r.atom().toUpperCase();
      if (opt === 'SUBSCRIBED') ret.subscribed = true;
      else if (opt === 'CHILDREN') ret.children = true;
      else if (opt === 'SPECIAL-USE') ret.specialUse = true;
      else if (opt === 'STATUS') {
        r.sp();
        ret.status = statusItems(r);
      } else throw new ParseError(`Unknown LIST return option ${opt}`);
    } while (r.trySp());
    r.expectChar(')');
  }
  return ret;
}

/** list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts] */
export function parseList(r: Reader, ctx: ParseContext): CommandBody {
  r.sp();
  let extended = false;
  let sel: ListSelection = { subscribed: false, remote: false, recursiveMatch: false, specialUse: false };
  if (r.peek() === 0x28) {
    sel = selection(r);
    extended = true;
    r.sp();
  }
  const reference = decodeMailboxName(r.astring(), ctx);
  r.sp();
  const patterns: string[] = [];
  if (r.tryChar('(')) {
    extended = true;
    do patterns.push(decodeMailboxName(r.listMailbox(), ctx));
    while (r.trySp());
    r.expectChar(')');
  } else patterns.push(decodeMailboxName(r.listMailbox(), ctx));
  let ret: ListReturn = { subscribed: false, children: false, specialUse: false };
  if (r.trySp()) {
    if (!r.tryKeyword('RETURN')) throw new ParseError('Expected RETURN');
    r.sp();
    ret = returnOptions(r);
    extended = true;
  }
  return { name: 'LIST', reference, patterns, selection: sel, return: ret, extended };
}

export function parseLsub(r: Reader, ctx: ParseContext): CommandBody {
  r.sp();
  const reference = decodeMailboxName(r.astring(), ctx);
  r.sp();
  return { name: 'LSUB', reference, pattern: decodeMailboxName(r.listMailbox(), ctx) };
}

/** status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")" */
export function parseStatus(r: Reader, ctx: ParseContext): CommandBody {
  r.sp();
  const box = mailbox(r, ctx);
  r.sp();
  return { name: 'STATUS', mailbox: box, items: statusItems(r) };
}
