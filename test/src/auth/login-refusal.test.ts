import { describe, expect, it } from 'bun:test';
import { LOGIN_REFUSALS, LoginRefusedError, type LoginRefusalReason } from '../../../src/auth/login-refusal.ts';
import { encodeStatus } from '../../../src/protocol/pop3/encoder.ts';

const table: [LoginRefusalReason, string, string, string, number][] = [
  ['wrong-credentials', 'A1 NO [AUTHENTICATIONFAILED] Authentication failed', '-ERR [AUTH] Authentication failed', '535 5.7.8 Authentication credentials invalid', 401],
  ['mailbox-deleted', 'A1 NO [AUTHENTICATIONFAILED] Authentication failed', '-ERR [AUTH] Authentication failed', '535 5.7.8 Authentication credentials invalid', 401],
  ['mailbox-disabled', 'A1 NO [CONTACTADMIN] Mailbox disabled, contact your administrator', '-ERR [AUTH] Mailbox disabled, contact your administrator', '535 5.7.8 Mailbox disabled, contact your administrator', 403],
  ['password-expired', 'A1 NO [EXPIRED] Password expired, change it from the webmail', '-ERR [AUTH] Password expired, change it from the webmail', '535 5.7.8 Password expired, change it from the webmail', 403],
  ['collaboration-expired', 'A1 NO [EXPIRED] Collaboration expired', '-ERR [AUTH] Collaboration expired', '535 5.7.8 Collaboration expired', 403],
  ['channel-not-allowed', 'A1 NO [NOPERM] Access through this service is not allowed for your profile', '-ERR [AUTH] Access through this service is not allowed for your profile', '535 5.7.8 Access through this service is not allowed for your profile', 403],
  ['throttled', 'A1 NO [UNAVAILABLE] Too many failed logins, try again later', '-ERR [LOGIN-DELAY] Too many failed logins, try again later', '454 4.7.0 Too many failed logins, try again later', 429],
  ['tls-required', 'A1 NO [PRIVACYREQUIRED] TLS required: use STARTTLS/STLS or the TLS port first', '-ERR TLS required: use STARTTLS/STLS or the TLS port first', '530 5.7.0 Must issue a STARTTLS command first', 403],
  ['mailbox-in-use', 'A1 NO [INUSE] Mailbox in use by another session', '-ERR [IN-USE] Mailbox in use by another session', '454 4.7.0 Mailbox in use by another session', 409],
  ['temporary-failure', 'A1 NO [UNAVAILABLE] Temporary authentication failure', '-ERR [SYS/TEMP] Temporary authentication failure', '454 4.7.0 Temporary authentication failure', 503],
];

describe('LoginRefusedError wire forms', () => {
  for (const [reason, imap, pop3, smtp, status] of table) {
    it(`answers ${reason} as ${smtp.slice(0, 9)} / ${imap.split(' ')[2]} / HTTP ${status}`, () => {
      const e = new LoginRefusedError(reason);
      expect(e.imapLine('A1')).toBe(imap);
      expect(e.pop3Line()).toBe(pop3);
      expect(e.smtpLine()).toBe(smtp);
      expect(e.wire.http.status).toBe(status);
      expect(e.reason).toBe(reason);
    });
  }

  it('covers every reason in the table', () => {
    expect(Object.keys(LOGIN_REFUSALS).sort()).toEqual(table.map((t) => t[0]).sort());
  });

  it('drops the POP3 code when RESP-CODES is not in effect', () => {
    expect(new LoginRefusedError('wrong-credentials').pop3Line(false)).toBe('-ERR Authentication failed');
  });

  it('agrees with the POP3 encoder', () => {
    for (const reason of Object.keys(LOGIN_REFUSALS) as LoginRefusalReason[]) {
      const e = new LoginRefusedError(reason);
      const { code, text } = e.wire.pop3;
      expect(new TextDecoder().decode(encodeStatus({ ok: false, text, code: code ?? undefined }))).toBe(e.pop3Line() + '\r\n');
    }
  });

  it('gives the same answer for a deleted mailbox as for wrong credentials (no account enumeration)', () => {
    expect(LOGIN_REFUSALS['mailbox-deleted']).toEqual(LOGIN_REFUSALS['wrong-credentials']);
  });

  it('has an i18n key and distinct Italian and English text for each reason', () => {
    for (const w of Object.values(LOGIN_REFUSALS)) {
      expect(w.http.key).toMatch(/^login\.refused\.[a-zA-Z]+$/);
      expect(w.http.it).not.toBe(w.http.en);
      expect(w.smtp.enhanced).toMatch(/^[45]\.7\.[0-9]$/);
      expect(String(w.smtp.code)[0]).toBe(w.smtp.enhanced[0]!);
    }
  });

  it('rounds a throttle delay up to whole seconds for Retry-After', () => {
    expect(new LoginRefusedError('throttled', 1500).retryAfterSeconds()).toBe(2);
    expect(new LoginRefusedError('throttled', 1).retryAfterSeconds()).toBe(1);
    expect(new LoginRefusedError('wrong-credentials').retryAfterSeconds()).toBeNull();
  });
});
