// Benchmark: our IMAP server against Dovecot on loopback (issue 4), with the same Python imaplib script on both,
// no TLS on either side (like for like); then resident memory of our server holding 10,000 idle IMAP TLS connections.
// Prints figures and our/Dovecot ratios (goal >= 1.0 each, memory < 300 MB); never asserts.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startImapListeners } from '../actors/protocol/imap/listeners.ts';
import { loadConfig } from '../src/config/config.ts';
import { startProvider } from '../src/provider.ts';

const MESSAGES = 2_000;
/** Rounds per server, alternating which goes first; the best figure of each is kept (the machine is noisy). */
const ROUNDS = Number(process.env.IMAP_BENCH_ROUNDS ?? 2);
/** IMAP_BENCH_ONLY=ours|dovecot runs one side; IMAP_BENCH_MEMORY=0 skips the idle-connection memory test. */
const ONLY = process.env.IMAP_BENCH_ONLY ?? '';
const MEMORY = process.env.IMAP_BENCH_MEMORY !== '0';
const IDLE_CONNECTIONS = 10_000;
const DOVECOT_PORT = 10143;
const DEMO_USER = 'mario.rossi@pec.demo.test';
const DEMO_PASS = 'DemoPec-2026!';

/** The same measurements against either server; prints one JSON object. */
const CLIENT = String.raw`
import imaplib, json, os, time, statistics
host, port, user, pw, n = '127.0.0.1', int(os.environ['PORT']), os.environ['U'], os.environ['P'], int(os.environ['N'])
body = ('x' * 70 + '\r\n') * 26
def msg(i):
    word = 'fattura' if i % 10 == 0 else 'avviso'
    return ('From: bench@pec.test\r\nTo: %s\r\nSubject: %s numero %d\r\nMessage-ID: <%d@bench>\r\n\r\n%s' % (user, word, i, i, body)).encode()
m = imaplib.IMAP4(host, port)
m.login(user, pw)
t = time.perf_counter()
for i in range(n):
    m.append('INBOX', None, None, msg(i))
out = {'append_per_s': n / (time.perf_counter() - t)}
m.select('INBOX')
def median_ms(fn, k=9):
    for _ in range(3): fn()  # warm-up, untimed, on both servers alike
    xs = []
    for _ in range(k):
        t = time.perf_counter(); fn(); xs.append((time.perf_counter() - t) * 1000)
    return statistics.median(xs)
out['uid_fetch_flags_ms'] = median_ms(lambda: m.uid('FETCH', '1:*', '(UID FLAGS)'))
out['search_subject_ms'] = median_ms(lambda: m.search(None, 'SUBJECT', 'fattura'))
out['search_hits'] = len(m.search(None, 'SUBJECT', 'fattura')[1][0].split())
k = 500
for i in range(100): m.uid('FETCH', str(1 + i), '(BODY.PEEK[])')
t = time.perf_counter()
for i in range(k):
    m.uid('FETCH', str(1 + (i * 7) % n), '(BODY.PEEK[])')
out['body_peek_per_s'] = k / (time.perf_counter() - t)
m.logout()
k = 40
t = time.perf_counter()
for i in range(k):
    c = imaplib.IMAP4(host, port); c.login(user, pw); c.logout()
out['login_logout_per_s'] = k / (time.perf_counter() - t)
print(json.dumps(out))
`;

/** Opens many TLS connections, reads each greeting, then holds them idle until stdin closes. */
const HOLDER = String.raw`
import asyncio, os, ssl, sys
async def main():
    ctx = ssl.create_default_context(cafile=os.environ['CA'])
    port, n = int(os.environ['PORT']), int(os.environ['N'])
    held, sem = [], asyncio.Semaphore(200)
    async def one():
        async with sem:
            r, w = await asyncio.open_connection('127.0.0.1', port, ssl=ctx, server_hostname='localhost')
            await r.readline()
            held.append(w)
    results = await asyncio.gather(*[one() for _ in range(n)], return_exceptions=True)
    print('held', len(held), 'failed', sum(1 for x in results if isinstance(x, Exception)), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
asyncio.run(main())
`;

type Figures = Record<string, number>;

