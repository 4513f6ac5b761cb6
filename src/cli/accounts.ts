// `pec domain|mailbox|admin|password …`: provisioning from the command line, on the data folder of PEC_DATA_DIR.
import { Provisioning } from '../auth/provisioning.ts';
import { isMailboxTypeCode } from '../config/mailbox-types.ts';
import type { Store } from '../store/index.ts';
import { option, positional, UsageError, type ParsedArgs } from './args.ts';

export interface CliIo {
  out(line: string): void;
  /** The password from --password, PEC_PASSWORD or one line of standard input. */
  password(args: ParsedArgs): Promise<string>;
  now(): number;
}

const MB = 1024 * 1024;

export async function runAccounts(group: string, args: ParsedArgs, store: Store, io: CliIo): Promise<void> {
  const p = new Provisioning(store, io.now);
  const verb = positional(args, 0, `${group} command`);
  switch (`${group} ${verb}`) {
    case 'domain add': {
      const d = p.addDomain(positional(args, 1, 'domain name'));
      io.out(`domain ${d.name} ready`);
      return;
    }
    case 'domain list':
      for (const d of store.domains.list()) io.out(d.name);
      return;
    case 'mailbox add': {
      const address = positional(args, 1, 'mailbox address');
      const type = option(args, 'type') ?? 'A';
      if (!isMailboxTypeCode(type)) throw new UsageError('--type must be A, B or C (seed 001 §1.4)');
      const quotaMb = option(args, 'quota-mb');
      if (quotaMb !== undefined && !/^\d{1,7}$/.test(quotaMb)) throw new UsageError('--quota-mb must be a whole number of MB');
      const wantsPassword = args.options.has('password') || args.flags.has('ask-password');
      const m = await p.addMailbox({
        address,
        type,
        communicationEmail: option(args, 'comm') ?? null,
        conservazione: args.flags.has('conservazione'),
        quotaBytes: quotaMb === undefined ? undefined : Number(quotaMb) * MB,
        password: wantsPassword ? await io.password(args) : undefined,
        mustChangePassword: wantsPassword,
      });
      io.out(`mailbox ${m.address} created (type ${m.type}, quota ${Math.round(m.quotaBytes / MB)} MB)`);
      if (!wantsPassword) io.out(`set its password with: pec password set ${m.address}`);
      return;
    }
    case 'mailbox list': {
      const domain = args.positionals[1];
      const domains = domain ? [store.domains.byName(domain.toLowerCase())].filter((d) => d !== undefined) : store.domains.list();
      if (domain && domains.length === 0) throw new UsageError(`no domain ${domain}`);
      for (const d of domains) {
        for (const m of store.mailboxes.listByDomain(d.id, { limit: 1000 })) io.out(`${m.address}\t${m.state}\t${m.type}`);
      }
      return;
    }
    case 'admin add': {
      const username = positional(args, 1, 'administrator username');
      const domains = args.options.get('domain') ?? [];
      const superAdmin = args.flags.has('super');
      if (domains.length === 0 && !superAdmin) throw new UsageError('give at least one --domain, or --super');
      await p.addAdmin(username, await io.password(args), domains, superAdmin);
      io.out(`administrator ${username} created${superAdmin ? ' (super-administrator)' : ''} for ${domains.join(', ') || 'every domain'}`);
      return;
    }
    case 'password set': {
      const login = positional(args, 1, 'mailbox address or administrator');
      if (args.flags.has('admin')) await p.setAdminPassword(login, await io.password(args));
      else await p.setMailboxPassword(login, await io.password(args), args.flags.has('must-change'));
      io.out(`password set for ${login}`);
      return;
    }
    default:
      throw new UsageError(`unknown command: ${group} ${verb}`);
  }
}
