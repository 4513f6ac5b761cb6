// `npx pec …`: the provider's command line. Works on the data folder of PEC_DATA_DIR (default ./data), whether or
// not the provider is running (SQLite WAL allows both).
import { ProvisioningError } from '../auth/provisioning.ts';
import { loadConfig } from '../config/config.ts';
import { openStore, StoreError } from '../store/index.ts';
import { IndexImportError } from '../signing/index-files.ts';
import { runAccounts } from './accounts.ts';
import { dataDirIndex, runIndex } from './index-cmd.ts';
import { inspectFile, inspectionJson, inspectionText } from './inspect.ts';
import { option, parseArgs, UsageError, type ParsedArgs } from './args.ts';

export const HELP = `pec — command line of the PEC provider (data folder: PEC_DATA_DIR or --data, default ./data)

  pec domain add DOMAIN                     add a PEC domain
  pec domain list
  pec mailbox add ADDRESS [--type A|B|C] [--comm EMAIL] [--quota-mb N] [--conservazione] [--password P | --ask-password]
  pec mailbox list [DOMAIN]
  pec password set ADDRESS [--password P] [--must-change]
  pec password set USERNAME --admin [--password P]
  pec admin add USERNAME --domain DOMAIN [--domain …] [--super] [--password P]
  pec inspect FILE.eml [--json]             kind, certification data, references and signature of a message
  pec index import FILE.ldif [--ca CA.pem]  trust another provider (its IGPEC record and CA)
  pec index export                          our own record, in the same LDIF shape
  pec index list

Passwords come from --password, else PEC_PASSWORD, else one line of standard input.`;

const BOOLEAN_FLAGS = ['super', 'admin', 'must-change', 'conservazione', 'ask-password', 'json', 'help'];

async function readPassword(args: ParsedArgs): Promise<string> {
  const given = option(args, 'password') ?? process.env.PEC_PASSWORD;
  if (given !== undefined) return given;
  for await (const line of console) return line.trim();
  throw new UsageError('no password given (--password, PEC_PASSWORD or standard input)');
}

export async function runCli(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, BOOLEAN_FLAGS);
  const group = args.positionals.shift();
  if (!group || group === 'help' || args.flags.has('help')) {
    out(HELP);
    return 0;
  }
  const dataDir = option(args, 'data') ?? loadConfig().dataDir;
  const store = openStore(dataDir);
  try {
    switch (group) {
      case 'domain':
      case 'mailbox':
      case 'admin':
      case 'password':
        await runAccounts(group, args, store, { out, password: readPassword, now: () => Date.now() });
        return 0;
      case 'index':
        runIndex(args, dataDir, store, out);
        return 0;
      case 'inspect': {
        const file = args.positionals[0];
        if (!file) throw new UsageError('missing FILE.eml');
        const m = await inspectFile(file, dataDirIndex(dataDir, store), new Date());
        if (args.flags.has('json')) out(inspectionJson(m));
        else for (const l of inspectionText(m, file)) out(l);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${group} (pec help)`);
    }
  } finally {
    store.close();
  }
}

if (import.meta.main) {
  try {
    process.exitCode = await runCli(process.argv.slice(2), (l) => process.stdout.write(l + '\n'));
  } catch (e) {
    const known = e instanceof UsageError || e instanceof ProvisioningError || e instanceof StoreError || e instanceof IndexImportError;
    process.stderr.write(`pec: ${known ? (e as Error).message : String((e as Error).stack ?? e)}\n`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  }
}
