// Benchmark: SMTP submissions per second over implicit TLS (AUTH once per connection, then MAIL/RCPT/DATA per
// message) through the listener and the session actors, with a fake punto di accesso that accepts at once, so the
// figure is the SMTP edge alone (TLS, smtp-server, actor asks, 7-bit check), not signing or the store.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../src/config/config.ts';
import { startSmtpListeners } from '../actors/protocol/smtp/listeners.ts';
import { startProvider } from '../src/provider.ts';

const MESSAGES = 2_000;
const CONNECTIONS = [1, 4];
const FROM = 'mario.rossi@pec.demo.test';
const TO = 'anna.bianchi@pec.demo.test';
const BODY = 'Gentile destinatario,\r\nsi trasmette in allegato la documentazione richiesta.\r\n'.repeat(40); // ~3.6 KB

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-smtp-'));
  const env = { PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0', PEC_SMTP_PORT: '0', PEC_SUBMISSION_TLS_PORT: '0', PEC_SUBMISSION_PORT: '0', PEC_IMAPS_PORT: '0', PEC_IMAP_PORT: '0', PEC_POP3S_PORT: '0', PEC_POP3_PORT: '0' };
  const provider = await startProvider(loadConfig(env), { signerThreads: 1, listen: false });
  let accepted = 0;
  const smtp = await startSmtpListeners({
    ...provider,
    submission: { submit: async () => ({ status: 'accepted', identificativo: `opec${++accepted}@pec.demo.test`, messageId: '<b@pec.demo.test>' }) },
    incoming: { acceptsRecipient: () => true, receive: async () => ({ status: 'accepted' }) },
  });
  try {
    for (const connections of CONNECTIONS) {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1', port: smtp.ports.submissionTls, secure: true, pool: true, maxConnections: connections, maxMessages: Infinity,
        auth: { user: FROM, pass: provider.config.demoPassword }, tls: { ca: readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8'), servername: 'localhost' },
      });
      // Warm-up: open and authenticate every pooled connection (argon2id ~0.2 s each) outside the timing.
      await Promise.all(Array.from({ length: connections }, () => transport.sendMail({ from: FROM, to: TO, subject: 'warm-up', text: 'x' })));
      const before = accepted;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: MESSAGES }, (_, i) => transport.sendMail({ from: FROM, to: TO, subject: `Pratica n. ${i}`, text: BODY, headers: { 'X-TipoRicevuta': 'breve' } })),
      );
      const seconds = (performance.now() - t0) / 1000;
      transport.close();
      console.log(`submission over TLS, ${connections} connection(s): ${Math.round((accepted - before) / seconds)} messages/s (${MESSAGES} messages of ~${Math.round(BODY.length / 1024)} KB)`);
    }
  } finally {
    await smtp.close();
    await provider.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
