import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { buildNoticeMessage } from '../../../src/notices/message.ts';
import { Notifier, type NoticeTransport } from '../../../src/notices/notifier.ts';
import { smarthostTransport } from '../../../src/notices/smarthost.ts';
import { maskAddress, passwordExpiryText, quotaText, resetLinkText } from '../../../src/notices/texts.ts';
import { reposOf, testProvider, type TestProvider } from '../web/admin/helpers.ts';

describe('notice texts', () => {
  it.each([
    ['nome_casella_test@dominiotest.postecert.it', 'nom*****@dominiotest.postecert.it'],
    ['ab@x.it', 'a*****@x.it'],
    ['a@x.it', 'a*****@x.it'],
    ['mario.rossi@pec.demo.test', 'mar*****@pec.demo.test'],
  ])('masks %p as %p (seed 003 fig. 15)', (address, masked) => expect(maskAddress(address)).toBe(masked));

  it('says the reset link is one-time and valid 24 hours, with the link itself', () => {
    const t = resetLinkText({ address: 'mario.rossi@pec.demo.test', url: 'http://localhost/reset/T', expiresAt: Date.UTC(2026, 0, 2, 9), created: false });
    expect(t.body).toContain('Gentile Cliente');
    expect(t.body).toContain('http://localhost/reset/T');
    expect(t.body).toContain('monouso');
    expect(t.body).toContain('02/01/2026');
    expect(t.body).not.toContain('mario.rossi@');
  });

  it('names the soft limit and the fixed thresholds differently', () => {
    expect(quotaText({ address: 'a@b.it', percent: 90, soft: false, usedBytes: 9 << 20, quotaBytes: 10 << 20 }).subject).toBe('Casella PEC occupata al 90%');
    expect(quotaText({ address: 'a@b.it', percent: 80, soft: true, usedBytes: 8 << 20, quotaBytes: 10 << 20 }).subject).toContain('soft limit');
    expect(passwordExpiryText({ address: 'a@b.it', notice: { kind: 'scaduta' }, expiresAt: 0 }).subject).toBe('Password scaduta');
  });
});

describe('notice message', () => {
  it('builds a single text/plain message that parses back with its headers and accents', async () => {
    const raw = buildNoticeMessage({ fromName: 'Gestore PEC Demo', from: 'posta-certificata@pec.demo.test', to: 'x@example.com', subject: 'Modifica dell\'indirizzo è fatta', body: 'Città\nriga due', date: Date.UTC(2026, 0, 15, 9), messageId: 'n.1@pec.demo.test' });
    const text = new TextDecoder().decode(raw);
    expect(text).toContain('Auto-Submitted: auto-generated\r\n');
    expect(text.split('\r\n\r\n')[0]).not.toContain('\n\n');
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe('Modifica dell\'indirizzo è fatta');
    expect(parsed.from?.address).toBe('posta-certificata@pec.demo.test');
    expect(parsed.messageId).toBe('<n.1@pec.demo.test>');
    expect(parsed.text?.replace(/\r\n/g, '\n').trim()).toBe('Città\nriga due');
  });

  it('cannot be given an extra header through the subject', () => {
    const raw = buildNoticeMessage({ fromName: 'G', from: 's@pec.demo.test', to: 'x@example.com', subject: 'a\r\nBcc: victim@example.com', body: 'b', date: 0, messageId: 'i@x' });
    expect(new TextDecoder().decode(raw)).not.toMatch(/^Bcc:/m);
  });
});

describe('notifier and quota notices', () => {
  let tp: TestProvider;
  beforeAll(async () => (tp = await testProvider()));
  afterAll(() => tp.stop());

  const notifier = (transport: NoticeTransport | null) => {
    const p = tp.p;
    return new Notifier({ store: p.store, notices: reposOf(p).notices, clock: p.clock, system: p.system, serviceAddress: p.serviceAddress, providerName: 'Gestore', transport });
  };
  const target = { kind: 'reset-link' as const, mailboxId: null, domainId: 1 };

  it('keeps the notice in the local outbox when there is no smarthost', async () => {
    const n = await notifier(null).email('a@example.com', { subject: 's', body: 'b' }, target);
    expect(n.status).toBe('outbox');
  });

  it('marks the notice sent or failed according to the smarthost', async () => {
    const sent: string[] = [];
    const ok = await notifier({ async send(e) { sent.push(e.to); } }).email('b@example.com', { subject: 's', body: 'b' }, target);
    expect(ok.status).toBe('sent');
    expect(sent).toEqual(['b@example.com']);
    const failing = await notifier({ send: () => Promise.reject(new Error('421 try later')) }).email('c@example.com', { subject: 's', body: 'b' }, target);
    expect(failing).toMatchObject({ status: 'failed', error: '421 try later' });
  });

  it('delivers through a real SMTP smarthost (nodemailer client, smtp-server)', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, cb) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => { received.push(`${session.envelope.rcptTo.map((r) => r.address).join(',')}|${data}`); cb(); });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.server.address() as { port: number }).port;
    try {
      const n = await notifier(smarthostTransport(`127.0.0.1:${port}`)).email('d@example.com', { subject: 'Via smarthost', body: 'ciao' }, target);
      expect(n.status).toBe('sent');
      expect(received[0]).toStartWith('d@example.com|');
      expect(received[0]).toContain('Subject: Via smarthost');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('tells the holder when the mailbox crosses 90 % (PEC INBOX and communication e-mail)', async () => {
    const m = tp.p.store.mailboxes.byAddress('anna.bianchi@pec.demo.test')!;
    tp.p.bus.emit({ type: 'mailbox.quota-threshold', address: m.address, percent: 90, usedBytes: 9, quotaBytes: 10 });
    await Bun.sleep(30);
    const mails = reposOf(tp.p).notices.list(m.domainId).rows.filter((n) => n.kind === 'quota' && n.to === 'anna.bianchi@example.com');
    expect(mails.map((n) => n.subject)).toEqual(['Casella PEC occupata al 90%']);
    const inbox = tp.p.store.messages.listFolder(tp.p.store.folders.bySpecialUse(m.id, '\\Inbox')!.id);
    expect(inbox.map((x) => x.subject)).toContain('Casella PEC occupata al 90%');
  });
});
