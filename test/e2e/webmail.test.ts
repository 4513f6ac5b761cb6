// Browser journey through the webmail in headless Chromium (playwright-core, Debian /usr/bin/chromium) against a
// real provider on port 0: first access with the forced password change, rubrica group, sending to the group with
// an attachment while a second window sees the receipts arrive live, reading the envelope at the recipient,
// search and maildir ZIP download, notification and forwarding rules, and the reset by link.
// Screenshots of the main screens go to test-artifacts/webmail/.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { type Browser, chromium, type Page } from 'playwright-core';
import { hashPassword } from '../../src/auth/hash.ts';
import { DEFAULT_DEMO_PASSWORD, loadConfig, PORT_VARIABLES } from '../../src/config/config.ts';
import { startProvider, type Provider } from '../../src/provider.ts';
import { consoleRepos } from '../../src/store/admin-repo.ts';

const SHOTS = join(import.meta.dir, '..', '..', 'test-artifacts', 'webmail');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MARIO = 'mario.rossi@pec.demo.test';
const ANNA = 'anna.bianchi@pec.demo.test';
const PROTOCOLLO = 'protocollo@pec.esempio.test';
const NEW_PASSWORD = 'Primo-Accesso1!';
const SUBJECT = 'Determina dirigenziale n. 118';

let provider: Provider;
let browser: Browser;
let page: Page;
let base: string;
let dataDir: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'pec-e2e-webmail-'));
  // Every listener on port 0: other suites may hold the default mail ports at the same time.
  const ports = Object.fromEntries(Object.values(PORT_VARIABLES).map((v) => [v, '0']));
  provider = await startProvider(loadConfig({ ...ports, PEC_DATA_DIR: dataDir, PEC_LOG_EVENTS: '0' }), { signerThreads: 1, log: null });
  base = `http://127.0.0.1:${provider.http!.port}`;
  const mario = provider.store.mailboxes.byAddress(MARIO)!;
  provider.store.principals.setHolderPassword(mario.id, await hashPassword(DEFAULT_DEMO_PASSWORD), provider.clock.now(), true);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

async function login(p: Page, username: string, password: string): Promise<void> {
  await p.goto(`${base}/login`);
  await p.getByLabel('Nome utente').fill(username);
  await p.getByLabel('Password', { exact: true }).fill(password);
  await p.getByRole('button', { name: 'Accedi' }).click();
}

async function newContact(first: string, last: string, email: string): Promise<void> {
  await page.goto(`${base}/mail/rubrica/contacts/new`);
  await page.getByLabel('Nome', { exact: true }).fill(first);
  await page.getByLabel('Cognome').fill(last);
  await page.getByLabel('Indirizzo email').fill(email);
  await page.getByRole('button', { name: 'Salva' }).click();
  await page.waitForURL(/\/mail\/rubrica\/contacts\/\d+$/);
}

