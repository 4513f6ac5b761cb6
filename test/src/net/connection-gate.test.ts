import { describe, expect, it } from 'bun:test';
import { ConnectionGate } from '../../../src/net/connection-gate.ts';

describe('ConnectionGate', () => {
  it('refuses past the per-address bound and frees the slot on release', () => {
    const gate = new ConnectionGate(10, 2);
    expect(gate.acquire('a')).toBe('ok');
    expect(gate.acquire('a')).toBe('ok');
    expect(gate.acquire('a')).toBe('too-many-from-address');
    expect(gate.acquire('b')).toBe('ok');
    gate.release('a');
    expect(gate.acquire('a')).toBe('ok');
    expect(gate.total).toBe(3);
  });

  it('refuses past the global bound whatever the address', () => {
    const gate = new ConnectionGate(2, 5);
    expect(gate.acquire('a')).toBe('ok');
    expect(gate.acquire('b')).toBe('ok');
    expect(gate.acquire('c')).toBe('too-many-connections');
    gate.release('b');
    expect(gate.acquire('c')).toBe('ok');
  });

  it('ignores a release of a key it does not hold', () => {
    const gate = new ConnectionGate(2, 2);
    gate.release('x');
    expect(gate.total).toBe(0);
    expect(gate.heldBy('x')).toBe(0);
  });
});
