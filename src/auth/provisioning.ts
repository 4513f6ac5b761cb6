// Account provisioning shared by the CLI, the demo seed and the admin console: domains, caselle, administrators and
// passwords, with the password policy of seed 000 §2.2 applied to every password that a person chose.
import type { MailboxTypeCode } from '../config/mailbox-types.ts';
import type { Store } from '../store/index.ts';
import type { Admin } from '../store/principal-repo.ts';
import type { Mailbox } from '../store/mailbox-repo.ts';
import { hashPassword } from './hash.ts';
import { parseMailboxAddress } from './login-name.ts';
import { checkNewPassword, type PasswordViolation } from './password-policy.ts';

export class ProvisioningError extends Error {
  constructor(
    message: string,
    readonly violations: readonly PasswordViolation[] = [],
  ) {
    super(message);
    this.name = 'ProvisioningError';
  }
}

export interface NewMailboxInput {
  address: string;
  type?: MailboxTypeCode;
  communicationEmail?: string | null;
  conservazione?: boolean;
  quotaBytes?: number;
  /** Set by the CLI or the demo; the admin console never sets one (seed 003: the holder gets a link). */
  password?: string;
  mustChangePassword?: boolean;
}

export class Provisioning {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  addDomain(name: string) {
    return this.store.domains.byName(name.toLowerCase()) ?? this.store.domains.create(name, this.now());
  }

  async addMailbox(input: NewMailboxInput): Promise<Mailbox> {
    const parsed = parseMailboxAddress(input.address.trim());
    if (!parsed.ok) throw new ProvisioningError(`${input.address} is not a valid PEC address (${parsed.error})`);
    const { localPart, domain } = parsed.value;
    const d = this.store.domains.byName(domain);
    if (!d) throw new ProvisioningError(`the domain ${domain} is not managed here: add it first (pec domain add ${domain})`);
    const hash = input.password === undefined ? null : await this.checkedHash('titolare', input.password);
    return this.store.transaction(() => {
      const m = this.store.mailboxes.create(
        {
          localPart,
          domainId: d.id,
          type: input.type ?? 'A',
          communicationEmail: input.communicationEmail ?? null,
          conservazione: input.conservazione ?? false,
          quotaBytes: input.quotaBytes,
        },
        this.now(),
      );
      if (hash) this.store.principals.setHolderPassword(m.id, hash, this.now(), input.mustChangePassword ?? false);
      return m;
    });
  }

  async setMailboxPassword(address: string, password: string, mustChange = false): Promise<void> {
    const m = this.store.mailboxes.byAddress(address.trim().toLowerCase());
    if (!m || m.state === 'cancellata') throw new ProvisioningError(`no mailbox ${address}`);
    const hash = await this.checkedHash('titolare', password);
    this.store.principals.setHolderPassword(m.id, hash, this.now(), mustChange);
  }

  async addAdmin(username: string, password: string, domains: readonly string[], superAdmin = false): Promise<Admin> {
    const ids = domains.map((name) => {
      const d = this.store.domains.byName(name.toLowerCase());
      if (!d) throw new ProvisioningError(`the domain ${name} is not managed here`);
      return d.id;
    });
    const hash = await this.checkedHash('titolare', password);
    return this.store.transaction(() => {
      const a = this.store.principals.createAdmin({ username, passwordHash: hash, super: superAdmin }, this.now());
      for (const id of ids) this.store.principals.grantDomain(a.id, id);
      return a;
    });
  }

  async setAdminPassword(username: string, password: string): Promise<void> {
    const a = this.store.principals.adminByUsername(username.toLowerCase());
    if (!a) throw new ProvisioningError(`no administrator ${username}`);
    this.store.principals.setAdminPassword(a.id, await this.checkedHash('titolare', password), this.now());
  }

  private async checkedHash(kind: 'titolare' | 'collaboratore', password: string): Promise<string> {
    const violations = checkNewPassword({ kind, password });
    if (violations.length) {
      throw new ProvisioningError(`password refused: ${violations.map((v) => v.en).join('; ')}`, violations);
    }
    return hashPassword(password);
  }
}
