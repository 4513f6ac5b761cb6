// The FETCH ENVELOPE structure (RFC 9051 §7.5.2) built from a message's raw header fields, and its wire form.
import { findHeader, type RawHeader } from '../../mime/raw-tree.ts';
import { parseEnvelopeAddresses, type EnvelopeAddress } from './envelope-address.ts';
import type { WireWriter } from './wire.ts';

export type { EnvelopeAddress } from './envelope-address.ts';

export interface Envelope {
  date: string | null;
  subject: string | null;
  from: EnvelopeAddress[] | null;
  sender: EnvelopeAddress[] | null;
  replyTo: EnvelopeAddress[] | null;
  to: EnvelopeAddress[] | null;
  cc: EnvelopeAddress[] | null;
  bcc: EnvelopeAddress[] | null;
  inReplyTo: string | null;
  messageId: string | null;
}

/**
 * Header values are taken raw (RFC 2047 words are not decoded: the client decodes them). RFC 9051 §7.5.2: an
 * absent or empty Sender or Reply-To defaults to From.
 */
export function buildEnvelope(headers: RawHeader[]): Envelope {
  const h = (name: string) => findHeader(headers, name);
  const from = parseEnvelopeAddresses(h('from'));
  return {
    date: h('date') ?? null,
    subject: h('subject') ?? null,
    from,
    sender: parseEnvelopeAddresses(h('sender')) ?? from,
    replyTo: parseEnvelopeAddresses(h('reply-to')) ?? from,
    to: parseEnvelopeAddresses(h('to')),
    cc: parseEnvelopeAddresses(h('cc')),
    bcc: parseEnvelopeAddresses(h('bcc')),
    inReplyTo: h('in-reply-to') ?? null,
    messageId: h('message-id') ?? null,
  };
}

function writeAddresses(w: WireWriter, list: EnvelopeAddress[] | null): void {
  if (!list || list.length === 0) {
    w.nil();
    return;
  }
  // env-from = "(" 1*address ")": addresses are adjacent, without separating spaces.
  w.raw('(');
  for (const a of list) w.raw('(').nstring(a.name).sp().nstring(a.adl).sp().nstring(a.mailbox).sp().nstring(a.host).raw(')');
  w.raw(')');
}

/** envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")" */
export function writeEnvelope(w: WireWriter, env: Envelope): void {
  w.raw('(').nstring(env.date).sp().nstring(env.subject);
  for (const list of [env.from, env.sender, env.replyTo, env.to, env.cc, env.bcc]) {
    w.sp();
    writeAddresses(w, list);
  }
  w.sp().nstring(env.inReplyTo).sp().nstring(env.messageId).raw(')');
}
