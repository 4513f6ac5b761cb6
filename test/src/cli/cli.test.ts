import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main.ts';
import { loadConfig } from '../../../src/config/config.ts';
import { startProvider } from '../../../src/provider.ts';
import { UsageError } from '../../../src/cli/args.ts';
import { ProvisioningError } from '../../../src/auth/provisioning.ts';

const SAMPLES = join(import.meta.dir, '../../../../shared/pec/samples/real');
let root: string;
let a: string;
let b: string;

async function cli(dataDir: string, ...argv: string[]): Promise<string[]> {
  const out: string[] = [];
  await runCli([...argv, '--data', dataDir], (l) => out.push(...l.split('\n')));
  return out;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pec-cli-'));
  a = join(root, 'a');
  b = join(root, 'b');
  // Two providers' data folders (keys and primary domain are made at first start).
  for (const [dir, domain] of [[a, 'pec.alfa.test'], [b, 'pec.beta.test']] as const) {
    const p = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_DOMAIN: domain, PEC_DEMO: '0', PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1 });
    await p.stop();
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pec CLI', () => {
  it('adds a domain, a mailbox with a password, an administrator, and lists them', async () => {
    expect(await cli(a, 'domain', 'add', 'pec.comune.test')).toEqual(['domain pec.comune.test ready']);
    const made = await cli(a, 'mailbox', 'add', 'protocollo@pec.comune.test', '--type', 'B', '--comm', 'uff@example.com', '--password', 'Prima-Pass1!');
    expect(made[0]).toBe('mailbox protocollo@pec.comune.test created (type B, quota 5120 MB)');
    expect(await cli(a, 'mailbox', 'list', 'pec.comune.test')).toEqual(['protocollo@pec.comune.test\tattiva\tB']);
    await cli(a, 'password', 'set', 'protocollo@pec.comune.test', '--password', 'Nuova-Pass2#');
    expect((await cli(a, 'admin', 'add', 'gestione', '--domain', 'pec.comune.test', '--password', 'Admin-Pass3!'))[0]).toContain('administrator gestione created');
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    await expect(cli(a, 'mailbox', 'add', 'x@pec.ignoto.test')).rejects.toThrow('not managed here');
    await expect(cli(a, 'mailbox', 'add', 'no-at-sign')).rejects.toBeInstanceOf(ProvisioningError);
    await expect(cli(a, 'mailbox', 'add', 'y@pec.comune.test', '--type', 'Z')).rejects.toBeInstanceOf(UsageError);
    await expect(cli(a, 'password', 'set', 'protocollo@pec.comune.test', '--password', 'short')).rejects.toThrow('at least 8 characters');
    await expect(cli(a, 'admin', 'add', 'nessuno', '--password', 'Admin-Pass3!')).rejects.toThrow('--domain');
    await expect(cli(a, 'bogus')).rejects.toBeInstanceOf(UsageError);
    expect(await cli(a, 'mailbox', 'list', 'pec.comune.test')).toEqual(['protocollo@pec.comune.test\tattiva\tB']);
  });

  it('exports our index record and imports it, with its CA, on the other provider', async () => {
    const ldif = (await cli(a, 'index', 'export')).join('\n');
    expect(ldif).toContain('managedDomains: pec.alfa.test');
    expect(ldif).toContain('mailReceipt: posta-certificata@pec.alfa.test');
    const file = join(root, 'alfa.ldif');
    writeFileSync(file, ldif + '\n');
    const imported = await cli(b, 'index', 'import', file, '--ca', join(a, 'pki', 'ca.pem'));
    expect(imported[0]).toStartWith('imported Gestore PEC Demo: pec.alfa.test');
    const list = await cli(b, 'index', 'list');
    expect(list.some((l) => l.includes('pec.alfa.test'))).toBe(true);
    expect(list.some((l) => l.includes('pec.beta.test'))).toBe(true);
    await expect(cli(b, 'index', 'import', join(root, 'missing.ldif'))).rejects.toThrow();
    const junk = join(root, 'junk.ldif');
    writeFileSync(junk, 'dn: cn=x\nobjectclass: person\n');
    await expect(cli(b, 'index', 'import', junk)).rejects.toThrow('no valid provider record');
  });

  it('inspects a real Aruba receipt: kind, signature and certification data, as text and JSON', async () => {
    const file = join(SAMPLES, 'accettazione__aruba-2014-real__oca-l10n-italy.eml');
    const text = await cli(a, 'inspect', file);
    expect(text).toContain('kind        accettazione');
    const json = JSON.parse((await cli(a, 'inspect', file, '--json')).join('\n'));
    expect(json.kind).toBe('accettazione');
    expect(json.signature).toEqual({ status: 'valid', trusted: false, signer: 'posta-certificata@pec.aruba.it', digest: 'sha1' });
    expect(json.daticert.identificativo).toBe('opec275.20141114182632.23219.07.1.48@pec.aruba.it');
  });

  it('runs as `npx pec` through the package bin', async () => {
    const child = Bun.spawn(['npx', '--no-install', 'pec', 'domain', 'list', '--data', a], { cwd: join(import.meta.dir, '../../..'), stdout: 'pipe', stderr: 'pipe' });
    expect(await child.exited).toBe(0);
    expect(await new Response(child.stdout).text()).toContain('pec.alfa.test');
  });
});
