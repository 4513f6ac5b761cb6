// Hostile input against the IMAP listeners, each limit by name (CONVENTIONS 9), and persistence across a restart.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { MAX_BAD_COMMANDS, MAX_UNAUTHENTICATED_LITERAL_BYTES } from '../../../actors/protocol/imap/limits.ts';
import { MAX_LINE_BYTES } from '../../../src/protocol/imap/index.ts';
import { DEMO_PASS, DEMO_USER, deliver, sampleMessage, startHarness, HARNESS_TIMEOUT_MS, type Harness } from './harness.ts';
import { RawClient } from './raw-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { maxConnectionsPerAddress: 3 }, dispatch: { maxBadCommands: MAX_BAD_COMMANDS, maxCommands: 8 } });
}, HARNESS_TIMEOUT_MS);
afterAll(async () => {
  await h.stop();
}, HARNESS_TIMEOUT_MS);

const connect = async () => {
  const c = await RawClient.connect(h.imap.ports.imaps, { tls: true, caPath: h.caPath });
  await c.until('* OK');
  return c;
};

describe('hostile input', () => {
  it('closes with BYE on a command line longer than MAX_LINE_BYTES', async () => {
    const c = await connect();
    c.write(`a NOOP ${'x'.repeat(MAX_LINE_BYTES + 10)}\r\n`);
    expect(await c.until('* BYE')).toContain('* BYE [LIMIT]');
    expect(await c.waitClosed()).toBe(true);
  });

  it('refuses a synchronising literal over MAX_UNAUTHENTICATED_LITERAL_BYTES before login and stays usable', async () => {
    const c = await connect();
    c.write(`a LOGIN {${MAX_UNAUTHENTICATED_LITERAL_BYTES + 1}}\r\n`);
    expect(await c.until('a ')).toContain('a BAD [TOOBIG]');
    expect(await c.cmd('b', 'NOOP')).toContain('b OK');
    c.close();
  });

  it('closes on a huge non-synchronising literal it will not buffer', async () => {
    const c = await connect();
    c.write(`a LOGIN {100000000+}\r\nxxxx`);
    expect(await c.until('* BYE')).toContain('* BYE [TOOBIG]');
    expect(await c.waitClosed()).toBe(true);
  });

  it('closes after MAX_BAD_COMMANDS bad commands', async () => {
    const c = await connect();
    let all = '';
    for (let i = 0; i <= MAX_BAD_COMMANDS; i++) c.write(`x${i} BOGUS\r\n`);
    all = await c.until('* BYE');
    // Each of them is answered; the one past the limit is answered and followed by BYE.
    expect(all.match(/ BAD /g)?.length).toBe(MAX_BAD_COMMANDS + 1);
    expect(all).toContain('* BYE Too many invalid commands');
    expect(await c.waitClosed()).toBe(true);
  });

  it('closes after MAX_COMMANDS_PER_CONNECTION commands (lowered to 8 here)', async () => {
    const c = await connect();
    for (let i = 0; i < 8; i++) expect(await c.cmd(`n${i}`, 'NOOP')).toContain('OK');
    expect(await c.cmd('last', 'NOOP').catch(() => '')).toContain('* BYE [LIMIT]');
    expect(await c.waitClosed()).toBe(true);
  });

  it('refuses connections past the per-address limit with BYE on the STARTTLS port', async () => {
    await Bun.sleep(100); // connections of the earlier tests are released
    const held = [await connect(), await connect(), await connect()];
    try {
      const extra = await RawClient.connect(h.imap.ports.imap);
      expect(await extra.until('* BYE')).toContain('* BYE [UNAVAILABLE] Too many connections');
      expect(await extra.waitClosed()).toBe(true);
    } finally {
      for (const c of held) c.close();
    }
    await Bun.sleep(100);
  });
});

describe('persistence', () => {
  it('keeps UID, UIDVALIDITY and HIGHESTMODSEQ across a provider restart', async () => {
    await deliver(h, sampleMessage('Prima del riavvio'));
    await deliver(h, sampleMessage('Anche questo'));
    const status = async (hh: Harness) => {
      const c = await RawClient.connect(hh.imap.ports.imaps, { tls: true, caPath: hh.caPath });
      await c.until('* OK');
      await c.cmd('l', `LOGIN ${DEMO_USER} "${DEMO_PASS}"`);
      const st = await c.cmd('s', 'STATUS INBOX (UIDVALIDITY UIDNEXT HIGHESTMODSEQ MESSAGES)');
      const f = await c.cmd('e', 'EXAMINE INBOX');
      const uids = await c.cmd('f', 'UID FETCH 1:* (UID)');
      c.close();
      return { st: /\(.*\)/.exec(st)![0], uidvalidity: /UIDVALIDITY (\d+)/.exec(f)![1], uids };
    };
    const before = await status(h);
    await h.stop(false);
    h = await startHarness({}, h.dir);
    const after = await status(h);
    expect(after).toEqual(before);
    expect(before.uids).toContain('* 2 FETCH (UID 2)');
  }, HARNESS_TIMEOUT_MS);
});
