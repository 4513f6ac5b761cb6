import { describe, expect, it } from 'bun:test';
import { LoginRefusedError } from '../../../../src/auth/login-refusal.ts';
import { encodeSaslPlain } from '../../../../src/auth/sasl-plain.ts';
import { MaildropLocks } from '../../../../actors/protocol/pop3/maildrop-locks.ts';
import { FakeBackend, openSession } from './fakes.ts';

const MSG1 = 'From: a@pec.test\r\nSubject: uno\r\n\r\nPrima riga.\r\n.Riga con punto.\r\n.\r\nUltima.\r\n';
const MSG2 = 'From: b@pec.test\r\nSubject: due\r\n\r\nciao\r\n';

function backendWithTwo(): FakeBackend {
  const b = new FakeBackend();
  b.add(MSG1);
  b.add(MSG2);
  return b;
}

describe('POP3 session: authorization', () => {
  it('greets with +OK and the host name', async () => {
    const { greeting } = await openSession(new FakeBackend());
    expect(greeting).toBe('+OK pop.pec.test POP3 server ready\r\n');
  });

  it('logs in with USER/PASS and reports the maildrop size', async () => {
    const { login } = await openSession(backendWithTwo());
    expect(await login()).toBe(`+OK send PASS\r\n+OK maildrop has 2 messages (${MSG1.length + MSG2.length} octets)\r\n`);
  });

  it('refuses a wrong password with -ERR [AUTH] and stays in AUTHORIZATION', async () => {
    const b = backendWithTwo();
    const { send } = await openSession(b);
    expect(await send('USER mario@pec.test\r\nPASS sbagliata\r\n')).toBe('+OK send PASS\r\n-ERR [AUTH] Authentication failed\r\n');
    expect(await send('STAT\r\n')).toStartWith('-ERR STAT is not allowed in the AUTHORIZATION state');
    expect(await send('PASS segreta\r\n')).toBe('-ERR USER first\r\n');
    expect(b.events.at(-1)).toMatchObject({ type: 'auth.login-refused', reason: 'wrong-credentials', channel: 'pop3' });
  });

  it('answers a throttled login with [LOGIN-DELAY] (RFC 2449 §8.1.1)', async () => {
    const b = backendWithTwo();
    b.refuse = new LoginRefusedError('throttled', 60_000);
    const { send } = await openSession(b);
    expect(await send('USER mario@pec.test\r\nPASS segreta\r\n')).toEndWith('-ERR [LOGIN-DELAY] Too many failed logins, try again later\r\n');
  });

  it('answers a store fault during login with [SYS/TEMP]', async () => {
    const b = backendWithTwo();
    b.failMaildrop = true;
    const { login, send } = await openSession(b);
    expect(await login()).toEndWith('-ERR [SYS/TEMP] Temporary authentication failure\r\n');
    b.failMaildrop = false;
    expect(await send('USER mario@pec.test\r\nPASS segreta\r\n')).toEndWith('+OK maildrop has 2 messages (112 octets)\r\n'.replace('112', String(MSG1.length + MSG2.length)));
  });

  it('forgets the USER name when another command comes before PASS', async () => {
    const { send } = await openSession(backendWithTwo());
    expect(await send('USER mario@pec.test\r\nCAPA\r\nPASS segreta\r\n')).toEndWith('-ERR USER first\r\n');
  });

  it('logs in with AUTH PLAIN and an initial response (RFC 5034)', async () => {
    const { send } = await openSession(backendWithTwo());
    expect(await send(`AUTH PLAIN ${encodeSaslPlain('mario@pec.test', 'segreta')}\r\n`)).toStartWith('+OK maildrop has 2 messages');
  });

  it('logs in with AUTH PLAIN in two steps and accepts a cancel with *', async () => {
    const { send } = await openSession(backendWithTwo());
    expect(await send('AUTH PLAIN\r\n')).toBe('+ \r\n');
    expect(await send('*\r\n')).toBe('-ERR Authentication cancelled\r\n');
    expect(await send('AUTH PLAIN\r\n')).toBe('+ \r\n');
    expect(await send(`${encodeSaslPlain('mario@pec.test', 'segreta')}\r\n`)).toStartWith('+OK maildrop has 2 messages');
  });

  it.each([
    ['AUTH\r\n', '+OK Supported mechanisms follow\r\nPLAIN\r\n.\r\n'],
    ['AUTH CRAM-MD5\r\n', '-ERR Unsupported SASL mechanism, use PLAIN\r\n'],
    ['AUTH PLAIN =\r\n', '-ERR [AUTH] Invalid PLAIN response (malformed)\r\n'],
    [`AUTH PLAIN ${encodeSaslPlain('mario@pec.test', 'segreta', 'altro@pec.test')}\r\n`, '-ERR [AUTH] Invalid PLAIN response (authzid-mismatch)\r\n'],
    ['APOP mario@pec.test c4c9334bac560ecc979e58001b3e22fb\r\n', '-ERR APOP not supported, use USER/PASS or AUTH PLAIN over TLS\r\n'],
  ])('answers %j with %j', async (input, expected) => {
    const { send } = await openSession(backendWithTwo());
    expect(await send(input)).toBe(expected);
  });

  it('refuses a second session on the same maildrop with [IN-USE] until the first ends (RFC 1939 §8)', async () => {
    const locks = new MaildropLocks();
    const b = backendWithTwo();
    const first = await openSession(b, { locks, id: 'a' });
    const second = await openSession(b, { locks, id: 'b' });
    expect(await first.login()).toContain('+OK maildrop has 2 messages');
    expect(await second.login()).toEndWith('-ERR [IN-USE] Mailbox in use by another session\r\n');
    await first.session.receive({ type: 'closed', reason: 'peer' });
    expect(await second.login()).toContain('+OK maildrop has 2 messages');
  });
});

