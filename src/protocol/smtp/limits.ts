// Named limits of the SMTP submission and MX sessions (CONVENTIONS 9); each has a hostile test.
import { MAILBOX_TYPES } from '../../config/mailbox-types.ts';

const types = Object.values(MAILBOX_TYPES);

/**
 * Hard cap of one submitted message: the largest "dimensione massima del messaggio" of any mailbox type
 * (seed 001 §1.4). It is what EHLO advertises as SIZE (RFC 1870 §4); after AUTH the mailbox's own type applies.
 */
export const MAX_MESSAGE_BYTES = Math.max(...types.map((t) => t.maxMessageBytes));

/**
 * Hard cap on the MX (SPEC §0 D7: accept "sizes up to at least the limit plus overhead"). A busta di trasporto carries
 * the original whole; a provider that wraps it opaquely (application/pkcs7-mime) base64-encodes it (4/3), plus headers,
 * daticert.xml and the signature: 4/3 of the limit and 1 MiB leaves room for both.
 */
export const MX_MAX_MESSAGE_BYTES = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 1024 * 1024;

/** Largest "numero destinatari stesso messaggio" of any type (seed 001 §1.4): the cap on the MX and before AUTH. */
export const MAX_RECIPIENTS = Math.max(...types.map((t) => t.maxRecipientsPerMessage));

/**
 * Refused commands (unknown verbs, refused MAIL/RCPT) in one session before it is closed with 421 (RFC 5321 §4.3.2
 * allows closing on abuse). 10 is also smtp-server's own fixed bound for unrecognized verbs, so both agree.
 */
export const MAX_BAD_COMMANDS = 10;

/** Commands allowed before AUTH on submission (EHLO, STARTTLS, NOOP…): enough for any client, not for a probe. */
export const MAX_UNAUTHENTICATED_COMMANDS = 10;

/**
 * RFC 4954 §4: "the AUTH command ... MUST be limited to 12288 octets" (a long PLAIN initial response); every other
 * command is far shorter (RFC 5321 §4.5.3.1.4: 512). A longer line closes the session with 421.
 */
export const MAX_COMMAND_LINE_BYTES = 12_288;

/** One actor answer for an ordinary command (MAIL, RCPT, AUTH including the ~0.2 s argon2id check). */
export const SESSION_ASK_TIMEOUT_MS = 15_000;

/**
 * The end of DATA waits for the punto di accesso / punto di ricezione to commit (output gate, ARCHITECTURE): signing
 * and a group commit. RFC 5321 §4.5.3.2.6 gives the client 10 minutes for the final reply; we answer well within it.
 */
export const DATA_COMMIT_TIMEOUT_MS = 120_000;

/** While DATA streams in, the listener reports progress this often so that the session actor is not passivated. */
export const DATA_PROGRESS_BYTES = 1024 * 1024;

/** Everything a session enforces, overridable per listener set (tests shrink them; production uses the defaults). */
export interface SmtpLimits {
  readonly maxMessageBytes: number;
  readonly mxMaxMessageBytes: number;
  readonly maxRecipients: number;
  readonly maxBadCommands: number;
  readonly maxUnauthenticatedCommands: number;
  readonly maxCommandLineBytes: number;
  readonly idleTimeoutMs: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxConnections: number;
}
