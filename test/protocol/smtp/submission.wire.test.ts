// Submission over the wire with real clients: Python smtplib (SMTP_SSL and STARTTLS), curl and nodemailer.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { isSevenBitClean } from '../../../src/mime/transfer-encoding.ts';
import { ANNA, MARIO, PASSWORD, python, pyResult, run, startWire, type Wire } from './wire.ts';

/** A small hard cap so that "oversize" costs 300 KB, not 50 MB; the mailbox type (50 MB) is above it. */
const CAP = 256 * 1024;
let w: Wire;
beforeAll(async () => {
  w = await startWire({ maxMessageBytes: CAP });
});
afterAll(async () => {
  await w.stop();
});

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('SMTP submission over the wire', () => {
  it('does not advertise AUTH before STARTTLS, refuses it and MAIL there, offers it after (python smtplib)', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['submissionStarttls'])
code, ehlo = s.ehlo()
before = s.has_extn('auth')
auth = reply(s.docmd('AUTH PLAIN', base64.b64encode(f"\\0{MARIO}\\0{PASSWORD}".encode()).decode()))
mail = reply(s.docmd('MAIL FROM:<' + MARIO + '>'))
s.starttls(context=ctx)
s.ehlo()
out(before=before, auth=auth, mail=mail, ehlo=ehlo, after=s.esmtp_features.get('auth'), features=sorted(s.esmtp_features))
s.quit()
`));
    expect(r.before).toBe(false);
    expect(String(r.auth)).toMatch(/^5\d\d /);
    expect(r.mail).toBe('530 5.7.0 Must issue a STARTTLS command first');
    expect(r.after).toBe(' PLAIN LOGIN');
    expect(r.features).toEqual(['8bitmime', 'auth', 'enhancedstatuscodes', 'ehlo', 'pipelining', 'size'].filter((f) => f !== 'ehlo').sort());
    expect(String(r.ehlo)).toContain(`SIZE ${CAP}`);
    expect(String(r.ehlo)).not.toContain('SMTPUTF8');
  });

  it('sends over implicit TLS with AUTH LOGIN and answers 250 with the identificativo; X-TipoRicevuta is picked up', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.ehlo()
s.login(MARIO, PASSWORD, initial_response_ok=False)
s.mail(MARIO); s.rcpt(ANNA)
res = s.data(b'From: ' + MARIO.encode() + b'\\r\\nTo: ' + ANNA.encode() + b'\\r\\nx-tiporicevuta: BREVE\\r\\nSubject: prova\\r\\n\\r\\nciao\\r\\n')
out(data=reply(res), auth=s.does_esmtp and s.esmtp_features.get('auth'))
s.quit()
`));
    expect(String(r.data)).toMatch(/^250 2\.0\.0 Ok: messaggio accettato, identificativo opec\d+\.20260115@pec\.demo\.test$/);
    const req = w.submitted.at(-1)!;
    expect(req).toMatchObject({ envelopeFrom: MARIO, recipients: [ANNA], tipoRicevuta: 'breve', channel: 'smtp', principal: { kind: 'titolare', address: MARIO } });
  });

  it('refuses a wrong password with 535 5.7.8', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.ehlo()
try:
    s.login(MARIO, 'sbagliata')
    out(result='logged in')
except smtplib.SMTPAuthenticationError as e:
    out(result=f"{e.smtp_code} {e.smtp_error.decode()}")
`));
    expect(r.result).toBe('535 5.7.8 Authentication credentials invalid');
  });

  it('refuses a MAIL FROM of another address with 553 5.7.1 (STARTTLS port)', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP('127.0.0.1', PORTS['submissionStarttls'])
s.starttls(context=ctx); s.login(MARIO, PASSWORD)
out(mail=reply(s.mail(ANNA)))
`));
    expect(r.mail).toBe('553 5.7.1 Sender address must be the authenticated PEC mailbox');
  });

  it('converts an 8-bit body to 7-bit before the punto di accesso sees it (8BITMIME client)', async () => {
    const before = w.submitted.length;
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.login(MARIO, PASSWORD)
msg = ('From: ' + MARIO + '\\r\\nTo: ' + ANNA + '\\r\\nSubject: perché\\r\\nContent-Type: text/plain; charset=utf-8\\r\\nContent-Transfer-Encoding: 8bit\\r\\n\\r\\nÈ già così\\r\\n').encode('utf-8')
s.sendmail(MARIO, [ANNA], msg, mail_options=['BODY=8BITMIME'])
out(ok=True)
`));
    expect(r.ok).toBe(true);
    const raw = w.submitted[before]!.raw;
    expect(isSevenBitClean(raw)).toBe(true);
    expect(text(raw)).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(text(raw)).toContain('=C3=88 gi=C3=A0 cos=C3=AC');
    expect(text(raw)).toContain('Subject: =?utf-8?B?');
  });

  it('refuses a message above the cap with 552 5.3.4, both by SIZE= and after DATA', async () => {
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.login(MARIO, PASSWORD)
declared = reply(s.docmd('MAIL FROM:<' + MARIO + '> SIZE=${CAP + 1}'))
s.rset(); s.mail(MARIO); s.rcpt(ANNA)
big = b'Subject: big\\r\\n\\r\\n' + (b'x' * 998 + b'\\r\\n') * ${Math.ceil(CAP / 1000) + 10}
data = reply(s.data(big))
out(declared=declared, data=data)
`));
    expect(String(r.declared)).toStartWith('552 5.3.4 '); // RFC 1870 §6.1, answered by smtp-server against SIZE
    expect(r.data).toBe('552 5.3.4 Message size exceeds the maximum allowed for this mailbox');
  });

  it('accepts the mailbox type\'s 500 recipients and answers the 501st with 452 4.5.3', async () => {
    const before = w.submitted.length;
    const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.login(MARIO, PASSWORD)
rcpts = [f"d{i}@pec.demo.test" for i in range(501)]
refused = s.sendmail(MARIO, rcpts, b'Subject: tanti\\r\\n\\r\\nx\\r\\n')
out(refused={k: f"{v[0]} {v[1].decode()}" for k, v in refused.items()})
`));
    expect(r.refused).toEqual({ 'd500@pec.demo.test': '452 4.5.3 Too many recipients for this mailbox type' });
    expect(w.submitted[before]!.recipients).toHaveLength(500);
  });

  it('answers a non accettazione with 554 5.6.0 and the reasons (python sees a data error)', async () => {
    w.submit = () => ({ status: 'not-accepted', identificativo: 'opec-na@pec.demo.test', reasons: [{ code: 'bcc', text: 'Destinatari in Bcc non ammessi' }] });
    try {
      const r = pyResult(await python(w, `
s = smtplib.SMTP_SSL('127.0.0.1', PORTS['submissionTls'], context=ctx)
s.login(MARIO, PASSWORD)
try:
    s.sendmail(MARIO, [ANNA], b'Subject: x\\r\\n\\r\\ny\\r\\n'); out(result='sent')
except smtplib.SMTPDataError as e:
    out(result=f"{e.smtp_code} {e.smtp_error.decode()}")
`));
      expect(r.result).toBe('554 5.6.0 Messaggio non accettato (identificativo opec-na@pec.demo.test): Destinatari in Bcc non ammessi');
    } finally {
      w.submit = () => ({ status: 'accepted', identificativo: 'opec-after@pec.demo.test', messageId: '<m@pec.demo.test>' });
    }
  });

  it('sends with curl over smtps, trusting the provider CA', async () => {
    const file = join(w.dir, 'curl.eml');
    writeFileSync(file, `From: ${MARIO}\r\nTo: ${ANNA}\r\nX-TipoRicevuta: sintetica\r\nSubject: da curl\r\n\r\ncorpo\r\n`);
    const before = w.submitted.length;
    const r = await run(['curl', '-sS', '--ssl-reqd', '--cacert', w.ca, `smtps://127.0.0.1:${w.smtp.ports.submissionTls}`,
      '--mail-from', MARIO, '--mail-rcpt', ANNA, '-u', `${MARIO}:${PASSWORD}`, '-T', file]);
    expect(r.code).toBe(0);
    expect(w.submitted[before]).toMatchObject({ recipients: [ANNA], tipoRicevuta: 'sintetica' });
    expect(text(w.submitted[before]!.raw)).toContain('Subject: da curl');
  });

  it('sends with nodemailer over STARTTLS (requireTLS) and gets the identificativo back', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1', port: w.smtp.ports.submissionStarttls, secure: false, requireTLS: true,
      auth: { user: MARIO, pass: PASSWORD }, tls: { ca: readFileSync(w.ca, 'utf8'), servername: 'localhost' },
    });
    const info = await transport.sendMail({ from: MARIO, to: [ANNA], subject: 'Verbale è pronto', text: 'Città: Potenza', headers: { 'X-TipoRicevuta': 'breve' } });
    transport.close();
    expect(info.response).toMatch(/^250 2\.0\.0 Ok: messaggio accettato, identificativo /);
    const req = w.submitted.at(-1)!;
    expect(req.tipoRicevuta).toBe('breve');
    expect(isSevenBitClean(req.raw)).toBe(true);
  });
});
