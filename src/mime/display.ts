// A message parsed for reading (postal-mime): decoded headers, text and HTML bodies, and the attachments with a
// stable part reference ("<prefix><index>") that the download route resolves again from the same bytes.
import PostalMime, { type Address as PmAddress, type Attachment as PmAttachment } from 'postal-mime';

/** Nested message/rfc822 levels postal-mime follows; beyond it parts are listed as attachments. */
export const MAX_DISPLAY_RFC822_DEPTH = 3;
/** A header block larger than this is refused by the parser (postal-mime maxHeadersSize). */
export const MAX_DISPLAY_HEADER_BYTES = 256 * 1024;

export interface DisplayAddress {
  name?: string | undefined;
  address: string;
}

export interface DisplayAttachment {
  /** Reference used in URLs: prefix + index in the parser's attachment list. */
  part: string;
  filename: string;
  contentType: string;
  size: number;
  content: Uint8Array;
  inline: boolean;
  contentId?: string | undefined;
}

export interface DisplayMessage {
  subject: string;
  from: DisplayAddress;
  to: DisplayAddress[];
  cc: DisplayAddress[];
  replyTo: DisplayAddress[];
  /** Date: header in ms, or null when absent or unparseable. */
  date: number | null;
  messageId?: string | undefined;
  references?: string | undefined;
  text?: string | undefined;
  html?: string | undefined;
  attachments: DisplayAttachment[];
}

function flatten(list: readonly PmAddress[] | undefined): DisplayAddress[] {
  const out: DisplayAddress[] = [];
  for (const a of list ?? []) {
    if (a.group) for (const m of a.group) out.push({ name: m.name || undefined, address: m.address });
    else if (a.address !== undefined) out.push({ name: a.name || undefined, address: a.address });
  }
  return out;
}

function bytesOf(c: PmAttachment['content']): Uint8Array {
  if (typeof c === 'string') return new TextEncoder().encode(c);
  return c instanceof Uint8Array ? c : new Uint8Array(c);
}

/** A filename safe for a Content-Disposition header and a ZIP entry: no path, no controls. */
export function safeFilename(name: string | null | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean === '' || clean === '.' || clean === '..' ? fallback : clean.slice(0, 200);
}

const EXT: Readonly<Record<string, string>> = { 'message/rfc822': 'eml', 'application/pdf': 'pdf', 'application/xml': 'xml', 'text/plain': 'txt' };

/** Parses raw bytes for display; attachments keep their decoded content for the download route. */
export async function parseForDisplay(raw: Uint8Array, partPrefix = ''): Promise<DisplayMessage> {
  const email = await PostalMime.parse(raw, {
    rfc822Attachments: true,
    maxRfc822NestingDepth: MAX_DISPLAY_RFC822_DEPTH,
    maxHeadersSize: MAX_DISPLAY_HEADER_BYTES,
  });
  const date = email.date ? Date.parse(email.date) : NaN;
  const from = flatten(email.from ? [email.from] : [])[0] ?? { address: '' };
  return {
    subject: email.subject ?? '',
    from,
    to: flatten(email.to),
    cc: flatten(email.cc),
    replyTo: flatten(email.replyTo),
    date: Number.isFinite(date) ? date : null,
    messageId: email.messageId,
    references: email.references,
    text: email.text,
    html: email.html,
    attachments: email.attachments.map((a, i) => {
      const content = bytesOf(a.content);
      return {
        part: `${partPrefix}${i}`,
        filename: safeFilename(a.filename, `allegato-${i + 1}.${EXT[a.mimeType] ?? 'bin'}`),
        contentType: a.mimeType || 'application/octet-stream',
        size: content.byteLength,
        content,
        inline: a.disposition === 'inline' && a.mimeType.startsWith('image/'),
        contentId: a.contentId,
      };
    }),
  };
}
