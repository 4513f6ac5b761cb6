// Composition of one provider instance: config -> store -> keys -> runtime -> actors -> listeners -> web.
// main.ts starts one from the environment; tests start several (interoperability) on their own folders and ports.
import type { Server } from 'bun';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mailboxKind } from '../actors/mailbox/mailbox.actor.ts';
import { createPecService, type PecService } from '../actors/pec/pec-service.ts';
import type { IncomingPort, SubmissionPort } from '../actors/pec/ports.ts';
import { MailboxWatchers } from '../actors/mailbox/watchers.ts';
import { Authenticator } from './auth/authenticator.ts';
import { Provisioning } from './auth/provisioning.ts';
import type { Config } from './config/config.ts';
import { DEMO_MAILBOXES, seedDemo } from './demo.ts';
import { EventBus } from './events/bus.ts';
import { type Clock, SystemClock } from './runtime/clock.ts';
import { ActorSystem } from './runtime/system.ts';
import { ProvidersIndex } from './pec/providers-index.ts';
import { loadIndexDir, ourRecord } from './signing/index-files.ts';
import { loadOrCreatePki, type Pki } from './signing/pki.ts';
import { PoolSigner } from './signing/pool.ts';
import type { Signer } from './signing/signer.ts';
import { openStore, type Store } from './store/index.ts';
import { installAdminConsole } from './web/admin/install.ts';
import { jobsKind, PASSWORD_EXPIRY_JOB } from '../actors/jobs/password-expiry.actor.ts';
import { Notifier } from './notices/notifier.ts';
import { subscribeQuotaNotices } from './notices/quota-notices.ts';
import { smarthostTransport } from './notices/smarthost.ts';
import { installWebmail } from './web/webmail/install.ts';
import { createWebApp } from './web/app.ts';
import { ClamdScanner, ScannerChain } from './net/clamd-client.ts';
import { ConnectionGate } from './net/connection-gate.ts';
import { EicarScanner, type VirusScanner } from './pec/virus-scan.ts';
import { startImapListeners } from '../actors/protocol/imap/listeners.ts';
import { startPop3Listeners } from '../actors/protocol/pop3/listeners.ts';
import { startSmtpListeners } from '../actors/protocol/smtp/listeners.ts';

/** The primary domain is fixed at first start: the signing certificate carries posta-certificata@<it>. */
const PRIMARY_DOMAIN_SETTING = 'provider.primary_domain';

export interface StartOptions {
  clock?: Clock;
  /** Bind the listeners (false for in-process tests). */
  listen?: boolean;
  /** Structured log sink; null silences it. Defaults to stdout when config.logEvents. */
  log?: ((line: string) => void) | null;
  /** Signing worker threads (default: the cores). */
  signerThreads?: number;
}

export interface Provider {
  readonly config: Config;
  readonly clock: Clock;
  readonly store: Store;
  readonly bus: EventBus;
  readonly system: ActorSystem;
  readonly watchers: MailboxWatchers;
  readonly auth: Authenticator;
  readonly provisioning: Provisioning;
  readonly pki: Pki;
  readonly signer: Signer;
  readonly serviceAddress: string;
  /** The providers' index: our own record plus `<dataDir>/index/*.ldif` (SPEC §5.5). */
  readonly index: ProvidersIndex;
  /** The punto di accesso (SMTP submission, webmail) and the punto di ricezione (SMTP MX): actors/pec/ports.ts. */
  readonly submission: SubmissionPort;
  readonly incoming: IncomingPort;
  /** The PEC flow's repository, held deliveries and log writer (actors/pec/pec-service.ts). */
  readonly pec: PecService;
  readonly demoSeeded: boolean;
  readonly web: ReturnType<typeof createWebApp>;
  readonly http: Server<undefined> | null;
  /** What listens where, for the start banner: name -> URL or host:port (security). */
  readonly listeners: Record<string, string>;
  stop(): Promise<void>;
}

