// Starts the IMAP listeners of a provider: implicit TLS (993, RFC 8314) and STARTTLS (143), both on src/net, each
// connection handed to an `imap-session` actor. The lead wires this into src/provider.ts.
import type { MailListenerDeps } from '../listener-deps.ts';
import { ConnectionGate } from '../../../src/net/connection-gate.ts';
import { listenerLimits, type ListenerLimits } from '../../../src/net/limits.ts';
import { startListener, type Listener } from '../../../src/net/listener.ts';
import type { MailboxWatchers } from '../../mailbox/watchers.ts';
import type { DispatchLimits } from './dispatcher.ts';
import { SESSION_IDLE_TIMEOUT_MS } from './limits.ts';
import { ImapSessions } from './sessions.ts';

export interface ImapListenerDeps extends MailListenerDeps {
  watchers: MailboxWatchers;
}

export interface ImapListenerOptions {
  /** Override config.ports.imapTls / imapStarttls (0 = an ephemeral port). */
  imapsPort?: number;
  imapPort?: number;
  limits?: Partial<ListenerLimits>;
  dispatch?: DispatchLimits;
  gate?: ConnectionGate;
  /** Benchmarks on loopback only: LOGIN without TLS on the STARTTLS port (like-for-like with a TLS-less Dovecot). */
  plaintextAuth?: boolean;
}

export interface ImapListeners {
  /** name -> URL, for the start banner. */
  listeners: Record<string, string>;
  ports: { imaps: number; imap: number };
  sessions: ImapSessions;
  close(): Promise<void>;
}

const BYE_TOO_MANY = '* BYE [UNAVAILABLE] Too many connections, try again later\r\n';
// RFC 9051 §5.4: the autologout is announced with an untagged BYE.
const BYE_IDLE = '* BYE Autologout; idle for too long\r\n';

export async function startImapListeners(deps: ImapListenerDeps, opts: ImapListenerOptions = {}): Promise<ImapListeners> {
  const { config, system } = deps;
  const sessions = new ImapSessions(
    {
      store: deps.store,
      system,
      auth: deps.auth,
      bus: deps.bus,
      watchers: deps.watchers,
      clock: system.clock,
      hostname: config.hostname,
      plaintextAuth: opts.plaintextAuth ?? false,
    },
    opts.dispatch,
  );
  system.register(sessions.kind);
  const tls = { certPem: deps.pki.tls.chainPem, keyPem: deps.pki.tls.keyPem };
  const limits = listenerLimits(SESSION_IDLE_TIMEOUT_MS, opts.limits);
  // One gate for both ports: a client's connections count together whichever port they use.
  const gate = opts.gate ?? new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerAddress);
  const common = { host: config.bindAddress, tls, limits, gate, clock: system.clock, idleFarewell: BYE_IDLE, refusal: () => BYE_TOO_MANY };
  const started: Listener[] = [];
  try {
    started.push(
      await startListener({ ...common, name: 'imaps', port: opts.imapsPort ?? config.ports.imapTls, mode: 'implicit-tls', onConnection: (c) => sessions.open(c, false) }),
    );
    started.push(
      await startListener({ ...common, name: 'imap', port: opts.imapPort ?? config.ports.imapStarttls, mode: 'starttls', onConnection: (c) => sessions.open(c, true) }),
    );
  } catch (e) {
    await Promise.all(started.map((l) => l.close()));
    throw e;
  }
  const [imaps, imap] = started as [Listener, Listener];
  return {
    listeners: { imaps: `imaps://${config.bindAddress}:${imaps.port}`, imap: `imap://${config.bindAddress}:${imap.port} (STARTTLS)` },
    ports: { imaps: imaps.port, imap: imap.port },
    sessions,
    async close() {
      await Promise.all(started.map((l) => l.close()));
    },
  };
}
