// RFC 1939 §8 exclusive-access lock on a maildrop: one POP3 session per casella at a time, in this process.

export class MaildropLocks {
  private readonly holders = new Map<number, string>();

  /** True when `owner` now holds the lock (or already did). */
  acquire(mailboxId: number, owner: string): boolean {
    const held = this.holders.get(mailboxId);
    if (held !== undefined && held !== owner) return false;
    this.holders.set(mailboxId, owner);
    return true;
  }

  /** Releases only the owner's own lock, so a late release never frees another session's. */
  release(mailboxId: number, owner: string): void {
    if (this.holders.get(mailboxId) === owner) this.holders.delete(mailboxId);
  }

  held(mailboxId: number): boolean {
    return this.holders.has(mailboxId);
  }
}
