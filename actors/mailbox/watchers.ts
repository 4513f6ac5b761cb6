// In-process fan-out of committed mailbox changes to live watchers (IMAP IDLE, webmail SSE), by address.
import type { MailboxChange } from './messages.ts';

export type Watcher = (change: MailboxChange) => void;

export class MailboxWatchers {
  private readonly byAddress = new Map<string, Set<Watcher>>();

  watch(address: string, fn: Watcher): () => void {
    const key = address.toLowerCase();
    let set = this.byAddress.get(key);
    if (!set) this.byAddress.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.byAddress.delete(key);
    };
  }

  publish(address: string, change: MailboxChange): void {
    for (const fn of this.byAddress.get(address.toLowerCase()) ?? []) {
      try {
        fn(change);
      } catch {
        // one broken session must not stop the others from hearing the change
      }
    }
  }

  count(address: string): number {
    return this.byAddress.get(address.toLowerCase())?.size ?? 0;
  }
}
