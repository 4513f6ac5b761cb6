// POP3S (implicit TLS, RFC 8314) and POP3 with STLS (RFC 2595) listeners of one provider, sessions as actors.
import type { MailListenerDeps } from '../listener-deps.ts';
import { ConnectionGate } from '../../../src/net/connection-gate.ts';
import { listenerLimits, POP3_IDLE_TIMEOUT_MS, type ListenerLimits } from '../../../src/net/limits.ts';
import { startListener, type Listener, type ListenerMode } from '../../../src/net/listener.ts';
import { Pop3Connections } from './connections.ts';
import type { Pop3Deps } from './context.ts';
import { DEFAULT_POP3_LIMITS, type Pop3Limits } from './limits.ts';
import { MaildropLocks } from './maildrop-locks.ts';
import { storeBackend } from './store-backend.ts';

export interface Pop3ListenerDeps extends MailListenerDeps {
  /** Shared with the IMAP and SMTP listeners for a process-wide connection bound; default: one for POP3. */
  gate?: ConnectionGate;
  limits?: Partial<Pop3Limits>;
  listenerLimits?: Partial<ListenerLimits>;
}

export interface Pop3Listeners {
  /** name -> `host:port (security)` for the start banner. */
  readonly listeners: Record<string, string>;
  readonly ports: { pop3Tls: number; pop3Starttls: number };
  /** Open POP3 sessions. */
  sessions(): number;
  close(): Promise<void>;
}

/** RFC 2449 §8 has no code for it: the client should retry later, so [SYS/TEMP]. */
const REFUSAL = '-ERR [SYS/TEMP] Too many connections, try again later\r\n';
/** RFC 1939 §3 lets the server close without a reply; a line tells the user why. */
const IDLE_FAREWELL = '-ERR Autologout: idle for too long\r\n';

export async function startPop3Listeners(deps: Pop3ListenerDeps): Promise<Pop3Listeners> {
  const { config, system, pki } = deps;
  const sessionDeps: Pop3Deps = {
    backend: storeBackend(deps),
    locks: new MaildropLocks(),
    limits: { ...DEFAULT_POP3_LIMITS, ...deps.limits },
    hostname: config.hostname,
    implementation: `${config.providerName} POP3`,
  };
  const connections = new Pop3Connections(system, sessionDeps);
  system.register(connections.kind());
  const limits = listenerLimits(POP3_IDLE_TIMEOUT_MS, deps.listenerLimits);
  const gate = deps.gate ?? new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerAddress);
  const start = (name: string, port: number, mode: ListenerMode) =>
    startListener({
      name, host: config.bindAddress, port, mode, limits, gate, clock: system.clock,
      tls: { certPem: pki.tls.chainPem, keyPem: pki.tls.keyPem },
      refusal: () => REFUSAL,
      idleFarewell: IDLE_FAREWELL,
      onConnection: (conn) => connections.attach(conn),
    });
  const opened: Listener[] = [];
  try {
    opened.push(await start('pop3s', config.ports.pop3Tls, 'implicit-tls'));
    opened.push(await start('pop3', config.ports.pop3Starttls, 'starttls'));
  } catch (e) {
    await Promise.all(opened.map((l) => l.close()));
    throw e;
  }
  const [tlsL, plainL] = opened as [Listener, Listener];
  return {
    listeners: {
      pop3s: `${config.bindAddress}:${tlsL.port} (implicit TLS)`,
      pop3: `${config.bindAddress}:${plainL.port} (STLS required)`,
    },
    ports: { pop3Tls: tlsL.port, pop3Starttls: plainL.port },
    sessions: () => connections.size,
    async close() {
      await Promise.all(opened.map((l) => l.close()));
    },
  };
}