async function runClient(port: number, user: string, pass: string): Promise<Figures> {
  const p = Bun.spawn(['python3', '-c', CLIENT], { env: { ...process.env, PORT: String(port), U: user, P: pass, N: String(MESSAGES) }, stdout: 'pipe', stderr: 'pipe' });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`imaplib client failed: ${err.slice(-500)}`);
  return JSON.parse(out) as Figures;
}

async function ours(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-imap-'));
  const provider = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0' }), { signerThreads: 1, listen: false });
  const box = provider.store.mailboxes.byAddress(DEMO_USER)!;
  provider.store.mailboxes.setQuota(box.id, 2 * 1024 ** 3);
  const imap = await startImapListeners(provider, { imapsPort: 0, imapPort: 0, plaintextAuth: true });
  try {
    return await runClient(imap.ports.imap, DEMO_USER, DEMO_PASS);
  } finally {
    await imap.close();
    await provider.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sh(cmd: string): Promise<number> {
  return Bun.spawn(['bash', '-c', cmd], { stdout: 'ignore', stderr: 'ignore' }).exited;
}

async function dovecot(): Promise<Figures | null> {
  if ((await sh('command -v dovecot')) !== 0 && (await sh('apt-get install -y dovecot-imapd')) !== 0) return null;
  await sh('id vmailtest || useradd -r -M vmailtest');
  const root = mkdtempSync(join(tmpdir(), 'dovecot-bench-'));
  chmodSync(root, 0o755);
  mkdirSync(join(root, 'mail'));
  mkdirSync(join(root, 'run'));
  await sh(`chown vmailtest:vmailtest ${root}/mail`);
  const conf = join(root, 'dovecot.conf');
  // IMAP only: without dovecot-pop3d installed the pop3 service would stop Dovecot from starting.
  const text = readFileSync('/work/shared/bench/dovecot-loopback.conf', 'utf8').replaceAll('DVROOT', root);
  writeFileSync(conf, text.replace(/^protocols = .*$/m, 'protocols = imap'));
  if ((await sh(`dovecot -c ${conf}`)) !== 0) return null;
  try {
    for (let i = 0; i < 50 && (await sh(`exec 3<>/dev/tcp/127.0.0.1/${DOVECOT_PORT}`)) !== 0; i++) await Bun.sleep(100);
    return await runClient(DOVECOT_PORT, 'bench', 'pass');
  } finally {
    await sh(`doveadm -c ${conf} stop`);
    rmSync(root, { recursive: true, force: true });
  }
}

/** The server of the memory test, in its own process so that its RSS is measured alone. */
async function memoryServer(): Promise<void> {
  const dir = process.env.IMAP_BENCH_DIR!;
  const provider = await startProvider(loadConfig({ PEC_DATA_DIR: dir, PEC_HTTP_PORT: '0', PEC_LOG_EVENTS: '0' }), { signerThreads: 1, listen: false });
  const many = { maxConnections: IDLE_CONNECTIONS * 2, maxConnectionsPerAddress: IDLE_CONNECTIONS * 2 };
  const imap = await startImapListeners(provider, { imapsPort: 0, imapPort: 0, limits: many });
  console.log(`port ${imap.ports.imaps}`);
  for await (const line of console) {
    if (line.trim() === 'rss') {
      Bun.gc(true);
      console.log(`rss ${process.memoryUsage().rss} sessions ${imap.sessions.count}`);
    }
  }
}

/** Reads a child's stdout line by line. */
function lineReader(stream: ReadableStream<Uint8Array>): () => Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  return async () => {
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('child process ended');
      pending += decoder.decode(value, { stream: true });
    }
  };
}

