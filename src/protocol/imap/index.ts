// Public API of the IMAP codec (CONVENTIONS 1): bytes -> typed commands, typed responses -> bytes. No I/O, no state
// beyond the decoder's framing. Typical session loop:
//   decoder.push(chunk); for (;;) { const r = decoder.next(); switch (r.kind) {
//     'need-more'             -> wait for the next chunk
//     'continuation-needed'   -> write encodeResponse({kind:'continuation', text:'Ready'}) (or refuse + rejectLiteral())
//     'command'               -> dispatch r.command (a discriminated union on `name`)
//     'error'                 -> write r.response; close if r.fatal
//     'idle-done' / 'auth-response' -> only after enterIdle(tag) / expectAuthResponse(tag) } }
// After STARTTLS call discardBuffered(); after ENABLE IMAP4rev2 or UTF8=ACCEPT call setUtf8Names(true) and encode
// with {utf8: true}.
export { ImapDecoder, type DecodeResult, type DecoderOptions } from './decoder.ts';
export { parseCommand, COMMAND_NAMES, type ParseContext } from './commands.ts';
export type * from './command-types.ts';
export type * from './response-types.ts';
export { ImapProtocolError, type ImapErrorKind } from './errors.ts';
export { encodeResponse, encodeResponses, type WireOptions } from './encoder.ts';
export { formatResponseCode, formatNumberSet } from './response-code.ts';
export * from './limits.ts';
export {
  resolveSequenceSet,
  sequenceSetContains,
  expandRanges,
  compressNumbers,
  formatSequenceSet,
  sequenceSetFromString,
} from './sequence-set.ts';
export { encodeMutf7, decodeMutf7 } from './mutf7.ts';
export { decodeMailboxName, canonicalFlag } from './args.ts';
export { formatImapDateTime, parseImapDateTime, parseImapDate } from './datetime.ts';
export { buildEnvelope, type Envelope, type EnvelopeAddress } from './envelope.ts';
export { buildBodyStructure, countLines, type BodyStructure } from './bodystructure.ts';
export { extractSection, extractBinary, applyPartial, resolvePart, type BinaryResult } from './section.ts';
export { sectionToString } from './fetch-parser.ts';
export { buildFetchItems, marksSeen, needsContent, type FetchSource, type FetchBuild } from './fetch-response.ts';
export { evaluateSearch, summarizeSearch, usesModseq, sentDay, type SearchMessageView, type SearchScope } from './search.ts';
export { SEARCH_CHARSETS } from './search-parser.ts';
export { capabilitiesFor, EXTENSION_CAPABILITIES, type CapabilityState } from './capabilities.ts';
export { decodeBase64Strict, encodeBase64 } from './base64.ts';
