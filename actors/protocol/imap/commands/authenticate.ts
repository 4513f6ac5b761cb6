// AUTHENTICATE PLAIN (RFC 9051 §6.2.2, RFC 4616) with SASL-IR (RFC 4959); other mechanisms are refused.
import { decodeSaslPlain } from '../../../../src/auth/sasl-plain.ts';
import { encodeBase64 } from '../../../../src/protocol/imap/index.ts';
import { defineCommand, no, type Completion, type SessionContext } from '../context.ts';
import { attemptLogin } from '../login-flow.ts';

export const authenticate = defineCommand({
  name: 'AUTHENTICATE',
  states: ['not-authenticated'],
  handle(cmd, s) {
    if (cmd.mechanism !== 'PLAIN') return no(`Unsupported mechanism ${cmd.mechanism.slice(0, 20)}`, { kind: 'CANNOT' });
    if (!s.conn.secure && !s.deps.plaintextAuth) return no('Use STARTTLS first', { kind: 'PRIVACYREQUIRED' });
    if (cmd.initialResponse === undefined) {
      // RFC 9051 §6.2.2: an empty challenge, then the client's base64 line (continued by continueAuthenticate).
      s.send({ kind: 'continuation', data: new Uint8Array(0) });
      s.expectAuthResponse(cmd.tag, 'PLAIN');
      return null;
    }
    return plain(s, cmd.tag, cmd.initialResponse);
  },
});

/** The client's response line to the challenge, decoded from base64 by the codec. */
export function continueAuthenticate(s: SessionContext, tag: string, data: Uint8Array): Promise<Completion | null> | Completion {
  return plain(s, tag, data);
}

function plain(s: SessionContext, tag: string, data: Uint8Array): Promise<Completion | null> | Completion {
  const decoded = decodeSaslPlain(encodeBase64(data));
  // RFC 4616 §2 malformed messages fail the exchange like wrong credentials, without telling more.
  if (!decoded.ok) return no(`Invalid PLAIN message (${decoded.reason})`, { kind: 'AUTHENTICATIONFAILED' });
  return attemptLogin(s, tag, decoded.credentials.authcid, decoded.credentials.password);
}
