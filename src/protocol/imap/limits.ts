// Named limits of the IMAP codec (CONVENTIONS 9): every one has a hostile test in test/src/protocol/imap.

/** Bytes of command text per command, literals excluded (RFC 7162 §4 asks servers to accept at least 8192 octets). */
export const MAX_LINE_BYTES = 8192;
/** Default largest literal accepted; the session lowers or raises it per connection (e.g. APPENDLIMIT). */
export const MAX_LITERAL_BYTES = 64 * 1024 * 1024;
/** RFC 7888 §4 (LITERAL-): non-synchronising literals above this size are refused. */
export const MAX_NONSYNC_LITERAL_MINUS_BYTES = 4096;
/** Literals in one command (MULTIAPPEND sends one per message); bounds memory together with MAX_LITERAL_BYTES. */
export const MAX_LITERALS_PER_COMMAND = 1000;
/** Parenthesised list depth (search programs, BODY sections, LIST options): guards the recursive parsers. */
export const MAX_NESTING = 32;
/** Base64 text of one AUTHENTICATE continuation line (RFC 9051 §6.2.2), within MAX_LINE_BYTES. */
export const MAX_AUTH_LINE_BYTES = MAX_LINE_BYTES;
/** Search keys in one program: stops quadratic evaluation of huge OR chains. */
export const MAX_SEARCH_KEYS = 1000;
/** Numbers/ranges in one sequence set. */
export const MAX_SEQUENCE_RANGES = 10_000;
/** Recursion depth of a search program (NOT/OR chains nest without parentheses: `OR OR OR a b c d`). */
export const MAX_SEARCH_DEPTH = 256;
