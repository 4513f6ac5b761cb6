// LOGIN (RFC 9051 §6.2.3): refused before TLS with PRIVACYREQUIRED; otherwise the Authenticator decides.
import { defineCommand, no } from '../context.ts';
import { attemptLogin } from '../login-flow.ts';

export const login = defineCommand({
  name: 'LOGIN',
  states: ['not-authenticated'],
  handle(cmd, s) {
    // RFC 9051 §6.2.3 / RFC 2595 §3.2: LOGINDISABLED is advertised and LOGIN refused until STARTTLS.
    if (!s.conn.secure && !s.deps.plaintextAuth) return no('Use STARTTLS first', { kind: 'PRIVACYREQUIRED' });
    return attemptLogin(s, cmd.tag, cmd.username, cmd.password);
  },
});
