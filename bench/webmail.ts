// Benchmark: the webmail with 100,000 messages in one Posta in arrivo (inserted directly through the store's
// repositories in one transaction): server time of the inbox page and fragments (p50/p95, target p95 < 50 ms) and
// of a search (target < 100 ms). In-process requests (app.request): the figures are server time. Prints, never asserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_PASSWORD, loadConfig } from '../src/config/config.ts';
import { startProvider, type Provider } from '../src/provider.ts';

const MESSAGES = 100_000;
const SAMPLES = 200;
const ADDRESS = 'mario.rossi@pec.demo.test';
const WORDS = ['fattura', 'determina', 'convocazione', 'avviso', 'sollecito', 'verbale', 'istanza', 'delibera'];

function fill(p: Provider): number {
  const mailbox = p.store.mailboxes.byAddress(ADDRESS)!;
  p.store.mailboxes.setQuota(mailbox.id, 1024 ** 4);
  const inbox = p.store.folders.bySpecialUse(mailbox.id, '\\Inbox')!.id;
  const t0 = performance.now();
  p.store.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      const w = WORDS[i % WORDS.length]!;
      p.store.messages.insertMessage(inbox, {
        internalDate: Date.UTC(2025, 0, 1) + i * 60_000,
        size: 2_000 + (i % 5_000),
        blobHash: (i % 16).toString(16).repeat(64),
        subject: `${w.toUpperCase()}: pratica n. ${i}`,
        fromAddr: `ufficio${i % 300}@pec.ente${i % 40}.it`,
        toAddrs: [ADDRESS],
        flags: i % 3 === 0 ? [] : ['\\Seen'],
        pecKind: i % 4 === 0 ? 'accettazione' : null,
        hasAttachments: i % 2 === 0,
        bodyText: `Gentile utente, si trasmette ${w} relativa alla pratica ${i}. Cordiali saluti.`,
      });
    }
  });
  console.log(`inserted ${MESSAGES.toLocaleString('en')} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return inbox;
}

async function signIn(p: Provider): Promise<Record<string, string>> {
  const res = await p.web.request('http://localhost/login', { method: 'POST', body: new URLSearchParams({ username: ADDRESS, password: DEFAULT_DEMO_PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => /^pec_session=.+/.test(c)).at(-1)!;
  return { Cookie: cookie };
}

async function measure(p: Provider, label: string, headers: Record<string, string>, urls: (i: number) => string, target: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    const res = await p.web.request(`http://localhost${urls(i)}`, { headers });
    await res.arrayBuffer();
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const q = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(42)} p50 ${q(0.5).padStart(6)} ms   p95 ${q(0.95).padStart(6)} ms   (target p95 < ${target} ms)`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-webmail-'));
  const p = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_LOG_EVENTS: '0' }), { listen: false, signerThreads: 1, log: null });
  try {
    const inbox = fill(p);
    const auth = await signIn(p);
    const hx = { ...auth, 'HX-Request': 'true' };
    const sorts = ['date&dir=desc', 'date&dir=asc', 'subject&dir=asc', 'from&dir=desc', 'size&dir=asc'];
    await measure(p, 'inbox full page (/mail)', auth, () => '/mail', 50);
    await measure(p, 'list fragment, page 1..40, 5 sorts', hx, (i) => `/mail/folders/${inbox}?page=${(i % 40) + 1}&sort=${sorts[i % sorts.length]}`, 50);
    await measure(p, 'list fragment, deep page 1,900', hx, () => `/mail/folders/${inbox}?page=1900`, 50);
    await measure(p, 'folder tree fragment (unread counts)', hx, () => '/mail/folders', 50);
    await measure(p, 'search "convocazione", everywhere', hx, () => `/mail/search?q=convocazione&field=all&scope=all&folder=${inbox}`, 100);
    await measure(p, 'search subject "pratica n. 4242"', hx, () => `/mail/search?q=${encodeURIComponent('pratica n. 4242')}&field=subject&scope=current&folder=${inbox}`, 100);
    await measure(p, 'search sender + date range', hx, () => `/mail/search?q=ente7.it&field=from&scope=all&folder=${inbox}&date=between&from=2025-01-10&to=2025-02-10`, 100);
  } finally {
    await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
