// Runs a SEARCH program over the selected folder (RFC 9051 §6.4.4): SUBJECT through the store's full-text index
// (measured faster than reading 2,000 messages), every other key in memory with the codec's reference evaluator.
import { decodeWords } from '../../../src/mime/encoded-words.ts';
import { partText } from '../../../src/mime/part-content.ts';
import { findHeaders, parseRawTree, type RawPart } from '../../../src/mime/raw-tree.ts';
import type { SearchKey, SearchMessageView } from '../../../src/protocol/imap/index.ts';
import { compressNumbers, evaluateSearch } from '../../../src/protocol/imap/index.ts';
import type { Message, Store } from '../../../src/store/index.ts';
import { folderRows } from './message-rows.ts';
import type { SelectedView } from './selected-view.ts';

export interface SearchMatch {
  seq: number;
  uid: number;
  modseq: number;
}

const NOTHING: SearchKey = { kind: 'not', key: { kind: 'all' } };

/** Replaces SUBJECT keys by the UID set the full-text index finds (a case-insensitive substring, trigram FTS5). */
function rewrite(key: SearchKey, subject: (value: string) => number[]): SearchKey {
  switch (key.kind) {
    case 'header': {
      if (key.field.toLowerCase() !== 'subject' || key.value === '') return key;
      const uids = subject(key.value);
      return uids.length ? { kind: 'uid', set: compressNumbers(uids) } : NOTHING;
    }
    case 'not':
      return { kind: 'not', key: rewrite(key.key, subject) };
    case 'or':
      return { kind: 'or', left: rewrite(key.left, subject), right: rewrite(key.right, subject) };
    case 'and':
      return { kind: 'and', keys: key.keys.map((k) => rewrite(k, subject)) };
    default:
      return key;
  }
}

/** True when the key needs only UID and sequence number: no row is read (SUBJECT after rewrite, UID, ALL). */
function numbersOnly(key: SearchKey): boolean {
  switch (key.kind) {
    case 'all':
    case 'uid':
    case 'seq':
      return true;
    case 'not':
      return numbersOnly(key.key);
    case 'or':
      return numbersOnly(key.left) && numbersOnly(key.right);
    case 'and':
      return key.keys.every(numbersOnly);
    default:
      return false;
  }
}

/** True when evaluating the key reads the message itself (headers, body, sent date). */
function readsContent(key: SearchKey): boolean {
  switch (key.kind) {
    case 'header':
    case 'body':
    case 'text':
      return true;
    case 'date':
      return key.field === 'sent';
    case 'not':
      return readsContent(key.key);
    case 'or':
      return readsContent(key.left) || readsContent(key.right);
    case 'and':
      return key.keys.some(readsContent);
    default:
      return false;
  }
}

class ContentView {
  private root: RawPart | undefined;
  private bodyText: string | undefined;
  constructor(private readonly raw: Uint8Array) {}
  private tree(): RawPart {
    this.root ??= parseRawTree(this.raw);
    return this.root;
  }
  headers(name: string): string[] {
    return findHeaders(this.tree().headers, name).map(decodeWords);
  }
  body(): string {
    if (this.bodyText === undefined) {
      const parts: string[] = [];
      const walk = (p: RawPart): void => {
        if (p.children.length) p.children.forEach(walk);
        else if (p.contentType.type === 'text') parts.push(partText(this.raw, p));
      };
      walk(this.tree());
      this.bodyText = parts.join('\n');
    }
    return this.bodyText;
  }
  text(): string {
    const t = this.tree();
    return `${t.headers.map((h) => `${h.name}: ${decodeWords(h.value)}`).join('\n')}\n${this.body()}`;
  }
}

export async function runSearch(store: Store, mailboxId: number, view: SelectedView, program: SearchKey): Promise<SearchMatch[]> {
  const key = rewrite(program, (value) => {
    const hits = store.messages.search(mailboxId, { subject: value }, [view.folderId]);
    return hits.map((h) => h.uid).sort((a, b) => a - b);
  });
  const content = readsContent(key);
  const scope = { maxSeq: view.exists, maxUid: view.maxUid };
  const out: SearchMatch[] = [];
  if (numbersOnly(key)) {
    const uids = view.allUids();
    for (let i = 0; i < uids.length; i++) {
      const probe = numbersView(uids[i]!, i + 1);
      if (evaluateSearch(key, probe, scope)) out.push({ seq: i + 1, uid: uids[i]!, modseq: 0 });
    }
    return out;
  }
  for (const m of folderRows(store, view.folderId)) {
    const seq = view.seqOf(m.uid);
    if (seq === 0) continue; // not yet announced to this client (RFC 9051 §7.5.1)
    const c = content ? new ContentView(await store.blobs.get(m.blobHash)) : null;
    if (evaluateSearch(key, messageView(m, seq, c), scope)) out.push({ seq, uid: m.uid, modseq: m.modseq });
  }
  return out;
}

const NO_FLAGS: ReadonlySet<string> = new Set();

/** A message known only by its numbers (numbersOnly programs never read the rest). */
function numbersView(uid: number, seq: number): SearchMessageView {
  return { uid, seq, flags: NO_FLAGS, internalDate: 0, size: 0, modseq: 0n, headers: () => [], text: () => '', body: () => '' };
}

function messageView(m: Message, seq: number, c: ContentView | null): SearchMessageView {
  return {
    uid: m.uid,
    seq,
    flags: new Set(m.flags),
    internalDate: m.internalDate,
    size: m.size,
    modseq: BigInt(m.modseq),
    headers: (name) => (c ? c.headers(name) : []),
    text: () => (c ? c.text() : ''),
    body: () => (c ? c.body() : ''),
  };
}
