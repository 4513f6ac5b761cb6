// Admission of new connections: a global bound and a per-address bound, shared by the listeners that use one gate.
import { MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS } from './limits.ts';

export type GateVerdict = 'ok' | 'too-many-connections' | 'too-many-from-address';

/**
 * Pure bookkeeping, no sockets: acquire() on accept, release() exactly once when the connection closes.
 * Give one gate to several listeners (POP3, IMAP, SMTP) to make MAX_CONNECTIONS process-wide.
 */
export class ConnectionGate {
  private readonly perAddress = new Map<string, number>();
  private count = 0;

  constructor(
    readonly maxConnections: number = MAX_CONNECTIONS,
    readonly maxPerAddress: number = MAX_CONNECTIONS_PER_ADDRESS,
  ) {}

  acquire(key: string): GateVerdict {
    if (this.count >= this.maxConnections) return 'too-many-connections';
    const held = this.perAddress.get(key) ?? 0;
    if (held >= this.maxPerAddress) return 'too-many-from-address';
    this.perAddress.set(key, held + 1);
    this.count++;
    return 'ok';
  }

  release(key: string): void {
    const held = this.perAddress.get(key);
    if (held === undefined) return;
    if (held <= 1) this.perAddress.delete(key);
    else this.perAddress.set(key, held - 1);
    this.count--;
  }

  get total(): number {
    return this.count;
  }

  heldBy(key: string): number {
    return this.perAddress.get(key) ?? 0;
  }
}
