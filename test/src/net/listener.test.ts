import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { connect as tcpConnect, createServer, type AddressInfo, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { CloseReason, Connection } from '../../../src/net/connection.ts';
import { ConnectionGate } from '../../../src/net/connection-gate.ts';
import { ListenError } from '../../../src/net/errors.ts';
import { startListener, type Listener, type ListenerOptions } from '../../../src/net/listener.ts';
import { SimulatedClock } from '../../../src/runtime/clock.ts';
import { generatePkiFiles } from '../../../src/signing/pki.ts';

let pem: { certPem: string; keyPem: string; ca: string };
beforeAll(async () => {
  const files = await generatePkiFiles({ dataDir: '', providerName: 'Test', serviceAddress: 'posta-certificata@pec.test', hostnames: ['localhost'], now: Date.now() });
  pem = { certPem: files.tls, keyPem: files.tlsKey, ca: files.ca };
});

const open: Listener[] = [];
afterAll(async () => {
  await Promise.all(open.map((l) => l.close()));
});

interface Seen {
  conns: Connection[];
  data: Array<{ text: string; secure: boolean }>;
  closes: CloseReason[];
}

/** A line echo server: `STARTTLS` -> `GO` + upgrade, `BIG n` -> write n bytes, `SEND n` -> send n bytes. */
async function listen(over: Partial<ListenerOptions> = {}): Promise<{ l: Listener; seen: Seen }> {
  const seen: Seen = { conns: [], data: [], closes: [] };
  const l = await startListener({
    name: 'test', host: '127.0.0.1', port: 0, mode: 'starttls', tls: { certPem: pem.certPem, keyPem: pem.keyPem },
    limits: { idleTimeoutMs: 60_000 },
    onConnection(conn) {
      seen.conns.push(conn);
      conn.onClose((r) => seen.closes.push(r));
      conn.write('HELLO\r\n');
      conn.onData((bytes, secure) => {
        const text = Buffer.from(bytes).toString('latin1');
        seen.data.push({ text, secure });
        for (const line of text.split('\r\n').filter(Boolean)) {
          const [verb, n] = line.split(' ');
          if (verb === 'STARTTLS') {
            conn.write('GO\r\n');
            conn.upgradeTls().then(() => conn.write('SECURE\r\n'), () => {});
          } else if (verb === 'BIG') conn.write(new Uint8Array(Number(n)).fill(66));
          else if (verb === 'SEND') void conn.send(new Uint8Array(Number(n)).fill(67)).then(() => conn.write('\r\nSENT\r\n'), () => {});
          else conn.write(`ECHO ${line} ${secure}\r\n`);
        }
      });
    },
    ...over,
  });
  open.push(l);
  return { l, seen };
}

/** Reads from a socket into a string; `until` resolves when the text contains a marker. */
function reader(s: Socket | TLSSocket) {
  let text = '';
  let closed = false;
  s.on('data', (d: Buffer) => (text += d.toString('latin1')));
  s.on('close', () => (closed = true));
  s.on('error', () => {});
  return {
    get text() {
      return text;
    },
    get closed() {
      return closed;
    },
    async until(pred: () => boolean, ms = 5000) {
      const end = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`timeout; got ${JSON.stringify(text.slice(-200))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

async function plain(port: number) {
  const s = tcpConnect(port, '127.0.0.1');
  const r = reader(s);
  await r.until(() => r.text.includes('HELLO') || r.closed);
  return { s, r };
}

describe('startListener', () => {
  it('binds an ephemeral port and delivers plaintext input marked not secure', async () => {
    const { l, seen } = await listen();
    expect(l.port).toBeGreaterThan(0);
    const { s, r } = await plain(l.port);
    s.write('PING\r\n');
    await r.until(() => r.text.includes('ECHO PING false'));
    expect(seen.conns[0]!.remoteAddress).toMatch(/127\.0\.0\.1/);
    s.destroy();
    await r.until(() => seen.closes.length === 1);
    expect(seen.closes).toEqual(['peer']);
    expect(l.connections()).toBe(0);
  });

  it('upgrades to TLS on request and marks later input secure', async () => {
    const { l, seen } = await listen();
    const { s, r } = await plain(l.port);
    s.write('STARTTLS\r\n');
    await r.until(() => r.text.includes('GO'));
    const t = tlsConnect({ socket: s, ca: pem.ca, servername: 'localhost' });
    const tr = reader(t);
    await tr.until(() => tr.text.includes('SECURE'));
    t.write('PING\r\n');
    await tr.until(() => tr.text.includes('ECHO PING true'));
    expect(seen.conns[0]!.secure).toBe(true);
    t.destroy();
  });

  it('never delivers plaintext sent after the STARTTLS go-ahead (RFC 3207 §4.2)', async () => {
    const { l, seen } = await listen();
    const { s, r } = await plain(l.port);
    s.write('STARTTLS\r\n');
    await r.until(() => r.text.includes('GO'));
    s.write('INJECTED\r\n');
    await new Promise((res) => setTimeout(res, 50));
    s.destroy();
    await r.until(() => seen.closes.length === 1);
    expect(seen.data.map((d) => d.text).join('')).not.toContain('INJECTED');
  });

  it('serves implicit TLS: the connection is secure from the first byte', async () => {
    const { l, seen } = await listen({ mode: 'implicit-tls' });
    const t = tlsConnect({ port: l.port, host: '127.0.0.1', ca: pem.ca, servername: 'localhost' });
    const r = reader(t);
    await r.until(() => r.text.includes('HELLO'));
    t.write('PING\r\n');
    await r.until(() => r.text.includes('ECHO PING true'));
    expect(seen.conns[0]!.secure).toBe(true);
    t.destroy();
  });

  it('refuses a client over MAX_CONNECTIONS_PER_ADDRESS with the refusal line and admits it after a close', async () => {
    const { l } = await listen({ limits: { idleTimeoutMs: 60_000, maxConnectionsPerAddress: 2 }, refusal: (v) => `BUSY ${v}\r\n` });
    const a = await plain(l.port);
    const b = await plain(l.port);
    const c = await plain(l.port);
    await c.r.until(() => c.r.closed);
    expect(c.r.text).toBe('BUSY too-many-from-address\r\n');
    a.s.destroy();
    await a.r.until(() => l.connections() === 1);
    const d = await plain(l.port);
    expect(d.r.text).toBe('HELLO\r\n');
    b.s.destroy();
    d.s.destroy();
  });

  it('applies MAX_CONNECTIONS across listeners sharing one gate; implicit TLS drops before the handshake', async () => {
    const gate = new ConnectionGate(2, 10);
    const one = await listen({ gate, refusal: (v) => `BUSY ${v}\r\n` });
    const two = await listen({ gate, mode: 'implicit-tls' });
    const a = await plain(one.l.port);
    const b = await plain(one.l.port);
    const t = tlsConnect({ port: two.l.port, host: '127.0.0.1', ca: pem.ca, servername: 'localhost' });
    const tr = reader(t);
    await tr.until(() => tr.closed);
    expect(tr.text).toBe('');
    const c = await plain(one.l.port);
    await c.r.until(() => c.r.closed);
    expect(c.r.text).toBe('BUSY too-many-connections\r\n');
    a.s.destroy();
    b.s.destroy();
  });

  it('drops a client that stops reading once write() passes maxWriteBufferBytes', async () => {
    const { l, seen } = await listen({ limits: { idleTimeoutMs: 60_000, maxWriteBufferBytes: 64 * 1024 } });
    const { s } = await plain(l.port);
    s.pause(); // never reads again
    s.write('BIG 33554432\r\n');
    const end = Date.now() + 5000;
    while (seen.closes.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(seen.closes).toEqual(['slow-reader']);
    s.destroy();
  });

  it('send() delivers a large reply completely with back-pressure', async () => {
    const { l } = await listen({ limits: { idleTimeoutMs: 60_000, maxWriteBufferBytes: 64 * 1024 } });
    const { s, r } = await plain(l.port);
    const n = 8 * 1024 * 1024;
    s.write(`SEND ${n}\r\n`);
    await r.until(() => r.text.includes('SENT'), 10_000);
    expect(r.text.length).toBe('HELLO\r\n'.length + n + '\r\nSENT\r\n'.length);
    s.destroy();
  });

  it('closes an idle connection after idleTimeoutMs with the farewell; input resets the timer', async () => {
    const clock = new SimulatedClock();
    const { l, seen } = await listen({ clock, limits: { idleTimeoutMs: 1_000 }, idleFarewell: 'BYE idle\r\n' });
    const { s, r } = await plain(l.port);
    clock.advance(600);
    s.write('PING\r\n');
    await r.until(() => r.text.includes('ECHO PING'));
    clock.advance(600);
    expect(r.closed).toBe(false);
    clock.advance(500);
    await r.until(() => r.closed);
    expect(r.text).toEndWith('BYE idle\r\n');
    expect(seen.closes).toEqual(['idle']);
  });

  it('drops a client that never completes the TLS handshake', async () => {
    const clock = new SimulatedClock();
    const { l, seen } = await listen({ clock, mode: 'implicit-tls', limits: { idleTimeoutMs: 60_000, tlsHandshakeTimeoutMs: 500 } });
    const s = tcpConnect(l.port, '127.0.0.1');
    const r = reader(s);
    await new Promise((res) => s.once('connect', res));
    await new Promise((res) => setTimeout(res, 20));
    expect(l.connections()).toBe(1);
    clock.advance(501);
    await r.until(() => r.closed);
    expect(l.connections()).toBe(0);
    expect(seen.conns).toEqual([]);
  });

  it('close() drops open connections with reason shutdown', async () => {
    const { l, seen } = await listen();
    const { r } = await plain(l.port);
    await l.close();
    await r.until(() => r.closed);
    expect(seen.closes).toEqual(['shutdown']);
  });

  it('fails with ListenError when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((res) => blocker.listen(0, '127.0.0.1', () => res()));
    const port = (blocker.address() as AddressInfo).port;
    await expect(listen({ port })).rejects.toBeInstanceOf(ListenError);
    blocker.close();
  });
});