async function memory(): Promise<{ rssBefore: number; rssAfter: number; held: string; sessions: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-mem-'));
  const limit = `ulimit -n ${IDLE_CONNECTIONS * 2}`;
  const server = Bun.spawn(['bash', '-c', `${limit}; exec ${process.execPath} ${import.meta.path}`], {
    env: { ...process.env, IMAP_BENCH_SERVER: '1', IMAP_BENCH_DIR: dir },
    stdin: 'pipe',
    stdout: 'pipe',
  });
  const serverLine = lineReader(server.stdout);
  const rss = async (): Promise<[number, number]> => {
    server.stdin.write('rss\n');
    server.stdin.flush();
    const m = /rss (\d+) sessions (\d+)/.exec(await serverLine())!;
    return [Number(m[1]), Number(m[2])];
  };
  try {
    const port = Number(/port (\d+)/.exec(await serverLine())![1]);
    const [rssBefore] = await rss();
    const holder = Bun.spawn(['bash', '-c', `${limit}; exec python3 -c "$HOLDER"`], {
      env: { ...process.env, HOLDER, CA: join(dir, 'pki', 'ca.pem'), PORT: String(port), N: String(IDLE_CONNECTIONS) },
      stdin: 'pipe',
      stdout: 'pipe',
    });
    const held = await lineReader(holder.stdout)();
    await Bun.sleep(500);
    const [rssAfter, sessions] = await rss();
    holder.stdin.end();
    holder.kill();
    await holder.exited;
    return { rssBefore, rssAfter, held, sessions };
  } finally {
    server.kill();
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROWS: Array<[label: string, key: string, higherIsBetter: boolean]> = [
  ['APPEND 2 KB (msg/s)', 'append_per_s', true],
  ['UID FETCH 1:* (UID FLAGS), 2,000 msgs (ms)', 'uid_fetch_flags_ms', false],
  ['SEARCH SUBJECT, 2,000 msgs (ms)', 'search_subject_ms', false],
  ['single BODY.PEEK[] (fetch/s)', 'body_peek_per_s', true],
  ['connect + LOGIN + LOGOUT (/s)', 'login_logout_per_s', true],
];

function best(runs: Figures[], key: string, higherIsBetter: boolean): number | undefined {
  const xs = runs.map((r) => r[key]).filter((x): x is number => x !== undefined);
  if (xs.length === 0) return undefined;
  return higherIsBetter ? Math.max(...xs) : Math.min(...xs);
}

export async function run(): Promise<void> {
  const mine: Figures[] = [];
  const theirs: Figures[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so that neither server always runs on a colder or busier machine.
    if (r % 2 === 1 && ONLY !== 'ours') {
      const d = await dovecot();
      if (d) theirs.push(d);
    }
    if (ONLY !== 'dovecot') mine.push(await ours());
    if (r % 2 === 0 && ONLY !== 'ours') {
      const d = await dovecot();
      if (d) theirs.push(d);
    }
  }
  console.log(`best of ${ROUNDS} rounds each, Python imaplib, loopback, no TLS on either side`);
  console.log('measure'.padEnd(44), 'ours'.padStart(10), 'dovecot'.padStart(10), 'ratio'.padStart(8));
  for (const [label, key, higherIsBetter] of ROWS) {
    const x = best(mine, key, higherIsBetter) ?? NaN;
    const y = best(theirs, key, higherIsBetter);
    const ratio = y === undefined ? NaN : higherIsBetter ? x / y : y / x;
    console.log(label.padEnd(44), x.toFixed(1).padStart(10), (y?.toFixed(1) ?? 'n/a').padStart(10), ratio.toFixed(2).padStart(8));
  }
  console.log(`SEARCH hits: ours ${mine[0]?.search_hits}, dovecot ${theirs[0]?.search_hits ?? 'n/a'}`);
  console.log('note: our LOGIN runs the Authenticator (argon2id on the first login, then its credential cache, src/auth/credential-cache.ts); Dovecot here has a static passdb');
  if (process.env.IMAP_BENCH_RAW === '1') console.log(JSON.stringify({ ours: mine, dovecot: theirs }));
  if (!MEMORY) return;
  const mem = await memory();
  console.log(`resident memory: ${(mem.rssBefore / 1e6).toFixed(0)} MB before -> ${(mem.rssAfter / 1e6).toFixed(0)} MB with ${mem.sessions} idle TLS sessions (${mem.held}; goal < 300 MB)`);
}

if (process.env.IMAP_BENCH_SERVER === '1') await memoryServer();
// `bun bench/imap.ts` alone runs the benchmark (bench/run.ts imports it and calls run()).
else if (import.meta.main) {
  await run();
  process.exit(0);
}
