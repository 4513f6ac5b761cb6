// The compose form's rules (seed 000 §2.3, §2.6.1): recipients parsed and group names expanded, the
// size × recipients limit, the MIME message built with src/mime/build.ts, and the forms prefilled for
// Rispondi / Rispondi a tutti / Inoltra / duplica.
import { randomUUID } from 'node:crypto';
import { MAX_SIZE_TIMES_RECIPIENTS } from '../../config/mailbox-types.ts';
import { parseAddressList } from '../../mime/addresses.ts';
import { attachmentPart, multipart, serializeHeaders, textPart, type HeaderField } from '../../mime/build.ts';
import { encodeWords } from '../../mime/encoded-words.ts';
import { rfc5322Date } from '../../pec/pec-time.ts';
import type { AddressBookRepo } from '../../store/addressbook-repo.ts';
import type { ReceiptType } from '../../../templates/webmail/compose.tsx';
import type { MessageContent } from '../../../templates/webmail/props.ts';

/** One recipient field's text: far above any real list (seed 001 §1.4 caps recipients at 500-1000). */
export const MAX_RECIPIENT_FIELD_CHARS = 64 * 1024;
export const MAX_SUBJECT_CHARS = 998;
export const MAX_BODY_CHARS = 1_000_000;

// RFC 5321 addr-spec as the punto di accesso accepts it: dot-atom local part, a dotted domain.
const ADDRESS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export interface Recipients {
  addresses: string[];
  /** Tokens that are neither an address nor a group of the rubrica. */
  invalid: string[];
}

/**
 * Splits a To/Cc field on commas and semicolons; a token without "@" is a rubrica group name and becomes its
 * members' addresses (seed 000 §2.6.1). Duplicates are dropped, case-insensitively.
 */
export function parseRecipients(field: string, groups: (name: string) => string[] | undefined): Recipients {
  const out: Recipients = { addresses: [], invalid: [] };
  const seen = new Set<string>();
  const add = (a: string) => {
    const k = a.toLowerCase();
    if (!seen.has(k)) (seen.add(k), out.addresses.push(a));
  };
  for (const raw of field.slice(0, MAX_RECIPIENT_FIELD_CHARS).split(/[,;\n]/)) {
    const token = raw.trim();
    if (token === '') continue;
    if (!token.includes('@')) {
      const members = groups(token);
      if (members) members.forEach(add);
      else out.invalid.push(token);
      continue;
    }
    const parsed = parseAddressList(token)[0]?.address ?? token;
    if (ADDRESS.test(parsed)) add(parsed);
    else out.invalid.push(token);
  }
  return out;
}

export function groupResolver(book: AddressBookRepo, mailboxId: number): (name: string) => string[] | undefined {
  return (name) => {
    const g = book.groupByName(mailboxId, name);
    return g ? book.contacts(mailboxId, g.id).map((c) => c.email) : undefined;
  };
}

/** seed 000 §2.3: "la dimensione della email si ottiene moltiplicando il numero dei destinatari per la dimensione". */
export function overSizeLimit(messageBytes: number, recipients: number): boolean {
  return messageBytes * Math.max(1, recipients) > MAX_SIZE_TIMES_RECIPIENTS;
}

export interface OutgoingFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface Outgoing {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  files: OutgoingFile[];
  inReplyTo?: string | undefined;
  now: number;
  /** Domain for the Message-ID (the sender's). */
  domain: string;
}

/** RFC 5322 message: text part alone, or multipart/mixed with the attachments. */
export function buildMessage(o: Outgoing): { raw: Uint8Array; messageId: string } {
  const messageId = `<${randomUUID()}@${o.domain}>`;
  const headers: HeaderField[] = [
    ['Date', rfc5322Date(o.now)],
    ['From', o.from],
    ['To', o.to.join(', ')],
    ...(o.cc.length ? [['Cc', o.cc.join(', ')] as HeaderField] : []),
    ['Subject', encodeWords(o.subject)],
    ['Message-ID', messageId],
    ...(o.inReplyTo ? [['In-Reply-To', o.inReplyTo] as HeaderField, ['References', o.inReplyTo] as HeaderField] : []),
    ['MIME-Version', '1.0'],
  ];
  const text = textPart(o.body);
  if (o.files.length === 0) {
    // The text part's own Content-Type/-Transfer-Encoding follow the message header fields.
    const raw = new Uint8Array(Buffer.concat([Buffer.from(serializeHeaders(headers), 'latin1'), text]));
    return { raw, messageId };
  }
  const parts = [text, ...o.files.map((f) => attachmentPart({ contentType: safeType(f.contentType), filename: f.filename, data: f.data }))];
  return { raw: multipart('mixed', parts, { headers }), messageId };
}

function safeType(t: string): string {
  return /^[\w.+-]+\/[\w.+-]+$/.test(t) ? t : 'application/octet-stream';
}

const quote = (text: string) => text.split(/\r?\n/).map((l) => `> ${l}`).join('\n');
const withPrefix = (prefix: string, subject: string) => (subject.toLowerCase().startsWith(prefix.toLowerCase()) ? subject : `${prefix}${subject}`);

export type PrefillMode = 'reply' | 'replyAll' | 'forward' | 'duplicate';

export interface Prefill {
  to: string;
  cc: string;
  subject: string;
  body: string;
  keepAttachments: boolean;
}

/** The form's starting values from a message (for a PEC envelope, its original), seed 000 §2.1 toolbar. */
export function prefill(mode: PrefillMode, m: MessageContent, replyTo: string | undefined, self: string, bodyText: string): Prefill {
  const others = (list: readonly { address: string }[]) => list.map((a) => a.address).filter((a) => a.toLowerCase() !== self.toLowerCase());
  const sender = replyTo ?? m.from.address;
  switch (mode) {
    case 'reply':
      return { to: sender, cc: '', subject: withPrefix('Re: ', m.subject), body: `\n\n${quote(bodyText)}`, keepAttachments: false };
    case 'replyAll':
      return {
        to: [sender, ...others(m.to)].filter((a, i, all) => all.indexOf(a) === i && a.toLowerCase() !== self.toLowerCase()).join(', '),
        cc: others(m.cc).join(', '),
        subject: withPrefix('Re: ', m.subject),
        body: `\n\n${quote(bodyText)}`,
        keepAttachments: false,
      };
    case 'forward':
      return { to: '', cc: '', subject: withPrefix('I: ', m.subject), body: `\n\n---------- Messaggio inoltrato ----------\n${bodyText}`, keepAttachments: true };
    case 'duplicate':
      return { to: m.to.map((a) => a.address).join(', '), cc: m.cc.map((a) => a.address).join(', '), subject: m.subject, body: bodyText, keepAttachments: true };
  }
}

export const DEFAULT_RECEIPT: ReceiptType = 'completa';
