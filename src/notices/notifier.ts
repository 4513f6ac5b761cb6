// Sends ordinary notices: every one is recorded in the notice outbox (the console's "Posta in uscita"), handed to
// the smarthost when one is configured, and, when asked, also delivered into the holder's PEC mailbox INBOX.
import { randomUUID } from 'node:crypto';
import type { ActorSystem } from '../runtime/system.ts';
import type { Clock } from '../runtime/clock.ts';
import type { NewMessage, Store } from '../store/index.ts';
import type { NewNotice, Notice, NoticeRepo } from '../store/notice-repo.ts';
import { buildNoticeMessage } from './message.ts';
import type { NoticeText } from './texts.ts';

/** How long a delivery into a PEC mailbox may wait for its actor (every ask carries a timeout). */
export const NOTICE_DELIVERY_TIMEOUT_MS = 10_000;

/** The smarthost port: sends raw RFC 5322 bytes to one recipient. */
export interface NoticeTransport {
  send(envelope: { from: string; to: string }, raw: Uint8Array): Promise<void>;
}

export interface NotifierDeps {
  store: Store;
  notices: NoticeRepo;
  clock: Clock;
  system: ActorSystem;
  /** Sender of every notice (SPEC §0 D12: the provider's service address). */
  serviceAddress: string;
  providerName: string;
  /** null: no smarthost, notices stay in the local outbox (the default, so the demo needs no network). */
  transport: NoticeTransport | null;
}

export type NoticeTarget = Pick<NewNotice, 'kind' | 'mailboxId' | 'domainId'>;

export class Notifier {
  constructor(private readonly d: NotifierDeps) {}

  get hasSmarthost(): boolean {
    return this.d.transport !== null;
  }

  /** Records the notice to an ordinary address and sends it through the smarthost when there is one. */
  async email(to: string, text: NoticeText, target: NoticeTarget): Promise<Notice> {
    const notice = this.d.notices.add({ ...target, to, subject: text.subject, body: text.body }, this.d.clock.now());
    if (!this.d.transport) return notice;
    try {
      await this.d.transport.send({ from: this.d.serviceAddress, to }, this.build(to, text).raw);
      this.d.notices.markSent(notice.id, this.d.clock.now());
    } catch (e) {
      this.d.notices.markFailed(notice.id, e instanceof Error ? e.message : String(e));
    }
    return this.d.notices.byId(notice.id)!;
  }

  /** Delivers the notice as an ordinary message into the PEC mailbox's INBOX (through its actor, the only writer). */
  async toPecMailbox(address: string, text: NoticeText): Promise<void> {
    const { raw, messageId } = this.build(address, text);
    const now = this.d.clock.now();
    const blobHash = await this.d.store.blobs.put(raw);
    // The mailbox actor's `deliver` message (actors/mailbox/messages.ts; src/ does not import actors/).
    const msg: { type: 'deliver'; reason: 'notifica'; message: NewMessage } = {
      type: 'deliver',
      reason: 'notifica',
      message: {
        internalDate: now,
        size: raw.length,
        blobHash,
        subject: text.subject,
        fromAddr: this.d.serviceAddress,
        toAddrs: [address],
        dateHeader: now,
        messageId,
        bodyText: text.body,
      },
    };
    await this.d.system.ask(`mailbox:${address.toLowerCase()}`, msg, NOTICE_DELIVERY_TIMEOUT_MS);
  }

  private build(to: string, text: NoticeText): { raw: Uint8Array; messageId: string } {
    const domain = this.d.serviceAddress.slice(this.d.serviceAddress.lastIndexOf('@') + 1);
    const messageId = `notice.${randomUUID()}@${domain}`;
    const raw = buildNoticeMessage({
      fromName: this.d.providerName, from: this.d.serviceAddress, to, subject: text.subject, body: text.body,
      date: this.d.clock.now(), messageId,
    });
    return { raw, messageId };
  }
}
