import { describe, expect, it } from 'bun:test';
import { capabilities } from '../../../../actors/protocol/pop3/capabilities.ts';
import { MAX_BAD_COMMANDS, MAX_COMMANDS_PER_CONNECTION, MAX_MAILDROP_MESSAGES } from '../../../../actors/protocol/pop3/limits.ts';
import { POP3_COMMANDS } from '../../../../actors/protocol/pop3/registry.ts';
import { VERB_STATES, type Pop3Verb } from '../../../../src/protocol/pop3/commands.ts';
import { MAX_BUFFERED_BYTES, TOLERATED_LINE_BYTES } from '../../../../src/protocol/pop3/decoder.ts';
import { FakeBackend, openSession } from './fakes.ts';

/** One syntactically valid line per verb. */
const SAMPLE: Record<Pop3Verb, string> = {
  USER: 'USER x@pec.test', PASS: 'PASS x', APOP: 'APOP x c4c9334bac560ecc979e58001b3e22fb', AUTH: 'AUTH PLAIN',
  CAPA: 'CAPA', STLS: 'STLS', STAT: 'STAT', LIST: 'LIST', UIDL: 'UIDL', TOP: 'TOP 1 1', RETR: 'RETR 1',
  DELE: 'DELE 1', RSET: 'RSET', NOOP: 'NOOP', QUIT: 'QUIT',
};

describe('POP3 registry and dispatcher', () => {
  it('has one module per verb, allowed in the states RFC 1939 gives it', () => {
    for (const verb of Object.keys(VERB_STATES) as Pop3Verb[]) {
      expect(POP3_COMMANDS[verb].name).toBe(verb);
      expect([...POP3_COMMANDS[verb].states].sort()).toEqual([...VERB_STATES[verb]].sort());
    }
  });

  it.each((Object.keys(VERB_STATES) as Pop3Verb[]).filter((v) => !VERB_STATES[v].includes('authorization')))(
    'refuses %s in the AUTHORIZATION state',
    async (verb) => {
      const { send } = await openSession(new FakeBackend());
      expect(await send(`${SAMPLE[verb]}\r\n`)).toBe(`-ERR ${verb} is not allowed in the AUTHORIZATION state\r\n`);
    },
  );

  it.each((Object.keys(VERB_STATES) as Pop3Verb[]).filter((v) => !VERB_STATES[v].includes('transaction')))(
    'refuses %s in the TRANSACTION state',
    async (verb) => {
      const { send, login } = await openSession(new FakeBackend());
      await login();
      expect(await send(`${SAMPLE[verb]}\r\n`)).toBe(`-ERR ${verb} is not allowed in the TRANSACTION state\r\n`);
    },
  );

  it(`closes the connection at the ${MAX_BAD_COMMANDS}th bad command`, async () => {
    const { send, conn } = await openSession(new FakeBackend());
    for (let i = 1; i < MAX_BAD_COMMANDS; i++) {
      expect(await send(i % 2 ? 'GET / HTTP/1.1\r\n' : 'STAT\r\n')).toStartWith('-ERR');
      expect(conn.closed).toBe(false);
    }
    expect(await send('XYZZY\r\n')).toBe('-ERR Too many bad commands, closing the connection\r\n');
    expect(conn.closed).toBe(true);
    expect(await send('CAPA\r\n')).toBe('');
  });

  it('counts credentials sent before TLS as bad commands', async () => {
    const { send, conn } = await openSession(new FakeBackend(), { secure: false, limits: { maxBadCommands: 3 } });
    await send('USER a@pec.test\r\nUSER a@pec.test\r\n');
    expect(conn.closed).toBe(false);
    expect(await send('PASS x\r\n')).toBe('-ERR Too many bad commands, closing the connection\r\n');
    expect(conn.closed).toBe(true);
  });

  it('closes after maxCommandsPerConnection commands', async () => {
    expect(MAX_COMMANDS_PER_CONNECTION).toBeGreaterThan(2 * MAX_MAILDROP_MESSAGES); // RETR + DELE of a full maildrop fit
    const { send, login, conn } = await openSession(new FakeBackend(), { limits: { maxCommandsPerConnection: 5 } });
    await login();
    expect(await send('NOOP\r\nNOOP\r\nNOOP\r\n')).toBe('+OK\r\n+OK\r\n+OK\r\n');
    expect(await send('NOOP\r\n')).toBe('-ERR [SYS/TEMP] Too many commands on one connection\r\n');
    expect(conn.closed).toBe(true);
  });

  it('answers an over-long line with -ERR and keeps the session usable', async () => {
    const { send } = await openSession(new FakeBackend());
    expect(await send(`USER ${'a'.repeat(TOLERATED_LINE_BYTES)}\r\n`)).toBe('-ERR Command line too long\r\n');
    expect(await send('CAPA\r\n')).toStartWith('+OK Capability list follows');
  });

  it('closes when more input is pipelined than the decoder holds', async () => {
    const { send, conn } = await openSession(new FakeBackend());
    expect(await send('NOOP\r\n'.repeat(MAX_BUFFERED_BYTES / 6 + 1))).toBe('-ERR [SYS/TEMP] Too much pipelined input\r\n');
    expect(conn.closed).toBe(true);
  });

  it('keeps only maxMaildropMessages in the snapshot', async () => {
    const b = new FakeBackend();
    for (let i = 0; i < 5; i++) b.add(`Subject: ${i}\r\n\r\nx\r\n`);
    const { login, send } = await openSession(b, { limits: { maxMaildropMessages: 3 } });
    expect(await login()).toContain('+OK maildrop has 3 messages');
    expect(await send('UIDL 4\r\n')).toBe('-ERR No such message\r\n');
  });
});

describe('POP3 capabilities', () => {
  it.each([
    ['authorization', false, ['TOP', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'UIDL', 'STLS', 'IMPLEMENTATION X']],
    ['authorization', true, ['TOP', 'USER', 'SASL PLAIN', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'UIDL', 'IMPLEMENTATION X']],
    ['transaction', true, ['TOP', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'UIDL', 'IMPLEMENTATION X']],
  ] as const)('in %s with secure=%p lists %j', (state, secure, lines) => {
    expect(capabilities(state, secure, 'X')).toEqual([...lines]);
  });
});