export async function startProvider(config: Config, opts: StartOptions = {}): Promise<Provider> {
  const clock = opts.clock ?? new SystemClock();
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore(config.dataDir);
  const firstStart = store.domains.list().length === 0;
  const primaryDomain = store.provider.getSetting(PRIMARY_DOMAIN_SETTING) ?? config.primaryDomain;
  if (firstStart) {
    store.domains.create(primaryDomain, clock.now());
    store.provider.setSetting(PRIMARY_DOMAIN_SETTING, primaryDomain);
    store.provider.setProviderName(config.providerName);
  }
  const serviceAddress = store.provider.serviceAddress(primaryDomain);
  const providerName = store.provider.providerName() ?? config.providerName;
  // undefined = the bus's default stdout line per event; null = silent.
  const bus = new EventBus(clock, opts.log === undefined && !config.logEvents ? null : opts.log);
  const pki = await loadOrCreatePki({
    dataDir: config.dataDir,
    providerName,
    serviceAddress,
    hostnames: [config.hostname, 'localhost'],
    now: clock.now(),
  });
  if (pki.created) bus.emit({ type: 'provider.pki-created', dir: pki.dir });
  const signer = new PoolSigner({ chainPem: pki.signing.chainPem, keyPem: pki.signing.keyPem, clock, threads: opts.signerThreads });
  const watchers = new MailboxWatchers();
  const system = new ActorSystem({ store: store.durable, clock, onEvent: (e) => bus.emit(e) });
  system.register(mailboxKind({ store, bus, watchers }));
  const provisioning = new Provisioning(store, () => clock.now());
  const auth = new Authenticator(store, clock);
  const demoSeeded = firstStart && config.demo ? (await seedDemo(provisioning, config.demoPassword), true) : false;
  if (demoSeeded) bus.emit({ type: 'provider.demo-seeded', mailboxes: DEMO_MAILBOXES.map((m) => m.address), admin: 'admin' });
  // Every kind with durable messages or timers is registered before start(): what the outbox and the timers
  // recover must find its actor.
  const pec = startPec({ config, store, bus, clock, system, signer, pki, serviceAddress, primaryDomain, providerName });
  const notifier = new Notifier({
    store, notices: store.notices, clock, system, serviceAddress, providerName,
    transport: config.smarthost ? smarthostTransport(config.smarthost) : null,
  });
  system.register(jobsKind({ notices: store.notices, notifier }));
  subscribeQuotaNotices(bus, store, notifier);
  system.start();
  pec.afterStart();
  // Sweep now (a day may have passed while stopped) and arm the daily persisted timer (seed 003 password expiry).
  system.tell(PASSWORD_EXPIRY_JOB, { type: 'arm' });

  const web = createWebApp({ publicDir: join(import.meta.dir, '..', 'public') });
  installAdminConsole({ web, store, auth, provisioning, clock, bus, config, notifier }); // /admin, /reset/<token>
  // Issue 6: messages held while a casella was disabled are delivered, with their receipts, when it is enabled again.
  bus.subscribe((e) => {
    if (e.type === 'account.mailbox-state-changed' && e.state === 'attiva') void pec.releaseHeld(e.address);
  });
  installWebmail(web, { config, clock, store, bus, system, watchers, auth, serviceAddress, submission: pec.submission, index: pec.deps.index, pki, notifier }); // /login, /mail, /settings
  const http = opts.listen === false ? null : Bun.serve({ hostname: config.bindAddress, port: config.ports.http, fetch: web.fetch });
  const listeners: Record<string, string> = {};
  if (http) {
    listeners['webmail'] = `http://${config.bindAddress}:${http.port}/`;
    listeners['admin console'] = `http://${config.bindAddress}:${http.port}/admin`;
  }
  // Mail listeners (issue 4): each registers its session kind on the system, once per provider.
  const mail: Array<{ listeners: Record<string, string>; close(): Promise<void> }> = [];
  if (opts.listen !== false) {
    // One gate for IMAP and POP3: a client's mailbox connections count together, whichever protocol they use.
    const gate = new ConnectionGate();
    mail.push(await startImapListeners({ config, system, store, auth, bus, pki, watchers }, { gate }));
    mail.push(await startPop3Listeners({ config, system, store, auth, bus, pki, gate }));
    mail.push(await startSmtpListeners({ config, system, store, auth, bus, pki, submission: pec.submission, incoming: pec.incoming }));
  }
  for (const m of mail) Object.assign(listeners, m.listeners);
  bus.emit({ type: 'provider.started', dataDir: config.dataDir, listeners });

  return {
    config, clock, store, bus, system, watchers, auth, provisioning, pki, signer, serviceAddress, demoSeeded, web, http, listeners,
    index: pec.deps.index, submission: pec.submission, incoming: pec.incoming, pec,
    async stop() {
      for (const m of mail) await m.close();
      http?.stop(true);
      await system.stop();
      pec.close();
      await signer.close?.();
      store.close();
      bus.emit({ type: 'provider.stopped' });
    },
  };
}

/** RFC 6109 §5.4: the built-in EICAR detector, then clamd when PEC_CLAMD is set (a clamd failure is a 4xx, not a pass). */
function virusScanner(config: Config): VirusScanner {
  if (!config.clamd) return new EicarScanner();
  const [host, port] = config.clamd.split(':') as [string, string];
  return new ScannerChain([new EicarScanner(), new ClamdScanner(host, Number(port))]);
}

/** The providers' index (our record from the signing certificate and our domains, plus imported records) and the
 *  PEC points (actors/pec, actors/outbound). */
function startPec(o: {
  config: Config; store: Store; bus: EventBus; clock: Clock; system: ActorSystem; signer: Signer; pki: Pki; serviceAddress: string; primaryDomain: string; providerName: string;
}): PecService {
  const { providerName } = o;
  const imported = loadIndexDir(o.config.dataDir);
  const own = ourRecord({ providerName, signingChainDer: o.pki.signing.chainDer, serviceAddress: o.serviceAddress, domains: o.store.domains.list().map((d) => d.name) });
  const index = new ProvidersIndex([own, ...imported.records]);
  return createPecService({
    system: o.system, store: o.store, bus: o.bus, clock: o.clock, signer: o.signer, index,
    gestore: { nome: providerName, dominio: o.primaryDomain }, serviceAddress: o.serviceAddress, hostname: o.config.hostname,
    routes: o.config.routes, smarthost: o.config.smarthost, caPems: [...imported.caPems, o.pki.caPem],
    scanner: virusScanner(o.config),
  });
}
