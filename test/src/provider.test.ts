import { afterEach, describe, expect, it } from 'bun:test';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { DEMO_MAILBOXES } from '../../src/demo.ts';
import { startProvider } from '../../src/provider.ts';
import { testConfig } from '../fixtures/config.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'pec-provider-'));
  dirs.push(d);
  return d;
}
const config = (dataDir: string) => testConfig(dataDir);

describe('provider start', () => {
  it('creates keys, seeds the demo and answers HTTP on first start; a second start keeps everything', async () => {
    const dir = join(tempDir(), 'data'); // created on first start
    const first = await startProvider(config(dir), { signerThreads: 1 });
    expect(first.demoSeeded).toBe(true);
    expect(first.serviceAddress).toBe('posta-certificata@pec.demo.test');
    const res = await fetch(`http://127.0.0.1:${first.http!.port}/login`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Password');
    expect(Object.keys(first.listeners)).toEqual(expect.arrayContaining(['webmail', 'pop3s', 'pop3', 'imaps', 'imap']));
    const login = await first.auth.loginMailbox({ login: DEMO_MAILBOXES[0].address, password: 'DemoPec-2026!', channel: 'imap', remote: '127.0.0.1', secure: true });
    expect(login.principal.address).toBe('mario.rossi@pec.demo.test');
    const ca = readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8');
    const signing = readFileSync(join(dir, 'pki', 'signing.pem'), 'utf8');
    await first.stop();

    const second = await startProvider(config(dir), { signerThreads: 1, listen: false });
    expect(second.demoSeeded).toBe(false);
    expect(second.pki.created).toBe(false);
    expect(readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8')).toBe(ca);
    expect(second.pki.signing.chainPem).toBe(signing);
    expect(second.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')).toBeDefined();
    expect(second.store.domains.list().map((d) => d.name).sort()).toEqual(['pec.demo.test', 'pec.esempio.test']);
    await second.stop();
  });

  it('skips the demo with PEC_DEMO=0', async () => {
    const p = await startProvider(loadConfig({ PEC_DATA_DIR: tempDir(), PEC_DEMO: '0', PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1 });
    expect(p.demoSeeded).toBe(false);
    expect(p.store.mailboxes.byAddress('mario.rossi@pec.demo.test')).toBeUndefined();
    await p.stop();
  });
});

describe('main', () => {
  const main = join(import.meta.dir, '../../src/main.ts');
  async function run(env: Record<string, string>) {
    const child = Bun.spawn([process.execPath, main], { env: { ...process.env, ...env }, stdout: 'pipe', stderr: 'pipe' });
    const code = await child.exited;
    return { code, stderr: await new Response(child.stderr).text() };
  }

  it('ends with one clear line and exit code 2 on a malformed configuration', async () => {
    const r = await run({ PEC_HTTP_PORT: 'eighty', PEC_DATA_DIR: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['pec: configuration error: PEC_HTTP_PORT=eighty is not a port number (0-65535)']);
  });

  it('ends with one clear line and a non-zero exit when the data folder cannot be written', async () => {
    const parent = tempDir();
    const file = join(parent, 'not-a-dir');
    writeFileSync(file, 'x');
    const r = await run({ PEC_DATA_DIR: join(file, 'data'), PEC_HTTP_PORT: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').length).toBe(1);
    expect(r.stderr).toStartWith('pec: cannot start:');
    const ro = join(parent, 'ro');
    rmSync(ro, { force: true, recursive: true });
    require('node:fs').mkdirSync(ro);
    chmodSync(ro, 0o500);
    if (process.getuid?.() !== 0) {
      const r2 = await run({ PEC_DATA_DIR: ro, PEC_HTTP_PORT: '0' });
      expect(r2.code).toBe(1);
    }
  });
});
