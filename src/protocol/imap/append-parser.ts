// APPEND with MULTIAPPEND (RFC 3502), literal8 (RFC 3516 / RFC 9051) and the UTF8 data item (RFC 6855 §4).
import { dateTime, flagList, mailbox, type ParseContext } from './args.ts';
import type { AppendMessage, CommandBody } from './command-types.ts';
import { ParseError, type Reader } from './reader.ts';

function appendMessage(r: Reader): AppendMessage {
  let flags: string[] = [];
  if (r.peek() === 0x28) {
    flags = flagList(r);
    r.sp();
  }
  const msg: Omit<AppendMessage, 'data' | 'binary' | 'utf8'> = { flags };
  if (r.peek() === 0x22) {
    msg.internalDate = dateTime(r);
    r.sp();
  }
  if (r.tryKeyword('UTF8')) {
    r.sp();
    r.expectChar('(');
    const lit = r.literal();
    r.expectChar(')');
    return { ...msg, data: lit.data, binary: true, utf8: true };
  }
  const c = r.peek();
  if (c !== 0x7b && c !== 0x7e) throw new ParseError('APPEND message must be a literal');
  const lit = r.literal();
  return { ...msg, data: lit.data, binary: lit.binary, utf8: false };
}

/** append = "APPEND" SP mailbox 1*append-message (RFC 3502 §6.3.11). */
export function parseAppend(r: Reader, ctx: ParseContext): CommandBody {
  r.sp();
  const box = mailbox(r, ctx);
  const messages: AppendMessage[] = [];
  while (r.trySp()) messages.push(appendMessage(r));
  if (messages.length === 0) throw new ParseError('APPEND needs a message');
  return { name: 'APPEND', mailbox: box, messages };
}
