// Wire form of response codes inside "[...]" (RFC 9051 §7.1, RFC 4315 §3, RFC 5530, RFC 7162 §3.1.2-3.1.3).
import type { SequenceSet } from './command-types.ts';
import type { NumberSet, ResponseCode } from './response-types.ts';
import { compressNumbers, formatSequenceSet } from './sequence-set.ts';

/** `1:3,7` from explicit numbers (order kept, consecutive runs merged) or from ranges. */
export function formatNumberSet(set: NumberSet): string {
  if (set.length === 0) return '';
  const ranges: SequenceSet = typeof set[0] === 'number' ? compressNumbers(set as number[]) : (set as SequenceSet);
  return formatSequenceSet(ranges);
}

function atomList(items: readonly string[]): string {
  return `(${items.join(' ')})`;
}

export function formatResponseCode(code: ResponseCode): string {
  switch (code.kind) {
    case 'BADCHARSET':
      return code.charsets?.length ? `BADCHARSET ${atomList(code.charsets)}` : 'BADCHARSET';
    case 'CAPABILITY':
      return `CAPABILITY ${code.capabilities.join(' ')}`;
    case 'PERMANENTFLAGS':
      return `PERMANENTFLAGS ${atomList(code.flags)}`;
    case 'UIDNEXT':
    case 'UIDVALIDITY':
    case 'UNSEEN':
    case 'HIGHESTMODSEQ':
      return `${code.kind} ${code.value}`;
    case 'MODIFIED':
      return `MODIFIED ${formatNumberSet(code.set)}`;
    case 'APPENDUID':
      return `APPENDUID ${code.uidValidity} ${formatNumberSet(code.uids)}`;
    case 'COPYUID':
      return `COPYUID ${code.uidValidity} ${formatNumberSet(code.source)} ${formatNumberSet(code.dest)}`;
    default:
      return code.kind;
  }
}
