// Browser journey through the admin console in headless Chromium (playwright-core, Debian /usr/bin/chromium) against
// a real provider on port 0: create a mailbox, open the link from the outbox, set the password, log in, disable,
// enable, delete, and find the name locked. Screenshots of the main pages go to test-artifacts/admin/.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { LoginRefusedError } from '../../src/auth/login-refusal.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startProvider, type Provider } from '../../src/provider.ts';

const SHOTS = join(import.meta.dir, '..', '..', 'test-artifacts', 'admin');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PASSWORD = 'E2e-Casella1!';

let provider: Provider;
let browser: Browser;
let page: Page;
let base: string;
const dirs: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'pec-e2e-admin-'));
  dirs.push(dataDir);
  provider = await startProvider(loadConfig({ PEC_DATA_DIR: dataDir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0' }), { signerThreads: 1, log: null });
  base = `http://127.0.0.1:${provider.http!.port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }); // playwright gives it a fresh profile
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const imapLogin = (password: string) =>
  provider.auth.loginMailbox({ login: 'e2e.casella@pec.demo.test', password, channel: 'imap', remote: '127.0.0.77', secure: true });

async function openMailbox(): Promise<void> {
  await page.goto(`${base}/admin/mailboxes?q=e2e`);
  await page.getByRole('link', { name: 'e2e.casella', exact: true }).click();
  await page.waitForURL(/\/admin\/mailboxes\/\d+$/);
}

async function setState(state: 'attiva' | 'disabilitata'): Promise<void> {
  await openMailbox();
  await page.getByRole('link', { name: 'Modifica la casella e2e.casella@pec.demo.test' }).click();
  await page.getByLabel('CAMBIA STATO').selectOption(state);
  await page.getByRole('button', { name: 'MODIFICA', exact: true }).click();
  await page.waitForURL(/\/admin\/mailboxes\/\d+$/);
}

describe('admin console in a browser', () => {
  it('signs in, chooses the domain and lists its mailboxes', async () => {
    await page.goto(`${base}/admin`);
    await page.getByLabel('USERNAME').fill('admin');
    await page.getByLabel('PASSWORD').fill('DemoPec-2026!');
    await shot('01-login');
    await page.getByRole('button', { name: 'ACCEDI' }).click();
    await page.waitForURL(/\/admin\/domain$/);
    await page.getByLabel('pec.demo.test').check();
    await shot('02-domain');
    await page.getByRole('button', { name: 'PROSEGUI' }).click();
    await page.waitForURL(/\/admin\/mailboxes$/);
    expect(await page.getByRole('link', { name: 'mario.rossi' }).count()).toBe(1);
    await shot('03-list');
  });

  it('creates a mailbox; the link from the outbox sets the password; the holder logs in', async () => {
    await page.getByRole('link', { name: 'AGGIUNGI CASELLA' }).first().click();
    await page.getByLabel('CASELLA PEC').fill('e2e.casella');
    await page.getByLabel('E-MAIL COMUNICAZIONE').fill('titolare.e2e@example.com');
    await page.getByLabel('Sì').check();
    await shot('04-create');
    await page.getByRole('button', { name: 'CREA CASELLA' }).click();
    await page.waitForURL(/\/admin\/mailboxes$/);
    expect(await page.getByText('La casella e2e.casella@pec.demo.test è stata creata con successo').count()).toBe(1);
    await shot('05-created');

    await page.getByRole('link', { name: 'Posta in uscita' }).click();
    await shot('06-outbox');
    await page.getByRole('link', { name: 'Attivazione della tua casella PEC' }).click();
    await shot('07-notice');
    const href = await page.locator('a.mono').first().getAttribute('href');
    expect(href).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
    // The link carries config.publicUrl (port 0 in this test): open its path on the real port.
    const user = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await user.goto(`${base}${new URL(href!).pathname}`);
    await user.getByLabel('Inserisci la nuova Password').fill(PASSWORD);
    await user.getByLabel('Ripeti la nuova Password').fill(PASSWORD);
    await user.screenshot({ path: join(SHOTS, '08-reset-form.png'), fullPage: true });
    await user.getByRole('button', { name: 'Salva' }).click();
    await user.getByText('La password è stata impostata.').waitFor();
    await user.screenshot({ path: join(SHOTS, '09-reset-done.png'), fullPage: true });

    expect((await imapLogin(PASSWORD)).principal.address).toBe('e2e.casella@pec.demo.test');
    // The webmail form accepts the new password too.
    await user.goto(`${base}/login`);
    await user.locator('input[name="username"]').fill('e2e.casella@pec.demo.test');
    await user.locator('input[name="password"]').fill(PASSWORD);
    await user.locator('form button[type="submit"]').first().click();
    await user.waitForLoadState('load');
    expect(new URL(user.url()).pathname).not.toBe('/login');
    await user.close();
  });

  it('shows the detail and the edit page; disabling refuses the login, enabling restores it', async () => {
    await openMailbox();
    expect(await page.getByText('valida (scade il').count()).toBe(1);
    await shot('10-detail');
    await page.getByRole('link', { name: 'Modifica la casella e2e.casella@pec.demo.test' }).click();
    await shot('11-edit');
    await setState('disabilitata');
    expect(await page.locator('dd strong', { hasText: 'DISABILITATA' }).count()).toBe(1);
    const refused = await imapLogin(PASSWORD).catch((e) => e);
    expect(refused).toBeInstanceOf(LoginRefusedError);
    expect((refused as LoginRefusedError).reason).toBe('mailbox-disabled');
    await setState('attiva');
    expect((await imapLogin(PASSWORD)).principal.address).toBe('e2e.casella@pec.demo.test');
  });

  it('deletes the mailbox after confirmation; the name cannot be used again', async () => {
    await openMailbox();
    await page.getByRole('link', { name: 'CANCELLA CASELLA' }).click();
    await page.getByLabel(/Per confermare scrivi il nome della casella/).fill('e2e.casella');
    await shot('12-delete-confirm');
    await page.getByRole('button', { name: 'CANCELLA CASELLA' }).click();
    await page.waitForURL(/\/admin\/mailboxes\/\d+$/);
    expect(await page.locator('dd strong', { hasText: 'CANCELLATA' }).count()).toBe(1);
    await shot('13-deleted');
    const gone = await imapLogin(PASSWORD).catch((e) => e);
    expect(gone).toBeInstanceOf(LoginRefusedError);

    await page.goto(`${base}/admin/mailboxes/new`);
    await page.getByLabel('CASELLA PEC').fill('e2e.casella');
    await page.getByLabel('E-MAIL COMUNICAZIONE').fill('titolare.e2e@example.com');
    await page.getByRole('button', { name: 'CREA CASELLA' }).click();
    expect(await page.getByText('La casella e2e.casella@pec.demo.test è stata cancellata: il nome non può essere riutilizzato').count()).toBeGreaterThan(0);
    await shot('14-name-locked');
    await page.getByRole('link', { name: 'Registro attività' }).click();
    expect(await page.getByText('Cancellazione casella').count()).toBe(1);
    await shot('15-audit');
  });
});
