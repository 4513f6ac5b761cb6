import { describe, expect, it } from 'bun:test';
import { SelectedView } from '../../../../actors/protocol/imap/selected-view.ts';
import { encodeResponses, sequenceSetFromString } from '../../../../src/protocol/imap/index.ts';

const view = (uids: number[]) => new SelectedView(7, 'INBOX', 1, uids);
const wire = (rs: Parameters<typeof encodeResponses>[0]) => new TextDecoder().decode(encodeResponses(rs));
const ALLOW = { allowExpunge: true, condstore: false, qresync: false };

describe('SelectedView.resolve', () => {
  const cases: Array<[string, boolean, number[]]> = [
    ['1:*', false, [1, 2, 3, 4]],
    ['*', false, [4]],
    ['2,4', false, [2, 4]],
    ['1:*', true, [1, 2, 3, 4]],
    ['20:*', true, [4]], // RFC 9051 §6.4.9: "n:*" always includes the highest UID
    ['11:15', true, [2, 3]],
    ['16:19', true, []],
    ['4294967295', true, []],
    ['11:15,19:25', true, [2, 3, 4]],
    ['1:9,13:14,16:19', true, []],
    ['10,20', true, [1, 4]],
  ];
  for (const [set, byUid, seqs] of cases) {
    it(`resolves ${byUid ? 'UID ' : ''}${set} to sequence numbers ${JSON.stringify(seqs)}`, () => {
      const v = view([10, 12, 15, 20]);
      expect(v.resolve(sequenceSetFromString(set), byUid).map((t) => t.seq)).toEqual(seqs);
    });
  }

  it('flags sequence numbers beyond EXISTS as out of range', () => {
    expect(view([1, 2]).seqOutOfRange(sequenceSetFromString('3'))).toBe(true);
    expect(view([1, 2]).seqOutOfRange(sequenceSetFromString('1:*'))).toBe(false);
  });
});

describe('SelectedView.drain', () => {
  it('reports expunges one renumbering at a time, then EXISTS, then flag changes', () => {
    const v = view([1, 2, 3]);
    v.push({ kind: 'exists', folderId: 7, uid: 4, modseq: 5, reason: 'consegna' });
    v.push({ kind: 'expunge', folderId: 7, uids: [1, 3], modseq: 6 });
    v.push({ kind: 'flags', folderId: 7, changes: [{ id: 1, folderId: 7, uid: 2, modseq: 7, flags: ['\\Seen'] }] });
    expect(wire(v.drain(ALLOW))).toBe('* 1 EXPUNGE\r\n* 2 EXPUNGE\r\n* 2 EXISTS\r\n* 1 FETCH (UID 2 FLAGS (\\Seen))\r\n');
    expect(v.allUids()).toEqual([2, 4]);
  });

  it('keeps expunges for later when they are not allowed, and still announces new messages', () => {
    const v = view([1, 2]);
    v.push({ kind: 'expunge', folderId: 7, uids: [1], modseq: 3 });
    v.push({ kind: 'exists', folderId: 7, uid: 3, modseq: 4, reason: 'consegna' });
    expect(wire(v.drain({ ...ALLOW, allowExpunge: false }))).toBe('* 3 EXISTS\r\n');
    expect(wire(v.drain(ALLOW))).toBe('* 1 EXPUNGE\r\n');
    expect(v.allUids()).toEqual([2, 3]);
  });

  it('uses VANISHED with QRESYNC and adds MODSEQ with CONDSTORE', () => {
    const v = view([1, 2, 3]);
    v.push({ kind: 'expunge', folderId: 7, uids: [2, 3], modseq: 9 });
    v.push({ kind: 'flags', folderId: 7, changes: [{ id: 1, folderId: 7, uid: 1, modseq: 10, flags: [] }] });
    expect(wire(v.drain({ allowExpunge: true, condstore: true, qresync: true }))).toBe('* VANISHED 2:3\r\n* 1 FETCH (UID 1 FLAGS () MODSEQ (10))\r\n');
  });

  it('ignores other folders, its own flag echoes and messages it expunged itself', () => {
    const v = view([1, 2]);
    v.push({ kind: 'exists', folderId: 8, uid: 9, modseq: 1, reason: 'consegna' });
    v.noteOwnFlags(1, 5);
    v.push({ kind: 'flags', folderId: 7, changes: [{ id: 1, folderId: 7, uid: 1, modseq: 5, flags: ['\\Flagged'] }] });
    v.push({ kind: 'exists', folderId: 7, uid: 3, modseq: 6, reason: 'append' });
    expect(wire(v.expungeOwn([3, 2], false))).toBe('* 2 EXPUNGE\r\n');
    expect(v.drain(ALLOW)).toEqual([]);
    expect(v.allUids()).toEqual([1]);
  });
});
