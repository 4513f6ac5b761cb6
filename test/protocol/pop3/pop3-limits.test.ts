// Hostile clients on the wire: over-long lines, junk, too many connections, idle clients, STLS injection.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { connect as tlsConnect } from 'node:tls';
import { TOLERATED_LINE_BYTES } from '../../../src/protocol/pop3/decoder.ts';
import { MARIO, PASSWORD, RawClient, startHarness, type Harness } from './helpers.ts';

const MAX_BAD = 4;
const PER_ADDRESS = 3;
const IDLE_MS = 1_500;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { maxBadCommands: MAX_BAD }, listenerLimits: { maxConnectionsPerAddress: PER_ADDRESS, idleTimeoutMs: IDLE_MS } });
});
afterAll(async () => {
  await h.stop();
});

async function waitFor(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('POP3 limits on the wire', () => {
  it('answers an over-long line with -ERR and goes on', async () => {
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    expect(await c.cmd(`USER ${'x'.repeat(TOLERATED_LINE_BYTES * 4)}`)).toBe('-ERR Command line too long');
    expect(await c.cmd('CAPA')).toBe('+OK Capability list follows');
    expect(await c.multiline()).toContain('SASL PLAIN');
    c.end();
  });

  it(`closes the connection after ${MAX_BAD} bad commands`, async () => {
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    for (let i = 1; i < MAX_BAD; i++) expect(await c.cmd('HELO pop')).toBe('-ERR Unknown command');
    expect(await c.cmd('HELO pop')).toBe('-ERR Too many bad commands, closing the connection');
    expect(await c.waitClosed()).toBe(true);
  });

  it(`refuses the connection past ${PER_ADDRESS} from one address with -ERR [SYS/TEMP]`, async () => {
    await waitFor(() => h.pop3.sessions() === 0);
    const held = await Promise.all(Array.from({ length: PER_ADDRESS }, () => RawClient.plain(h.pop3.ports.pop3Starttls)));
    for (const c of held) expect(await c.line()).toStartWith('+OK');
    const extra = await RawClient.plain(h.pop3.ports.pop3Starttls);
    expect(await extra.line()).toBe('-ERR [SYS/TEMP] Too many connections, try again later');
    expect(await extra.waitClosed()).toBe(true);
    for (const c of held) c.end();
    await waitFor(() => h.pop3.sessions() === 0);
    const again = await RawClient.plain(h.pop3.ports.pop3Starttls);
    expect(await again.line()).toStartWith('+OK');
    again.end();
  });

  it('logs out an idle client with a line and keeps no maildrop lock (RFC 1939 §3)', async () => {
    const c = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await c.line();
    await c.cmd(`USER ${MARIO}`);
    expect(await c.cmd(`PASS ${PASSWORD}`)).toStartWith('+OK');
    expect(await c.line(IDLE_MS * 3)).toBe('-ERR Autologout: idle for too long');
    expect(await c.waitClosed()).toBe(true);
    const d = await RawClient.tls(h.pop3.ports.pop3Tls, h.provider.pki.caPem);
    await d.line();
    await d.cmd(`USER ${MARIO}`);
    expect(await d.cmd(`PASS ${PASSWORD}`)).toStartWith('+OK maildrop has');
    d.end();
  });

  it('does not execute plaintext pipelined behind STLS (RFC 2595 §4)', async () => {
    const c = await RawClient.plain(h.pop3.ports.pop3Starttls);
    await c.line();
    c.send(`STLS\r\nUSER ${MARIO}\r\n`);
    expect(await c.line()).toBe('+OK Begin TLS negotiation');
    c.sock.removeAllListeners('data');
    const t = tlsConnect({ socket: c.sock, ca: h.provider.pki.caPem, servername: 'localhost' });
    let text = '';
    t.on('data', (d: Buffer) => (text += d.toString('latin1')));
    await new Promise((r) => t.once('secureConnect', r));
    t.write(`PASS ${PASSWORD}\r\n`);
    await waitFor(() => text.includes('\r\n'));
    expect(text).toBe('-ERR USER first\r\n');
    t.destroy();
  });
});