describe('POP3 session: TLS before credentials', () => {
  it('refuses USER, PASS and AUTH in clear with the tls-required reply', async () => {
    const { send } = await openSession(backendWithTwo(), { secure: false });
    const tlsRequired = '-ERR TLS required: use STARTTLS/STLS or the TLS port first\r\n';
    expect(await send('USER mario@pec.test\r\n')).toBe(tlsRequired);
    expect(await send('PASS segreta\r\n')).toBe(tlsRequired);
    expect(await send(`AUTH PLAIN ${encodeSaslPlain('mario@pec.test', 'segreta')}\r\n`)).toBe(tlsRequired);
  });

  it('offers STLS and no login method before TLS, and the reverse after it', async () => {
    const { send, conn } = await openSession(backendWithTwo(), { secure: false });
    const before = await send('CAPA\r\n');
    expect(before).toContain('\r\nSTLS\r\n');
    expect(before).not.toContain('USER');
    expect(before).not.toContain('SASL');
    expect(await send('STLS\r\n')).toBe('+OK Begin TLS negotiation\r\n');
    expect(conn.upgrades).toBe(1);
    const after = await send('CAPA\r\n');
    expect(after).toBe(
      '+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL PLAIN\r\nRESP-CODES\r\nAUTH-RESP-CODE\r\nPIPELINING\r\nUIDL\r\nIMPLEMENTATION Test POP3\r\n.\r\n',
    );
    expect(await send('STLS\r\n')).toBe('-ERR Already using TLS\r\n');
  });

  it('drops plaintext pipelined after STLS, in the same chunk and in later queued chunks (RFC 2595 §4)', async () => {
    const { send } = await openSession(backendWithTwo(), { secure: false });
    expect(await send('STLS\r\nUSER mario@pec.test\r\n')).toBe('+OK Begin TLS negotiation\r\n');
    expect(await send('PASS segreta\r\n', false)).toBe(''); // queued before the handshake: arrived in clear
    expect(await send('PASS segreta\r\n')).toBe('-ERR USER first\r\n');
  });
});

