// The MX (punto di ricezione) over the wire: STARTTLS offered, no AUTH, no open relay, bytes handed over unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { ANNA, python, pyResult, rawClient, startWire, type Wire } from './wire.ts';

let w: Wire;
beforeAll(async () => {
  w = await startWire();
});
afterAll(async () => {
  await w.stop();
});

describe('SMTP MX over the wire', () => {
  it('offers STARTTLS and never AUTH, before or after TLS (python smtplib)', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['smtpMx'])
s.ehlo(); before = sorted(s.esmtp_features)
s.starttls(context=ctx); s.ehlo(); after = sorted(s.esmtp_features)
auth = reply(s.docmd('AUTH PLAIN', 'AGEAYg=='))
out(before=before, after=after, auth=auth, size=s.esmtp_features['size'])
s.quit()
`));
    expect(r.before).toEqual(['8bitmime', 'enhancedstatuscodes', 'pipelining', 'size', 'starttls']);
    expect(r.after).toEqual(['8bitmime', 'enhancedstatuscodes', 'pipelining', 'size']);
    expect(String(r.auth)).toMatch(/^5\d\d /);
  });

  it('refuses to relay to any domain that is not ours with 550 5.1.1', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['smtpMx'])
s.ehlo(); s.mail('spammer@example.org')
codes = [reply(s.rcpt(a)) for a in ['victim@example.com', 'x@pec.demo.test.example.com', 'postmaster@localhost']]
s.rset()
try:
    s.sendmail('spammer@example.org', ['victim@example.com'], b'Subject: spam\\r\\n\\r\\nx\\r\\n'); sent = True
except smtplib.SMTPRecipientsRefused:
    sent = False
out(codes=codes, sent=sent)
`));
    expect(r.codes).toEqual(Array(3).fill('550 5.1.1 Recipient is not in a PEC domain of this provider: relaying denied'));
    expect(r.sent).toBe(false);
    expect(w.received).toHaveLength(0);
  });

  it('accepts our domains over STARTTLS and hands the bytes to the punto di ricezione unchanged', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['smtpMx'])
s.starttls(context=ctx)
raw = b'From: posta-certificata@pec.altro.test\\r\\nX-Trasporto: posta-certificata\\r\\nSubject: caff\\xe8\\r\\n\\r\\n.riga che inizia col punto\\r\\n8-bit \\xff\\xfe\\r\\n\\r\\n'
s.sendmail('posta-certificata@pec.altro.test', [ANNA, 'sconosciuto@pec.esempio.test'], raw)
out(raw=base64.b64encode(raw).decode())
s.quit()
`));
    const got = w.received.at(-1)!;
    expect(Buffer.from(got.raw).toString('base64')).toBe(String(r.raw));
    expect(got).toMatchObject({ mailFrom: 'posta-certificata@pec.altro.test', rcptTo: [ANNA, 'sconosciuto@pec.esempio.test'], tls: true });
  });

  it('accepts plain SMTP too (Internet mail, SPEC §5.3) and reports tls: false', async () => {
    const c = await rawClient(w.smtp.ports.smtpMx);
    expect(await c.reply()).toMatch(/^220 /);
    c.write(`EHLO peer.example\r\nMAIL FROM:<>\r\nRCPT TO:<${ANNA}>\r\nDATA\r\n`);
    expect(await c.reply()).toMatch(/^250-/);
    expect(await c.reply()).toBe('250 2.1.0 Accepted');
    expect(await c.reply()).toBe('250 2.1.5 Accepted');
    expect(await c.reply()).toMatch(/^354 /);
    c.write('Subject: bounce\r\n\r\nbody\r\n.\r\nQUIT\r\n');
    expect(await c.reply()).toBe('250 2.0.0 Ok: message taken in charge');
    await c.closed;
    expect(w.received.at(-1)).toMatchObject({ mailFrom: '', tls: false });
  });

  it('answers a refusal of the punto di ricezione with its SMTP line', async () => {
    w.receive = () => ({ status: 'refused', smtp: '550 5.7.1 Posta ordinaria non accettata da questa casella' });
    try {
      const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['smtpMx'])
try:
    s.sendmail('someone@example.org', [ANNA], b'Subject: ordinaria\\r\\n\\r\\nx\\r\\n'); out(result='sent')
except smtplib.SMTPDataError as e:
    out(result=f"{e.smtp_code} {e.smtp_error.decode()}")
`));
      expect(r.result).toBe('550 5.7.1 Posta ordinaria non accettata da questa casella');
    } finally {
      w.receive = () => ({ status: 'accepted' });
    }
  });
});
