// Typed configuration: embedded defaults that run out of the box, overridden by PEC_* environment variables.
// Mail ports default to the standard port + 2000 so that no privileges are needed (README "Configuration").

export interface PortsConfig {
  http: number;
  smtpMx: number; // STARTTLS, punto di ricezione (25 in production)
  submissionTls: number; // implicit TLS (465)
  submissionStarttls: number; // STARTTLS (587)
  imapTls: number; // 993
  imapStarttls: number; // 143
  pop3Tls: number; // 995
  pop3Starttls: number; // 110
}

export interface Config {
  dataDir: string;
  bindAddress: string;
  /** Host name the listeners announce (SMTP greeting, TLS certificate SAN, links in notices). */
  hostname: string;
  providerName: string;
  /** The provider's primary PEC domain: its service address is posta-certificata@<primaryDomain> (RFC 6109 §2.1). */
  primaryDomain: string;
  ports: PortsConfig;
  demo: boolean;
  demoPassword: string;
  /** Public base URL of the web (links in reset e-mails). */
  publicUrl: string;
  /** Static routes PEC domain -> host:port, overriding DNS MX (private links between providers, tests). */
  routes: Record<string, string>;
  /** Ordinary mail smarthost host:port; empty = keep notices in the local outbox shown by the console. */
  smarthost: string;
  /** ClamAV clamd `host:port` (INSTREAM); empty = the built-in EICAR detector only. */
  clamd: string;
  /** Log one structured line per event on stdout. */
  logEvents: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DEMO_PASSWORD = 'DemoPec-2026!';

export const DEFAULT_PORTS: PortsConfig = {
  http: 8080,
  smtpMx: 2525,
  submissionTls: 2465,
  submissionStarttls: 2587,
  imapTls: 2993,
  imapStarttls: 2143,
  pop3Tls: 2995,
  pop3Starttls: 2110,
};

/** Environment variable for each port (README lists them). */
export const PORT_VARIABLES: Record<keyof PortsConfig, string> = {
  http: 'PEC_HTTP_PORT',
  smtpMx: 'PEC_SMTP_PORT',
  submissionTls: 'PEC_SUBMISSION_TLS_PORT',
  submissionStarttls: 'PEC_SUBMISSION_PORT',
  imapTls: 'PEC_IMAPS_PORT',
  imapStarttls: 'PEC_IMAP_PORT',
  pop3Tls: 'PEC_POP3S_PORT',
  pop3Starttls: 'PEC_POP3_PORT',
};

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new ConfigError(`${name}=${raw} is not a port number (0-65535)`);
  return Number(raw);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name}=${raw} must be 1 or 0`);
}

/** `pec.a.test=127.0.0.1:3525,pec.b.test=host:25` */
function routes(env: Env): Record<string, string> {
  const raw = env.PEC_ROUTES?.trim();
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const item of raw.split(',')) {
    const m = /^\s*([a-z0-9.-]+)\s*=\s*([a-z0-9.-]+|\[[0-9a-f:]+\]):(\d{1,5})\s*$/i.exec(item);
    if (!m) throw new ConfigError(`PEC_ROUTES entry "${item}" must look like domain=host:port`);
    out[m[1]!.toLowerCase()] = `${m[2]}:${m[3]}`;
  }
  return out;
}

export function loadConfig(env: Env = process.env): Config {
  const ports = Object.fromEntries(
    (Object.keys(DEFAULT_PORTS) as Array<keyof PortsConfig>).map((k) => [k, port(env, PORT_VARIABLES[k], DEFAULT_PORTS[k])]),
  ) as unknown as PortsConfig;
  const bindAddress = env.PEC_BIND || '127.0.0.1';
  const hostname = (env.PEC_HOSTNAME || 'localhost').toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(hostname)) throw new ConfigError(`PEC_HOSTNAME=${hostname} is not a host name`);
  const primaryDomain = (env.PEC_DOMAIN || 'pec.demo.test').toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(primaryDomain)) throw new ConfigError(`PEC_DOMAIN=${primaryDomain} is not a domain name`);
  const smarthost = env.PEC_SMARTHOST?.trim() ?? '';
  if (smarthost && !/^[a-z0-9.-]+:\d{1,5}$/i.test(smarthost)) throw new ConfigError(`PEC_SMARTHOST=${smarthost} must be host:port`);
  const clamd = env.PEC_CLAMD?.trim() ?? '';
  if (clamd && !/^[a-z0-9.-]+:\d{1,5}$/i.test(clamd)) throw new ConfigError(`PEC_CLAMD=${clamd} must be host:port`);
  const demoPassword = env.PEC_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  return {
    dataDir: env.PEC_DATA_DIR || './data',
    bindAddress,
    hostname,
    providerName: env.PEC_PROVIDER_NAME || 'Gestore PEC Demo',
    primaryDomain,
    ports,
    demo: flag(env, 'PEC_DEMO', true),
    demoPassword,
    publicUrl: (env.PEC_PUBLIC_URL || `http://${hostname}:${ports.http}`).replace(/\/$/, ''),
    routes: routes(env),
    smarthost,
    clamd,
    logEvents: flag(env, 'PEC_LOG_EVENTS', true),
  };
}
