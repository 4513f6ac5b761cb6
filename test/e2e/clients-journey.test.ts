// Issue 4 journey with real clients on the real listeners: a certified message sent with Python's smtplib over
// implicit TLS, its ricevuta di accettazione and avvenuta consegna seen arriving by imapflow in IDLE, and the
// envelope read by the recipient with Python's poplib.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { ImapFlow } from 'imapflow';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from '../../src/config/config.ts';
import { startProvider, type Provider } from '../../src/provider.ts';
import { testConfig } from '../fixtures/config.ts';

const MARIO = 'mario.rossi@pec.demo.test';
const ANNA = 'anna.bianchi@pec.demo.test';
const SUBJECT = 'Convocazione conferenza dei servizi';
let dir: string;
let p: Provider;
let ca: string;

const portOf = (name: string) => Number(/:(\d+)/.exec(p.listeners[name]!.replace(/^[a-z+]+:\/\//, ''))![1]);

async function python(script: string): Promise<string> {
  const child = Bun.spawn(['python3', '-c', script], { stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (code !== 0) throw new Error(`python failed (${code}): ${err}`);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pec-journey-'));
  p = await startProvider(testConfig(dir), { signerThreads: 1 });
  ca = join(dir, 'pki', 'ca.pem');
}, 30_000);
afterAll(async () => {
  await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('mail clients journey', () => {
  it('sends over SMTP, sees the receipts arrive over IMAP IDLE, and the recipient reads the envelope over POP3', async () => {
    const imap = new ImapFlow({
      host: '127.0.0.1', port: portOf('imaps'), secure: true, logger: false,
      tls: { ca: readFileSync(ca), servername: 'localhost' },
      auth: { user: MARIO, pass: DEFAULT_DEMO_PASSWORD },
    });
    await imap.connect();
    const lock = await imap.getMailboxLock('INBOX');
    const seen: number[] = [];
    imap.on('exists', (e: { count: number }) => seen.push(e.count));
    void imap.idle();
    await Bun.sleep(50);

    const sent = await python(`
import smtplib, ssl
from email.message import EmailMessage
ctx = ssl.create_default_context(cafile=${JSON.stringify(ca)})
m = EmailMessage()
m['From'] = ${JSON.stringify(MARIO)}; m['To'] = ${JSON.stringify(ANNA)}; m['Subject'] = ${JSON.stringify(SUBJECT)}
m['X-TipoRicevuta'] = 'completa'
m.set_content('Si convoca la conferenza dei servizi per il giorno 3 dicembre.')
with smtplib.SMTP_SSL('127.0.0.1', ${portOf('smtp submission (TLS)')}, context=ctx) as s:
    s.login(${JSON.stringify(MARIO)}, ${JSON.stringify(DEFAULT_DEMO_PASSWORD)})
    print(s.send_message(m))
`);
    expect(sent.trim()).toBe('{}'); // no recipient refused

    for (let i = 0; i < 200 && (seen.at(-1) ?? 0) < 2; i++) await Bun.sleep(25);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(2); // IDLE announced both receipts
    const subjects: string[] = [];
    for await (const msg of imap.fetch('1:*', { envelope: true })) subjects.push(msg.envelope?.subject ?? '');
    expect(subjects).toContain(`ACCETTAZIONE: ${SUBJECT}`);
    expect(subjects).toContain(`CONSEGNA: ${SUBJECT}`);
    lock.release();
    await imap.logout();

    const pop = await python(`
import poplib, ssl
ctx = ssl.create_default_context(cafile=${JSON.stringify(ca)})
c = poplib.POP3_SSL('127.0.0.1', ${portOf('pop3s')}, context=ctx)
c.user(${JSON.stringify(ANNA)}); c.pass_(${JSON.stringify(DEFAULT_DEMO_PASSWORD)})
count, _ = c.stat()
resp, lines, _ = c.retr(count)
print(b'\\n'.join(lines).decode('utf-8', 'replace'))
c.quit()
`);
    expect(pop).toContain(`Subject: POSTA CERTIFICATA: ${SUBJECT}`);
    expect(pop).toContain('X-Trasporto: posta-certificata');
    expect(pop).toContain('postacert.eml');
    expect(pop).toContain('daticert.xml');
  }, 30_000);
});
