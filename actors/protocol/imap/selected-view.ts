// The selected folder as one session sees it: the sequence-number map (RFC 9051 §2.3.1.2) and the changes made
// elsewhere that it has not reported yet, turned into EXISTS / EXPUNGE / VANISHED / FETCH at the allowed moments.
import type { MailboxChange } from '../../mailbox/messages.ts';
import type { FetchItem, ImapResponse, SequenceSet } from '../../../src/protocol/imap/index.ts';
import { resolveSequenceSet } from '../../../src/protocol/imap/index.ts';

export interface Target {
  seq: number;
  uid: number;
}

export interface DrainOptions {
  /** RFC 9051 §7.5.1: no EXPUNGE while answering FETCH, STORE or SEARCH (non-UID): they wait for a later command. */
  allowExpunge: boolean;
  /** RFC 7162 §3.1.4: once CONDSTORE is in use, unsolicited FETCH carries MODSEQ. */
  condstore: boolean;
  /** RFC 7162 §3.2.10: with QRESYNC enabled, VANISHED replaces EXPUNGE. */
  qresync: boolean;
}

export class SelectedView {
  /** UIDs ascending; the sequence number of uids[i] is i + 1. */
  private uids: number[];
  /** EXISTS as last told to the client. */
  private announced: number;
  private pending: MailboxChange[] = [];
  /** Flag changes this session already reported itself (STORE): uid -> modseq, skipped when they come back. */
  private readonly echoes = new Map<number, number>();
  /** UIDs this session expunged itself: their pending EXISTS (if any) must not bring them back. */
  private readonly gone = new Set<number>();

  constructor(
    readonly folderId: number,
    /** The IMAP name the client selected (for LIST/STATUS comparisons). */
    readonly name: string,
    readonly uidValidity: number,
    uids: readonly number[],
  ) {
    this.uids = [...uids];
    this.announced = this.uids.length;
  }

  get exists(): number {
    return this.uids.length;
  }

  get maxUid(): number {
    return this.uids[this.uids.length - 1] ?? 0;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  allUids(): readonly number[] {
    return this.uids;
  }

  /** Sequence number of a UID, or 0 when the session does not know it. */
  seqOf(uid: number): number {
    let lo = 0;
    let hi = this.uids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.uids[mid]!;
      if (v === uid) return mid + 1;
      if (v < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  uidAt(seq: number): number | undefined {
    return this.uids[seq - 1];
  }

  /**
   * The messages a sequence set names, ascending. RFC 9051 §6.4.9: with UIDs, `*` is the highest UID and numbers that
   * do not exist are ignored; message sequence numbers beyond EXISTS are the caller's BAD.
   */
  resolve(set: SequenceSet, byUid: boolean): Target[] {
    const out: Target[] = [];
    if (this.uids.length === 0) return out;
    if (!byUid) {
      for (const [lo, hi] of resolveSequenceSet(set, this.uids.length, true)) {
        for (let s = lo; s <= hi; s++) out.push({ seq: s, uid: this.uids[s - 1]! });
      }
      return out;
    }
    // Ranges are sorted and merged: each starts at its first UID by binary search (UID FETCH n costs log EXISTS).
    for (const [lo, hi] of resolveSequenceSet(set, this.maxUid)) {
      for (let i = this.lowerBound(lo); i < this.uids.length && this.uids[i]! <= hi; i++) out.push({ seq: i + 1, uid: this.uids[i]! });
    }
    return out;
  }

  /** Index of the first UID >= uid (uids.length when none). */
  private lowerBound(uid: number): number {
    let lo = 0;
    let hi = this.uids.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.uids[mid]! < uid) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when a message sequence set names numbers above EXISTS (RFC 9051 §9: invalid, answered with BAD). */
  seqOutOfRange(set: SequenceSet): boolean {
    return set.some(({ start, end }) => (start !== '*' && start > this.uids.length) || (end !== '*' && end > this.uids.length));
  }

  /** A change committed by the mailbox actor; only those of this folder are kept. */
  push(change: MailboxChange): void {
    if (change.kind === 'exists' || change.kind === 'flags' || change.kind === 'expunge') {
      if (change.folderId === this.folderId) this.pending.push(change);
    }
  }

  noteOwnFlags(uid: number, modseq: number): void {
    this.echoes.set(uid, modseq);
  }

  /** Removes UIDs this session expunged itself and returns the responses that tell the client. */
  expungeOwn(uids: readonly number[], qresync: boolean): ImapResponse[] {
    for (const u of uids) this.gone.add(u);
    return this.remove(uids, qresync);
  }

  /** The untagged responses that bring the client up to date, applied to the map as they are produced. */
  drain(o: DrainOptions): ImapResponse[] {
    if (this.pending.length === 0 && this.announced === this.uids.length) {
      this.gone.clear();
      return [];
    }
    const out: ImapResponse[] = [];
    const keep: MailboxChange[] = [];
    const expunged: number[] = [];
    const added: number[] = [];
    const flags = new Map<number, { flags: string[]; modseq: number }>();
    for (const c of this.pending) {
      if (c.kind === 'expunge') {
        if (o.allowExpunge) expunged.push(...c.uids);
        else keep.push(c);
      } else if (c.kind === 'exists') added.push(c.uid);
      else if (c.kind === 'flags') {
        for (const f of c.changes) {
          if ((this.echoes.get(f.uid) ?? -1) >= f.modseq) continue;
          flags.set(f.uid, { flags: f.flags, modseq: f.modseq });
        }
      }
    }
    this.pending = keep;
    if (keep.length === 0) this.echoes.clear();
    if (expunged.length) out.push(...this.remove(expunged, o.qresync));
    const removed = new Set([...this.gone, ...expunged]);
    this.add(added.filter((u) => !removed.has(u)));
    this.gone.clear();
    if (this.announced !== this.uids.length) {
      out.push({ kind: 'exists', count: this.uids.length });
      this.announced = this.uids.length;
    }
    for (const [uid, f] of flags) {
      const seq = this.seqOf(uid);
      if (seq === 0) continue;
      const items: FetchItem[] = [{ kind: 'UID', uid }, { kind: 'FLAGS', flags: f.flags }];
      if (o.condstore) items.push({ kind: 'MODSEQ', modseq: BigInt(f.modseq) });
      out.push({ kind: 'fetch', seq, items });
    }
    return out;
  }

  private add(uids: readonly number[]): void {
    for (const uid of uids) {
      if (uid > this.maxUid) this.uids.push(uid);
      else if (this.seqOf(uid) === 0) {
        // Out of order (rare): insert in place to keep the map sorted.
        const at = this.uids.findIndex((u) => u > uid);
        this.uids.splice(at, 0, uid);
      }
    }
  }

  private remove(uids: readonly number[], qresync: boolean): ImapResponse[] {
    const known = [...new Set(uids)].filter((u) => this.seqOf(u) > 0).sort((a, b) => a - b);
    if (known.length === 0) return [];
    const out: ImapResponse[] = [];
    if (qresync) out.push({ kind: 'vanished', earlier: false, uids: known });
    // RFC 9051 §7.5.1: each EXPUNGE renumbers the messages after it, so numbers are computed one removal at a time.
    for (const uid of known) {
      const seq = this.seqOf(uid);
      this.uids.splice(seq - 1, 1);
      if (!qresync) out.push({ kind: 'expunge', seq });
    }
    this.announced -= known.length;
    return out;
  }
}
