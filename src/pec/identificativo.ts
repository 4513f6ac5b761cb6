// PEC msgid (identificativo) and Message-ID allocation in the provider's domain (RFC 6109 §2.2.1, SPEC §0 D11).
import { PecError } from './errors.ts';

/** A source of cryptographically random bytes, injected (crypto.getRandomValues in production). */
export type RandomSource = (length: number) => Uint8Array;

/** Random bytes per identifier: 96 bits make collisions negligible across 30 months of traffic. */
export const IDENTIFICATIVO_RANDOM_BYTES = 12;

/** RFC 5322 dot-atom domain made of letters, digits, hyphens and dots. */
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** SPEC §0 D11: local part in [A-Za-z0-9.-]. */
const LOCAL = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

export const cryptoRandom: RandomSource = (n) => crypto.getRandomValues(new Uint8Array(n));

function stamp(now: number): string {
  // UTC, yyyymmddhhmmss: sortable and independent of the legal-time offset.
  return new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface AllocateInput {
  now: number;
  random: RandomSource;
  /** Provider mail domain. */
  dominio: string;
  /** Local-part prefix telling id families apart in logs: 'opec' envelopes, 'ric' receipts. */
  prefisso?: string;
}

/**
 * Allocates a unique identifier `<prefisso>.<yyyymmddhhmmss>.<24 hex>@<dominio>` (no angle brackets).
 * Used for the PEC msgid (allocated when the submission arrives, before the checks) and for the own
 * Message-ID every generated message carries (SPEC §0 D11).
 */
export function allocateIdentificativo(o: AllocateInput): string {
  if (!DOMAIN.test(o.dominio)) throw new PecError('invalid-input', `not a mail domain: ${JSON.stringify(o.dominio)}`);
  const prefix = o.prefisso ?? 'opec';
  const rnd = o.random(IDENTIFICATIVO_RANDOM_BYTES);
  if (rnd.length < IDENTIFICATIVO_RANDOM_BYTES) throw new PecError('invalid-input', 'random source returned too few bytes');
  const local = `${prefix}.${stamp(o.now)}.${hex(rnd.subarray(0, IDENTIFICATIVO_RANDOM_BYTES))}`;
  if (!LOCAL.test(local)) throw new PecError('invalid-input', `bad identifier prefix: ${JSON.stringify(prefix)}`);
  return `${local}@${o.dominio.toLowerCase()}`;
}

/** True for identifiers of the form we allocate and accept from peers: dot-atom-ish local @ domain. */
export function isIdentificativo(id: string): boolean {
  const at = id.lastIndexOf('@');
  if (at <= 0) return false;
  return /^[\x21-\x3b\x3d\x3f-\x7e]+$/.test(id.slice(0, at)) && DOMAIN.test(id.slice(at + 1));
}

/** `<id>` as written in Message-ID / X-Riferimento-Message-ID. */
export function angle(id: string): string {
  return id.startsWith('<') ? id : `<${id}>`;
}
