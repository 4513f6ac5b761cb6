import { describe, expect, it } from 'bun:test';
import { LineBuffer } from '../../../../actors/protocol/imap/line-buffer.ts';

const text = (b: LineBuffer) => new TextDecoder().decode(b.take());

describe('LineBuffer', () => {
  const numbers = [0, 7, 9, 10, 99, 100, 4_294_967_295, 2 ** 40, Number.MAX_SAFE_INTEGER];
  for (const n of numbers) {
    it(`writes ${n} as String(n) does`, () => {
      expect(text(new LineBuffer(1).number(n))).toBe(String(n));
    });
  }

  it('falls back to String(n) for numbers that are not safe non-negative integers', () => {
    for (const n of [-1, 1.5, 2 ** 60]) expect(text(new LineBuffer(4).number(n))).toBe(String(n));
  });

  it('grows past its first capacity keeping what was written, in order', () => {
    const b = new LineBuffer(2);
    const chunk = new TextEncoder().encode('* 1 FETCH (FLAGS (\\Seen))\r\n');
    for (let i = 0; i < 1000; i++) b.bytes(chunk).byte(0x2e).number(i);
    const expected = Array.from({ length: 1000 }, (_, i) => `* 1 FETCH (FLAGS (\\Seen))\r\n.${i}`).join('');
    expect(text(b)).toBe(expected);
    expect(b.length).toBe(expected.length);
  });

  it('copies short and long byte runs alike (a loop below 32 bytes, TypedArray.set above)', () => {
    const enc = new TextEncoder();
    const runs = ['a', 'x'.repeat(31), 'y'.repeat(32), 'FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Etichetta)'];
    const b = new LineBuffer(8);
    for (const r of runs) b.bytes(enc.encode(r));
    expect(text(b)).toBe(runs.join(''));
  });
});