describe('webmail in a browser', () => {
  it('forces the password change at first access, with the policy legend', async () => {
    await login(page, MARIO, DEFAULT_DEMO_PASSWORD);
    await page.waitForURL(`${base}/password/change`);
    expect(await page.textContent('body')).toContain('@?#+-:~_!');
    await shot(page, '01-password-change');
    await page.getByLabel('Password attuale').fill(DEFAULT_DEMO_PASSWORD);
    await page.getByLabel('Inserisci la nuova Password').fill(NEW_PASSWORD);
    await page.getByLabel('Ripeti la nuova Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL(`${base}/mail`);
    await shot(page, '02-inbox-empty');
  });

  it('builds a rubrica group of two contacts (seed 000 §2.6.1)', async () => {
    await newContact('Anna', 'Bianchi', ANNA);
    await newContact('Ufficio', 'Protocollo <Comune>', PROTOCOLLO);
    await page.goto(`${base}/mail/rubrica/groups/new`);
    await page.getByLabel('Nome della lista (o gruppo)').fill('Enti');
    await page.getByLabel(/Anna Bianchi/).check();
    await page.getByLabel(/Ufficio Protocollo/).check();
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL(/\/mail\/rubrica\?group=\d+/);
    expect(await page.textContent('#contact-list')).toContain('Ufficio Protocollo <Comune>');
    await shot(page, '03-rubrica');
  });

  it('sends to the group with an attachment; a second window sees accettazione and consegne arrive live', async () => {
    const watcher = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await watcher.context().addCookies(await page.context().cookies());
    await watcher.goto(`${base}/mail`);
    await page.goto(`${base}/mail`);
    await page.getByRole('link', { name: 'Nuova mail' }).click();
    await page.waitForURL(`${base}/mail/compose`);
    await page.getByLabel('A', { exact: true }).fill('Enti');
    await page.getByLabel('Oggetto').fill(SUBJECT);
    await page.getByLabel('Testo del messaggio').fill('Si trasmette in allegato la determina.');
    await page.setInputFiles('#compose-files', { name: 'determina-118.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% determina\n') });
    await shot(page, '04-compose');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.waitForURL(`${base}/mail`);
    // No reload of the watcher: the SSE stream makes the list refresh itself.
    await watcher.getByText(`ACCETTAZIONE: ${SUBJECT}`).waitFor({ timeout: 10_000 });
    await watcher.getByText(`CONSEGNA: ${SUBJECT}`).first().waitFor({ timeout: 10_000 });
    expect(await watcher.locator('#message-grid tbody tr').count()).toBeGreaterThanOrEqual(3);
    await shot(watcher, '05-inbox-receipts');
    await watcher.close();
  });

  it('shows the receipts timeline of the sent message per recipient', async () => {
    await page.goto(`${base}/mail`);
    await page.locator('.folder-tree a', { hasText: 'Posta inviata' }).click();
    // The folder's list is swapped in by htmx: wait until the inbox's receipts have left the grid.
    await page.waitForFunction(() => ![...document.querySelectorAll('#message-grid tbody tr')].some((r) => r.textContent?.includes('ACCETTAZIONE')));
    await page.locator('#message-grid tbody tr', { hasText: SUBJECT }).click();
    await page.locator('#preview .receipts').waitFor();
    const text = await page.textContent('#preview .receipts');
    expect(text).toContain(ANNA);
    expect(text).toContain(PROTOCOLLO);
    await shot(page, '06-sent-receipts');
  });

  it('lets the recipient open the envelope: original, attachments, certification data, signature badge', async () => {
    const anna = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login(anna, ANNA, DEFAULT_DEMO_PASSWORD);
    await anna.waitForURL(`${base}/mail`);
    const row = anna.locator('#message-grid tbody tr', { hasText: `POSTA CERTIFICATA: ${SUBJECT}` });
    expect(await row.textContent()).toContain(`Per conto di: ${MARIO}`);
    await row.click();
    await anna.locator('#preview .cert-box').waitFor();
    expect(await anna.textContent('#preview')).toContain('determina-118.pdf');
    expect(await anna.locator('#preview .sig-valida').count()).toBe(1);
    // Opening it read it: the unread mark and the folder count go at once (out-of-band tree).
    expect(await anna.locator('#message-grid tbody tr .mark-unread').count()).toBe(0);
    expect(await anna.locator('.folder-tree .unread-count').count()).toBe(0);
    await shot(anna, '07-envelope');
    await anna.setViewportSize({ width: 390, height: 844 });
    await shot(anna, '08-phone');
    await anna.close();
  });

  it('works from the keyboard: j loads the first row\'s preview, r opens the reply', async () => {
    await page.goto(`${base}/mail`);
    await page.locator('body').press('j');
    await page.locator('#preview article').waitFor();
    await page.locator('body').press('r');
    await page.waitForURL(/\/mail\/compose\?reply=\d+/);
    expect(await page.getByLabel('Oggetto').inputValue()).toStartWith('Re: ');
  });

  it('shows HTML mail with its own CSS in the sandboxed frame, scripts and remote images inert', async () => {
    const raw = new TextEncoder().encode(
      `From: Newsletter <news@example.com>\r\nTo: ${MARIO}\r\nSubject: Notiziario HTML\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n` +
        '<style>.t{color:rgb(200, 0, 0)}</style><p class="t">Testo rosso</p><script>parent.document.title="pwned"</script><img src="https://tracker.example/p.gif">\r\n',
    );
    const blobHash = await provider.store.blobs.put(raw);
    await provider.system.ask(`mailbox:${MARIO}`, { type: 'deliver', reason: 'append', message: { internalDate: provider.clock.now(), size: raw.byteLength, blobHash, subject: 'Notiziario HTML', fromAddr: 'news@example.com' } }, 5000);
    await page.goto(`${base}/mail`);
    await page.locator('#message-grid tbody tr', { hasText: 'Notiziario HTML' }).click();
    const frame = page.frameLocator('#preview iframe.body-frame');
    await frame.locator('p.t').waitFor();
    expect(await frame.locator('p.t').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(200, 0, 0)');
    expect(await frame.locator('script').count()).toBe(0);
    expect(await page.title()).not.toContain('pwned');
    await shot(page, '11-html-mail');
  });

  it('moves a message by dragging its row onto a folder', async () => {
    await page.goto(`${base}/mail`);
    const row = page.locator('#message-grid tbody tr', { hasText: 'Notiziario HTML' });
    await row.dragTo(page.locator('.folder-tree a', { hasText: 'Cestino' }));
    await row.waitFor({ state: 'detached' });
    const mario = provider.store.mailboxes.byAddress(MARIO)!;
    const trash = provider.store.folders.bySpecialUse(mario.id, '\\Trash')!;
    expect(provider.store.messages.listFolder(trash.id).map((m) => m.subject)).toContain('Notiziario HTML');
  });

  it('searches and downloads every hit as a maildir ZIP', async () => {
    await page.goto(`${base}/mail`);
    await page.getByLabel('Cerca nei messaggi').fill('Determina');
    await page.getByLabel('Cerca nei messaggi').press('Enter');
    await page.waitForURL(/\/mail\/search\?q=Determina/);
    await page.locator('#search-results table').waitFor();
    await shot(page, '09-search');
    await page.getByLabel('Selezione').selectOption('all');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Scarica in formato maildir (.zip)' }).click()]);
    const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const names = Object.keys(files).filter((n) => !n.endsWith('/'));
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names.every((n) => /^Maildir\/(\.[^/]+\/)?(new\/\d+\.M\d+\.pec|cur\/\d+\.M\d+\.pec:2,[A-Z]*)$/.test(n))).toBe(true);
    expect(names.some((n) => n.includes('/cur/'))).toBe(true);
  });

  it('sets the notification and forwarding rules (seed 000 §2.7.4-§2.7.5)', async () => {
    await page.goto(`${base}/settings/notifica`);
    await page.getByLabel('Destinatario').fill('mario.rossi@example.com');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL(`${base}/settings/notifica`);
    expect(await page.textContent('.current-rule')).toContain('mario.rossi@example.com');
    await shot(page, '10-notifica');
    await page.goto(`${base}/settings/inoltro`);
    await page.getByLabel('Destinatario').fill('inoltro@example.com');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL(`${base}/settings/inoltro`);
    expect(await page.textContent('.current-rule')).toContain('inoltro@example.com');
    const mario = provider.store.mailboxes.byAddress(MARIO)!;
    expect(provider.store.pecTransactions.policy(mario.id)).toEqual({ notifyAddress: 'mario.rossi@example.com', ordinary: { mode: 'forward', address: 'inoltro@example.com' } });
  });

  it('resets the password by the one-time link sent to the communication e-mail', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL(`${base}/login`);
    await page.getByRole('link', { name: 'Password dimenticata?' }).click();
    await page.getByLabel('Email Pec').fill(MARIO);
    await page.getByRole('button', { name: 'AVANTI >>' }).click();
    expect(await page.textContent('.masked-address')).toContain('mar*****@example.com');
    await page.getByRole('button', { name: 'Conferma' }).click();
    const mario = provider.store.mailboxes.byAddress(MARIO)!;
    const notice = consoleRepos(provider.store).notices.list(mario.domainId).rows.find((n) => n.to === 'mario.rossi@example.com' && n.kind === 'reset-link')!;
    const link = /https?:\/\/\S+\/reset\/([A-Za-z0-9_-]+)/.exec(notice.body)![1]!;
    await page.goto(`${base}/reset/${link}`);
    await page.getByLabel('Inserisci la nuova Password').fill('Dopo-Reset2!');
    await page.getByLabel('Ripeti la nuova Password').fill('Dopo-Reset2!');
    await page.getByRole('button', { name: 'Salva' }).click();
    await login(page, MARIO, 'Dopo-Reset2!');
    await page.waitForURL(`${base}/mail`);
  });
});
