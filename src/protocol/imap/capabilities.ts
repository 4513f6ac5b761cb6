// The capability list this codec implements, per connection state (RFC 9051 §6.1.1, RFC 2595 §3.1 LOGINDISABLED).

/** Extensions this codec parses and encodes; the session must implement their semantics before advertising them. */
export const EXTENSION_CAPABILITIES = [
  'IMAP4rev1',
  'IMAP4rev2',
  'LITERAL+',
  'SASL-IR',
  'ENABLE',
  'ID',
  'IDLE',
  'NAMESPACE',
  'UNSELECT',
  'UIDPLUS',
  'MOVE',
  'CHILDREN',
  'SPECIAL-USE',
  'CREATE-SPECIAL-USE',
  'LIST-EXTENDED',
  'LIST-STATUS',
  'ESEARCH',
  'CONDSTORE',
  'QRESYNC',
  'QUOTA',
  'QUOTA=RES-STORAGE',
  'QUOTA=RES-MESSAGE',
  'STATUS=SIZE',
  'BINARY',
  'MULTIAPPEND',
  'UTF8=ACCEPT',
] as const;

export interface CapabilityState {
  /** The connection is protected by TLS (implicit or after STARTTLS). */
  tls: boolean;
  authenticated: boolean;
  /** Offer STARTTLS when not yet under TLS. */
  starttlsAvailable: boolean;
  /** Allow LOGIN / AUTHENTICATE without TLS (tests, loopback). */
  allowPlaintextAuth?: boolean;
}

/** Capabilities to advertise: authentication options before login, the extensions after (RFC 9051 §7.2.2). */
export function capabilitiesFor(state: CapabilityState): string[] {
  const caps: string[] = ['IMAP4rev1', 'IMAP4rev2'];
  if (state.authenticated) {
    caps.push(...EXTENSION_CAPABILITIES.slice(2));
    return caps;
  }
  caps.push('LITERAL+', 'SASL-IR', 'ENABLE', 'ID', 'IDLE');
  if (!state.tls && state.starttlsAvailable) caps.push('STARTTLS');
  // RFC 9051 §6.2.3: without TLS, LOGIN is refused and announced as LOGINDISABLED; no mechanism is offered.
  if (state.tls || state.allowPlaintextAuth) caps.push('AUTH=PLAIN');
  else caps.push('LOGINDISABLED');
  return caps;
}
