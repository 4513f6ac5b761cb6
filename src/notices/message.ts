// Builds the RFC 5322 bytes of an ordinary notice: the same bytes go to the smarthost and into the PEC mailbox's INBOX.
import { entity, type HeaderField, textPart } from '../mime/build.ts';
import { encodePhrase, encodeWords } from '../mime/encoded-words.ts';
import { rfc5322Date } from '../pec/pec-time.ts';

export interface NoticeMessage {
  readonly fromName: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  readonly date: number;
  /** Without angle brackets. */
  readonly messageId: string;
}

/** A single text/plain message; the headers of the text part become the top-level MIME headers (RFC 2045 §3). */
export function buildNoticeMessage(m: NoticeMessage): Uint8Array {
  const part = textPart(m.body);
  const fields: HeaderField[] = [
    ['From', `${encodePhrase(m.fromName)} <${m.from}>`],
    ['To', m.to],
    ['Subject', encodeWords(m.subject)],
    ['Date', rfc5322Date(m.date)],
    ['Message-ID', `<${m.messageId}>`],
    ['Auto-Submitted', 'auto-generated'], // RFC 3834 §5: nobody should auto-reply to a notice
    ['MIME-Version', '1.0'],
  ];
  const head = entity(fields, new Uint8Array(0));
  // textPart() starts with its own Content-Type/CTE lines: drop the blank line between the two header blocks.
  const out = new Uint8Array(head.length - 2 + part.length);
  out.set(head.subarray(0, head.length - 2), 0);
  out.set(part, head.length - 2);
  return out;
}
