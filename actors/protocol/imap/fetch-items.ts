// Hot paths of FETCH (issue 4 performance): BODY[] / BODY.PEEK[] of the whole message answered without parsing the
// MIME tree (metadata-only answers are fetch-flags.ts). Everything else goes through the codec.
import type { FetchAttribute, FetchBuild, FetchItem, FetchSource } from '../../../src/protocol/imap/index.ts';
import { applyPartial, buildFetchItems } from '../../../src/protocol/imap/index.ts';

const METADATA = new Set(['UID', 'FLAGS', 'MODSEQ', 'RFC822.SIZE']);

/** True when the answer holds only UID, FLAGS, MODSEQ and RFC822.SIZE (the bulk flag sync of every client). */
export function metadataOnly(atts: readonly FetchAttribute[]): boolean {
  return atts.every((a) => METADATA.has(a.kind));
}

function wholeMessage(a: FetchAttribute): boolean {
  return a.kind === 'BODY' && a.section.part.length === 0 && a.section.text === undefined;
}

/** buildFetchItems, except that BODY[]<partial> of the whole message needs no MIME parse (RFC 9051 §6.4.5). */
export function fetchItems(atts: readonly FetchAttribute[], src: FetchSource): FetchBuild {
  if (!atts.some(wholeMessage) || !atts.every((a) => wholeMessage(a) || METADATA.has(a.kind) || a.kind === 'INTERNALDATE')) {
    return buildFetchItems(atts, src);
  }
  const items: FetchItem[] = [];
  for (const a of atts) {
    if (a.kind === 'BODY') {
      const raw = src.raw();
      items.push(a.partial ? { kind: 'BODY', section: '', origin: a.partial.offset, data: applyPartial(raw, a.partial) } : { kind: 'BODY', section: '', data: raw });
    } else {
      const built = buildFetchItems([a], src);
      if (built.kind !== 'ok') return built;
      items.push(...built.items);
    }
  }
  return { kind: 'ok', items };
}
