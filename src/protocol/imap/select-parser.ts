// SELECT/EXAMINE parameters (RFC 7162 CONDSTORE, QRESYNC) and CREATE parameters (RFC 6154 §3 USE).
import { flag, mailbox, type ParseContext } from './args.ts';
import type { CommandBody, QresyncParams } from './command-types.ts';
import { ParseError, type Reader } from './reader.ts';
import { parseSequenceSet } from './sequence-set.ts';

/** QRESYNC SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")" (RFC 7162 §3.2.5). */
function qresyncParams(r: Reader): QresyncParams {
  r.sp();
  r.expectChar('(');
  const uidValidity = r.nzNumber();
  r.sp();
  const modseq = r.number64();
  const params: QresyncParams = { uidValidity, modseq };
  if (r.trySp()) {
    if (r.peek() !== 0x28) {
      params.knownUids = parseSequenceSet(r);
      if (!r.trySp()) {
        r.expectChar(')');
        return params;
      }
    }
    r.expectChar('(');
    const seqs = parseSequenceSet(r);
    r.sp();
    const uids = parseSequenceSet(r);
    r.expectChar(')');
    params.seqMatch = { seqs, uids };
  }
  r.expectChar(')');
  return params;
}

export const parseSelect =
  (name: 'SELECT' | 'EXAMINE') =>
  (r: Reader, ctx: ParseContext): CommandBody => {
    r.sp();
    const box = mailbox(r, ctx);
    let condstore = false;
    let qresync: QresyncParams | undefined;
    if (r.trySp()) {
      r.expectChar('(');
      do {
        const p = r.atom().toUpperCase();
        if (p === 'CONDSTORE') condstore = true;
        else if (p === 'QRESYNC') qresync = qresyncParams(r);
        else throw new ParseError(`Unknown ${name} parameter ${p}`);
      } while (r.trySp());
      r.expectChar(')');
    }
    return { name, mailbox: box, condstore, ...(qresync ? { qresync } : {}) };
  };

/** CREATE mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"] (RFC 6154 §3). */
export function parseCreate(r: Reader, ctx: ParseContext): CommandBody {
  r.sp();
  const box = mailbox(r, ctx);
  const specialUse: string[] = [];
  if (r.trySp()) {
    r.expectChar('(');
    do {
      const p = r.atom().toUpperCase();
      if (p !== 'USE') throw new ParseError(`Unknown CREATE parameter ${p}`);
      r.sp();
      r.expectChar('(');
      if (!r.tryChar(')')) {
        do specialUse.push(flag(r));
        while (r.trySp());
        r.expectChar(')');
      }
    } while (r.trySp());
    r.expectChar(')');
  }
  return { name: 'CREATE', mailbox: box, specialUse };
}
