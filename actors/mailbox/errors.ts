// Typed refusals of the mailbox actor, each with its wire forms (CONVENTIONS 8).
export class MailboxError extends Error {
  /** An expected refusal, not a fault: the runtime answers it without applying supervision. */
  readonly refusal = true;
  constructor(
    readonly code: 'over-quota' | 'not-found' | 'not-active' | 'foreign-object',
    message: string,
    /** IMAP response code (RFC 5530), SMTP reply and PEC errore-esteso code (SPEC §0 D1). */
    readonly wire: { imap: string; smtp: string; pec: string },
  ) {
    super(message);
    this.name = 'MailboxError';
  }
}

/** seed 000 §2.1: a message that would exceed the quota is refused, never dropped. */
export class QuotaExceededError extends MailboxError {
  constructor(address: string, readonly usedBytes: number, readonly quotaBytes: number, readonly size: number) {
    super('over-quota', `casella piena: ${address} uses ${usedBytes} of ${quotaBytes} bytes, message needs ${size}`, {
      imap: 'OVERQUOTA',
      smtp: '552 5.2.2 Mailbox full',
      pec: '5.2.2',
    });
  }
}

export class MailboxNotFoundError extends MailboxError {
  constructor(address: string) {
    super('not-found', `no mailbox ${address}`, { imap: 'NONEXISTENT', smtp: '550 5.1.1 No such mailbox', pec: '5.1.1' });
  }
}

/** A folder or message id that belongs to another mailbox: refused, whatever the caller believed. */
export class ForeignObjectError extends MailboxError {
  constructor(what: string, id: number) {
    super('foreign-object', `${what} ${id} is not in this mailbox`, { imap: 'NONEXISTENT', smtp: '550 5.1.1', pec: '5.1.1' });
  }
}
