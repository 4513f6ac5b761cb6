// Subscribes to `mailbox.quota-threshold` (emitted by the mailbox actor after commit) and tells the holder: in the PEC
// mailbox and at the communication e-mail (seed 000 §2.1: 70 % and 90 %; seed 003: the soft limit).
import type { EventBus } from '../events/bus.ts';
import type { Store } from '../store/index.ts';
import type { Notifier } from './notifier.ts';
import { quotaText } from './texts.ts';

/** seed 000 §2.1: the fixed thresholds (the mailbox actor's QUOTA_NOTICE_PERCENTS; src/ does not import actors/). */
export const FIXED_QUOTA_PERCENTS: readonly number[] = [70, 90];

/** Returns the unsubscribe function. Failures are swallowed per notice: a full mailbox must not stop the flow. */
export function subscribeQuotaNotices(bus: EventBus, store: Store, notifier: Notifier, onError: (e: unknown) => void = () => {}): () => void {
  return bus.subscribe((e) => {
    if (e.type !== 'mailbox.quota-threshold') return;
    const box = store.mailboxes.byAddress(e.address);
    if (!box || box.state === 'cancellata') return;
    // The actor reports the soft limit with its own percentage; 70 and 90 are the fixed thresholds.
    const soft = !FIXED_QUOTA_PERCENTS.includes(e.percent);
    const text = quotaText({ address: box.address, percent: e.percent, soft, usedBytes: e.usedBytes, quotaBytes: e.quotaBytes });
    const target = { kind: 'quota' as const, mailboxId: box.id, domainId: box.domainId };
    const work: Promise<unknown>[] = [notifier.toPecMailbox(box.address, text)];
    if (box.communicationEmail) work.push(notifier.email(box.communicationEmail, text, target));
    for (const w of work) w.catch(onError);
  });
}
