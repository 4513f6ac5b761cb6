// The one login path of USER/PASS and AUTH PLAIN: Authenticator, maildrop lock, snapshot, TRANSACTION state.
import { LoginRefusedError } from '../../../src/auth/login-refusal.ts';
import { ok } from '../../../src/protocol/pop3/encoder.ts';
import { lineBytes, type Pop3Context } from './context.ts';
import { AUTHORIZATION, liveTotals } from './state.ts';

export async function completeLogin(ctx: Pop3Context, login: string, password: string): Promise<void> {
  const { backend, locks, limits } = ctx.deps;
  const remote = ctx.conn.remoteAddress;
  ctx.setState(AUTHORIZATION); // RFC 1939 §7: after a failed PASS the client starts again from USER
  try {
    const { principal } = await backend.login({ login, password, channel: 'pop3', remote, secure: ctx.conn.secure });
    const mailboxId = Number(principal.mailboxId);
    // RFC 1939 §8 exclusive-access lock; RFC 2449 §8.1.2 [IN-USE].
    if (!locks.acquire(mailboxId, ctx.conn.id)) throw new LoginRefusedError('mailbox-in-use');
    try {
      const maildrop = await backend.openMaildrop(principal, limits.maxMaildropMessages);
      if (ctx.conn.closed) return locks.release(mailboxId, ctx.conn.id);
      ctx.setState({ kind: 'transaction', principal, maildrop });
      const { count, octets } = liveTotals(maildrop);
      ctx.reply(ok(`maildrop has ${count} messages (${octets} octets)`));
    } catch (e) {
      locks.release(mailboxId, ctx.conn.id);
      throw e;
    }
    backend.emit({ type: 'auth.login-succeeded', login, channel: 'pop3', remote });
  } catch (e) {
    // Anything else (a store or actor fault) is a temporary failure: RFC 3206 [SYS/TEMP].
    const refusal = e instanceof LoginRefusedError ? e : new LoginRefusedError('temporary-failure');
    backend.emit({ type: 'auth.login-refused', login, channel: 'pop3', reason: refusal.reason, remote });
    ctx.reply(lineBytes(refusal.pop3Line()));
  }
}