describe('POP3 session: transaction', () => {
  it('answers STAT, LIST and UIDL for the snapshot', async () => {
    const { login, send } = await openSession(backendWithTwo());
    await login();
    const total = MSG1.length + MSG2.length;
    expect(await send('STAT\r\n')).toBe(`+OK 2 ${total}\r\n`);
    expect(await send('LIST\r\n')).toBe(`+OK 2 messages (${total} octets)\r\n1 ${MSG1.length}\r\n2 ${MSG2.length}\r\n.\r\n`);
    expect(await send('LIST 2\r\n')).toBe(`+OK 2 ${MSG2.length}\r\n`);
    expect(await send('UIDL\r\n')).toBe('+OK Unique-ID listing follows\r\n1 1700000000.1\r\n2 1700000000.2\r\n.\r\n');
    expect(await send('UIDL 1\r\n')).toBe('+OK 1 1700000000.1\r\n');
    expect(await send('LIST 3\r\n')).toBe('-ERR No such message\r\n');
  });

  it('sends RETR byte-exact with dot-stuffing and TOP with n body lines', async () => {
    const { login, send } = await openSession(backendWithTwo());
    await login();
    const stuffed = MSG1.replace(/\r\n\./g, '\r\n..');
    expect(await send('RETR 1\r\n')).toBe(`+OK ${MSG1.length} octets\r\n${stuffed}.\r\n`);
    expect(await send('TOP 1 2\r\n')).toBe('+OK Top of message follows\r\nFrom: a@pec.test\r\nSubject: uno\r\n\r\nPrima riga.\r\n..Riga con punto.\r\n.\r\n');
    expect(await send('TOP 2 0\r\n')).toBe('+OK Top of message follows\r\nFrom: b@pec.test\r\nSubject: due\r\n\r\n.\r\n');
  });

  it('answers a message removed by another channel with [SYS/PERM]', async () => {
    const b = backendWithTwo();
    const { login, send } = await openSession(b);
    await login();
    b.gone.add(b.messages[0]!.id);
    expect(await send('RETR 1\r\n')).toBe('-ERR [SYS/PERM] Message 1 was removed from the mailbox by another session\r\n');
  });

  it('DELE marks, hides and refuses the message; QUIT removes it through the backend (RFC 1939 §6)', async () => {
    const b = backendWithTwo();
    const { login, send, conn } = await openSession(b);
    await login();
    expect(await send('DELE 1\r\n')).toBe('+OK message 1 deleted\r\n');
    expect(await send('DELE 1\r\n')).toBe('-ERR Message 1 already deleted\r\n');
    expect(await send('RETR 1\r\n')).toBe('-ERR Message 1 already deleted\r\n');
    expect(await send('STAT\r\n')).toBe(`+OK 1 ${MSG2.length}\r\n`);
    expect(await send('LIST\r\n')).toBe(`+OK 1 messages (${MSG2.length} octets)\r\n2 ${MSG2.length}\r\n.\r\n`);
    await send('RETR 2\r\n');
    expect(await send('QUIT\r\n')).toBe('+OK bye (1 messages deleted)\r\n');
    expect(b.expunged).toEqual([[b.messages[0]!.id]]);
    expect(b.seen).toEqual([[b.messages[1]!.id]]);
    expect(conn.closed).toBe(true);
  });

  it('RSET unmarks, so QUIT deletes nothing', async () => {
    const b = backendWithTwo();
    const { login, send } = await openSession(b);
    await login();
    await send('DELE 1\r\nDELE 2\r\n');
    expect(await send('RSET\r\n')).toBe(`+OK maildrop has 2 messages (${MSG1.length + MSG2.length} octets)\r\n`);
    expect(await send('QUIT\r\n')).toBe('+OK bye\r\n');
    expect(b.expunged).toEqual([]);
  });

  it('deletes nothing when the connection ends without QUIT', async () => {
    const b = backendWithTwo();
    const { login, send, session } = await openSession(b);
    await login();
    await send('DELE 1\r\n');
    await session.receive({ type: 'closed', reason: 'peer' });
    expect(b.expunged).toEqual([]);
  });

  it('answers a failed UPDATE with -ERR [SYS/TEMP]', async () => {
    const b = backendWithTwo();
    b.failExpunge = true;
    const { login, send, conn } = await openSession(b);
    await login();
    await send('DELE 2\r\n');
    expect(await send('QUIT\r\n')).toBe('-ERR [SYS/TEMP] Some deleted messages not removed\r\n');
    expect(conn.closed).toBe(true);
  });

  it('refuses DELE to a solo-consultazione collaborator but lets it RETR (seed 000 §2.7.8)', async () => {
    const b = backendWithTwo();
    const { login, send } = await openSession(b);
    expect(await login('lettore/mario@pec.test')).toContain('+OK maildrop has 2 messages');
    expect(await send('RETR 2\r\n')).toStartWith(`+OK ${MSG2.length} octets`);
    expect(await send('DELE 2\r\n')).toBe('-ERR Your collaboration profile does not allow deleting messages\r\n');
    expect(await send('QUIT\r\n')).toBe('+OK bye\r\n');
    expect(b.expunged).toEqual([]);
  });

  it('answers pipelined commands in order (RFC 2449 §6.6)', async () => {
    const { send } = await openSession(backendWithTwo());
    const out = await send('USER mario@pec.test\r\nPASS segreta\r\nSTAT\r\nNOOP\r\nUIDL 2\r\n');
    expect(out.split('\r\n').slice(2, 5)).toEqual([`+OK 2 ${MSG1.length + MSG2.length}`, '+OK', '+OK 2 1700000000.2']);
  });

  it('ignores input after QUIT', async () => {
    const { login, send } = await openSession(backendWithTwo());
    await login();
    expect(await send('QUIT\r\nSTAT\r\n')).toBe('+OK bye\r\n');
    expect(await send('STAT\r\n')).toBe('');
  });
});
