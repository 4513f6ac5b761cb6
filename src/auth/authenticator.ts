// The one login procedure every channel uses (webmail, IMAP, POP3, SMTP, admin console): throttle, verify the
// argon2id hash, then the account rules — state of the casella, password expiry, collaboration expiry, channel.
import type { Clock } from '../runtime/clock.ts';
import type { Store } from '../store/index.ts';
import { CredentialCache } from './credential-cache.ts';
import { verifyAgainstDummy, verifyPassword } from './hash.ts';
import { formatLoginName, parseLoginName } from './login-name.ts';
import { LoginRefusedError } from './login-refusal.ts';
import { passwordState } from './password-expiry.ts';
import { can, type ChannelAction } from './permissions.ts';
import type { Amministratore, MailboxPrincipal } from './principal.ts';
import { LoginThrottle } from './throttle.ts';

export interface LoginAttempt {
  login: string;
  password: string;
  channel: ChannelAction;
  /** Client IP address (throttling key). */
  remote: string;
  /** Whether the connection is encrypted: no password is accepted in clear (seed 004, RFC 8314). */
  secure: boolean;
}

export interface MailboxLogin {
  principal: MailboxPrincipal;
  /** The password is past 90 days (seed 003) or was set by an administrator: the webmail forces a change. */
  mustChangePassword: boolean;
}

export class Authenticator {
  readonly throttle: LoginThrottle;
  private readonly verified: CredentialCache;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    throttle?: LoginThrottle,
  ) {
    this.throttle = throttle ?? new LoginThrottle(clock);
    this.verified = new CredentialCache(clock);
  }

  /** argon2id, unless this very password was verified against this very hash a few minutes ago (credential-cache.ts). */
  private async check(login: string, password: string, hash: string): Promise<boolean> {
    if (this.verified.matches(login, hash, password)) return true;
    const ok = await verifyPassword(password, hash);
    if (ok) this.verified.remember(login, hash, password);
    return ok;
  }

  /** Resolves the principal or throws LoginRefusedError with the reason and its wire form for the channel. */
  async loginMailbox(a: LoginAttempt): Promise<MailboxLogin> {
    if (!a.secure) throw new LoginRefusedError('tls-required');
    const gate = this.throttle.check(a.login, a.remote);
    if (!gate.allowed) throw new LoginRefusedError('throttled', gate.retryAfterMs);
    const parsed = parseLoginName(a.login.trim());
    const mailbox = parsed.ok ? this.store.mailboxes.byAddress(parsed.login.address) : undefined;
    let hash: string | null | undefined;
    let changedAt = 0;
    let mustChange = false;
    let principal: MailboxPrincipal | null = null;
    if (parsed.ok && mailbox && mailbox.state !== 'cancellata') {
      const id = String(mailbox.id);
      if (parsed.login.kind === 'titolare') {
        const cred = this.store.principals.holder(mailbox.id);
        hash = cred?.passwordHash;
        changedAt = cred?.passwordChangedAt ?? 0;
        mustChange = cred?.mustChangePassword ?? false;
        principal = { kind: 'titolare', mailboxId: id, address: mailbox.address };
      } else {
        const c = this.store.principals.collaborator(mailbox.id, parsed.login.username);
        hash = c?.passwordHash;
        changedAt = c?.passwordChangedAt ?? 0;
        if (c) {
          principal = { kind: 'collaboratore', mailboxId: id, address: mailbox.address, username: c.username, profile: c.profile, expiresAt: c.expiresAt };
        }
      }
    }
    // Same cost whether or not the account exists: the reply never tells which logins are real.
    const key = parsed.ok ? formatLoginName(parsed.login) : a.login;
    const ok = hash && principal ? await this.check(key, a.password, hash) : await verifyAgainstDummy(a.password);
    if (!ok || !principal || !mailbox) {
      const after = this.throttle.recordFailure(a.login, a.remote);
      throw new LoginRefusedError(after.allowed ? 'wrong-credentials' : 'throttled', after.allowed ? null : after.retryAfterMs);
    }
    this.throttle.recordSuccess(a.login);
    const now = this.clock.now();
    if (mailbox.state === 'disabilitata') throw new LoginRefusedError('mailbox-disabled');
    if (principal.kind === 'collaboratore' && principal.expiresAt !== null && principal.expiresAt <= now) {
      throw new LoginRefusedError('collaboration-expired');
    }
    if (!can(principal, a.channel)) throw new LoginRefusedError('channel-not-allowed');
    const expired = passwordState(changedAt, now).state === 'scaduta';
    // seed 003: after expiry IMAP, POP3 and SMTP refuse; the webmail lets the holder in only to change it.
    if (expired && a.channel !== 'webmail') throw new LoginRefusedError('password-expired');
    return { principal, mustChangePassword: mustChange || expired };
  }

  /** Domain administrators of the console (seed 003 "Accesso al servizio"). */
  async loginAdmin(a: Omit<LoginAttempt, 'channel'>): Promise<Amministratore> {
    if (!a.secure) throw new LoginRefusedError('tls-required');
    const gate = this.throttle.check(`admin:${a.login}`, a.remote);
    if (!gate.allowed) throw new LoginRefusedError('throttled', gate.retryAfterMs);
    const admin = this.store.principals.adminByUsername(a.login.trim().toLowerCase());
    const ok = admin ? await this.check(`admin:${admin.username}`, a.password, admin.passwordHash) : await verifyAgainstDummy(a.password);
    if (!ok || !admin) {
      const after = this.throttle.recordFailure(`admin:${a.login}`, a.remote);
      throw new LoginRefusedError(after.allowed ? 'wrong-credentials' : 'throttled', after.allowed ? null : after.retryAfterMs);
    }
    this.throttle.recordSuccess(`admin:${a.login}`);
    return {
      kind: 'amministratore',
      adminId: String(admin.id),
      username: admin.username,
      superAdmin: admin.super,
      domainIds: this.store.principals.adminDomains(admin.id).map(String),
    };
  }
}
