// Named limits of the IMAP session (CONVENTIONS 9): abuse counters, timeouts and batch sizes, each with a hostile test.
import { IMAP_IDLE_TIMEOUT_MS } from '../../../src/net/limits.ts';

/** Syntax errors and unknown commands tolerated on one connection before `* BYE` (WildDuck MAX_BAD_COMMANDS). */
export const MAX_BAD_COMMANDS = 20;
/** Commands on one connection: a client that loops forever is cut off; Thunderbird reconnects transparently. */
export const MAX_COMMANDS_PER_CONNECTION = 200_000;
/** Failed LOGIN/AUTHENTICATE on one connection before `* BYE` (the Authenticator also throttles per login and address). */
export const MAX_FAILED_LOGINS_PER_CONNECTION = 3;
/** Every ask to the mailbox actor carries this timeout (CONVENTIONS 5); past it the client reads NO [UNAVAILABLE]. */
export const MAILBOX_ASK_TIMEOUT_MS = 15_000;
/** RFC 9051 §5.4: the autologout timer is at least 30 minutes, also while the client is in IDLE (RFC 2177 §3). */
export const SESSION_IDLE_TIMEOUT_MS = IMAP_IDLE_TIMEOUT_MS;
/**
 * Largest message APPEND accepts (RFC 7889 APPENDLIMIT): seed 001 §1.4 allows 50 MB messages; the busta and its
 * signature add some, so the literal bound is a little larger. The synchronising literal is refused before "+".
 */
export const MAX_APPEND_BYTES = 60 * 1024 * 1024;
/** Input chunks queued to the session actor before the socket is paused (back-pressure, ARCHITECTURE). */
export const MAX_QUEUED_INPUTS = 32;
/** Bound of the session actor's queue: inputs are paused well before it, change pokes are coalesced. */
export const SESSION_QUEUE_CAPACITY = 256;
/** Buffered response bytes after which a long command (FETCH, SEARCH) hands them to the socket and waits for it. */
export const OUTPUT_FLUSH_BYTES = 256 * 1024;
/** Mailbox changes a selected session may hold unreported; past it the session is closed with BYE (memory bound). */
export const MAX_PENDING_CHANGES = 100_000;
/** Messages read from the store per page when a command covers a whole folder. */
export const STORE_PAGE_SIZE = 1_000;
/** Flag rows read per query by the bulk flag sync (FETCH of UID/FLAGS/MODSEQ/RFC822.SIZE only): one buffer each. */
export const FLAG_ROWS_PAGE = 1_000;
/** The flag sync's first page is short, so that the client starts reading while the rest is built (issue 4). */
export const FLAG_ROWS_FIRST_PAGE = 100;
/** Rows read per query by FETCH of content; \Seen is set once per page (RFC 9051 §6.4.5), so pages are large. */
export const FETCH_ROWS_PAGE = 1_000;
/** A FETCH set whose UID span exceeds this many times its size is read UID by UID, not by ranges of the folder. */
export const SPARSE_SET_FACTOR = 4;
/** A set covering fewer messages than this is read by UID one by one instead of by whole-folder pages. */
export const SMALL_SET_MESSAGES = 64;
/** Session cells leave the actor registry after this idle time; the session itself lives while its connection does. */
export const SESSION_PASSIVATE_AFTER_MS = 60_000;
/** LIST/LSUB reference + pattern length: the wildcard matcher costs |pattern| x |name|. */
export const MAX_LIST_PATTERN_LENGTH = 1024;
/** Characters of body text handed to the full-text index for an APPENDed message. */
export const MAX_APPEND_INDEX_CHARS = 64 * 1024;
/** Largest literal before login (a LOGIN password): nobody unauthenticated may make the server buffer megabytes. */
export const MAX_UNAUTHENTICATED_LITERAL_BYTES = 8 * 1024;
