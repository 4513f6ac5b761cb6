// SMTP submission against the provider's own punto di accesso (no fake port): what a mail client sees end to end.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../../../src/config/config.ts';
import { startSmtpListeners, type SmtpListeners } from '../../../actors/protocol/smtp/listeners.ts';
import { type Provider, startProvider } from '../../../src/provider.ts';
import { ANNA, MARIO, PASSWORD } from './wire.ts';

let dir: string;
let provider: Provider;
let smtp: SmtpListeners;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pec-smtp-real-'));
  const ports = ['PEC_SMTP_PORT', 'PEC_SUBMISSION_TLS_PORT', 'PEC_SUBMISSION_PORT', 'PEC_IMAPS_PORT', 'PEC_IMAP_PORT', 'PEC_POP3S_PORT', 'PEC_POP3_PORT'];
  const env = { PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0', ...Object.fromEntries(ports.map((p) => [p, '0'])) };
  provider = await startProvider(loadConfig(env), { signerThreads: 1 });
  smtp = await startSmtpListeners(provider);
});
afterAll(async () => {
  await smtp.close();
  await provider.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('SMTP submission with the real punto di accesso', () => {
  const transport = () =>
    nodemailer.createTransport({
      host: '127.0.0.1', port: smtp.ports.submissionTls, secure: true,
      auth: { user: MARIO, pass: PASSWORD }, tls: { ca: readFileSync(join(dir, 'pki', 'ca.pem'), 'utf8'), servername: 'localhost' },
    });

  it('answers 250 with the identificativo the punto di accesso allocated', async () => {
    const t = transport();
    const info = await t.sendMail({ from: MARIO, to: ANNA, subject: 'Verbale è pronto', text: 'Città di Potenza', headers: { 'X-TipoRicevuta': 'breve' } });
    t.close();
    expect(info.response).toMatch(/^250 2\.0\.0 Ok: messaggio accettato, identificativo \S+@pec\.demo\.test$/);
  });

  it('answers a non accettazione (a Bcc recipient, SPEC §5.1) with 554 5.6.0 and its reason, never 250', async () => {
    const t = transport();
    const err = await t.sendMail({ from: MARIO, to: ANNA, bcc: 'protocollo@pec.esempio.test', subject: 'Con Bcc', text: 'x' }).then(
      () => null,
      (e: { responseCode?: number; response?: string }) => e,
    );
    t.close();
    expect(err?.responseCode).toBe(554);
    expect(err?.response).toMatch(/^554 5\.6\.0 Messaggio non accettato \(identificativo \S+\): \S/);
  });
});
