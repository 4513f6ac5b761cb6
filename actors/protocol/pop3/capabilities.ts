// What CAPA announces in each state (RFC 2449 §5-6, RFC 2595 §4 STLS, RFC 3206 §6 AUTH-RESP-CODE).
import { capabilityLines, encodeLines } from '../../../src/protocol/pop3/encoder.ts';
import type { Pop3StateKind } from './state.ts';

/** The only SASL mechanism: the password hash (argon2id) cannot serve a challenge-response mechanism. */
export const SASL_MECHANISMS = ['PLAIN'] as const;

export function capabilities(state: Pop3StateKind, secure: boolean, implementation: string): string[] {
  const login = state === 'authorization';
  const lines = capabilityLines({
    top: true,
    // RFC 2595 §2.2, RFC 8314 §3: no password travels in clear, so login methods are offered only under TLS.
    user: login && secure,
    sasl: login && secure ? SASL_MECHANISMS : [],
    respCodes: true,
    loginDelaySeconds: null,
    pipelining: true,
    expire: null,
    uidl: true,
    stls: login && !secure,
    implementation,
  });
  // RFC 3206 §6: the [AUTH] and [SYS/*] codes are sent in login replies; the codec has no flag for it.
  const at = lines.indexOf('RESP-CODES');
  lines.splice(at + 1, 0, 'AUTH-RESP-CODE');
  return lines;
}

export function encodeCapabilities(state: Pop3StateKind, secure: boolean, implementation: string): Uint8Array {
  return encodeLines({ ok: true, text: 'Capability list follows' }, capabilities(state, secure, implementation));
}
