// Named limits of a POP3 session (CONVENTIONS 9); each has a hostile test in test/actors/protocol/pop3/.

/** Invalid, out-of-state or refused-before-TLS commands tolerated on one connection; the next one closes it. */
export const MAX_BAD_COMMANDS = 10;
/** Messages of the INBOX in one maildrop snapshot (oldest first); the rest waits for the next session. */
export const MAX_MAILDROP_MESSAGES = 50_000;
/** Commands on one connection: RETR and DELE of a full maildrop plus some, finite against NOOP loops. */
export const MAX_COMMANDS_PER_CONNECTION = 2 * MAX_MAILDROP_MESSAGES + 1_000;
/** Input chunks told to the session and not yet processed; past it the socket stops being read (back-pressure). */
export const MAX_QUEUED_INPUT_CHUNKS = 8;
/** Every ask to the mailbox actor carries a timeout (CONVENTIONS 5). */
export const MAILBOX_ASK_TIMEOUT_MS = 10_000;
/** A closed session's actor leaves memory this long after its last message. */
export const POP3_SESSION_PASSIVATE_AFTER_MS = 5_000;
/** Bounded actor queue: input chunks (bounded above by flow control) plus the open/closed notices. */
export const POP3_SESSION_QUEUE_CAPACITY = 64;

export interface Pop3Limits {
  readonly maxBadCommands: number;
  readonly maxCommandsPerConnection: number;
  readonly maxMaildropMessages: number;
}

export const DEFAULT_POP3_LIMITS: Pop3Limits = {
  maxBadCommands: MAX_BAD_COMMANDS,
  maxCommandsPerConnection: MAX_COMMANDS_PER_CONNECTION,
  maxMaildropMessages: MAX_MAILDROP_MESSAGES,
};
