// The shared end of LOGIN and AUTHENTICATE PLAIN: the Authenticator decides (src/auth), the session moves to
// authenticated and starts hearing the casella's changes; refusals carry their RFC 5530 code (CONVENTIONS 8).
import { LoginRefusedError } from '../../../src/auth/login-refusal.ts';
import type { ImapResponse } from '../../../src/protocol/imap/index.ts';
import { ok, type Completion, type SessionContext } from './context.ts';

/** LOGIN / AUTHENTICATE PLAIN: the tagged OK, or null when the refusal line was written (RFC 5530 code). */
export async function attemptLogin(s: SessionContext, tag: string, login: string, password: string): Promise<Completion | null> {
  const { auth, bus, plaintextAuth } = s.deps;
  try {
    const r = await auth.loginMailbox({ channel: 'imap', secure: s.conn.secure || plaintextAuth, remote: s.conn.remoteAddress, login, password });
    s.setState({ kind: 'authenticated', principal: r.principal, mailboxId: Number(r.principal.mailboxId) });
    bus.emit({ type: 'auth.login-succeeded', login, channel: 'imap', remote: s.conn.remoteAddress });
    // RFC 9051 §6.2.3: the capabilities may change after login, so the OK carries them.
    return ok('Logged in', { kind: 'CAPABILITY', capabilities: s.capabilities() });
  } catch (e) {
    if (!(e instanceof LoginRefusedError)) throw e;
    bus.emit({ type: 'auth.login-refused', login, channel: 'imap', reason: e.reason, remote: s.conn.remoteAddress });
    s.sendRaw(`${e.imapLine(tag)}\r\n`);
    if (s.loginFailed()) {
      const bye: ImapResponse = { kind: 'untagged-status', status: 'BYE', text: 'Too many failed logins' };
      s.send(bye);
      s.close();
    }
    return null;
  }
}
