// Where mail for a domain goes and with which TLS policy: a static route (config.routes: private links between
// providers, tests), the ordinary-mail smarthost, or the domain's MX records (RFC 5321 §5.1). Pure except resolveMx.
import { resolveMx } from 'node:dns/promises';

export interface Route {
  host: string;
  port: number;
  /** static = an operator-configured link; mx = the public Internet; smarthost = the ordinary-mail relay. */
  via: 'static' | 'mx' | 'smarthost';
  tls: TlsPolicy;
}

/**
 * TLS decision (SPEC §9.2, RFC 6109 §5.3, RFC 7435):
 * - static routes: STARTTLS when offered; the peer's chain is verified against the CAs imported with the providers'
 *   index (`<data>/index/*.ca.pem`) when there are any, without a host-name check (the route pins the host);
 *   with no imported CA the certificate is not verified — acceptable only because the operator configured the link.
 * - MX towards a PEC (certificato) domain: STARTTLS required and the certificate verified by the system CAs.
 * - MX or smarthost towards ordinary mail: opportunistic STARTTLS, not verified (unauthenticated encryption beats
 *   plaintext, RFC 7435 §1.3).
 */
export interface TlsPolicy {
  require: boolean;
  verify: boolean;
  ca?: string[];
  checkHostname: boolean;
}

export const DEFAULT_SMTP_PORT = 25;

export class NoRouteError extends Error {
  /** A domain without MX or A records will not get one by retrying for a while, but DNS may be down: temporary. */
  readonly temporary = true;
  constructor(readonly domain: string, detail: string) {
    super(`no route to ${domain}: ${detail}`);
    this.name = 'NoRouteError';
  }
}

export interface RouteConfig {
  routes: Record<string, string>;
  smarthost: string;
  /** CAs imported beside the index records (trusted for the peers' TLS certificates on static routes). */
  caPems: string[];
  isCertificato: (domain: string) => boolean;
}

function hostPort(v: string): { host: string; port: number } {
  const i = v.lastIndexOf(':');
  return { host: v.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(v.slice(i + 1)) };
}

/** The static or smarthost route for a domain, or null when DNS decides. */
export function configuredRoute(domain: string, c: RouteConfig): Route | null {
  const d = domain.toLowerCase();
  const fixed = c.routes[d];
  if (fixed) {
    const verify = c.caPems.length > 0;
    return { ...hostPort(fixed), via: 'static', tls: { require: false, verify, ...(verify ? { ca: c.caPems } : {}), checkHostname: false } };
  }
  if (c.smarthost && !c.isCertificato(d)) return { ...hostPort(c.smarthost), via: 'smarthost', tls: { require: false, verify: false, checkHostname: false } };
  return null;
}

/** RFC 5321 §5.1: MX hosts by preference; no MX ⇒ the domain itself (implicit MX). */
export async function resolveRoutes(domain: string, c: RouteConfig, lookup = resolveMx): Promise<Route[]> {
  const configured = configuredRoute(domain, c);
  if (configured) return [configured];
  const certificato = c.isCertificato(domain);
  const tls: TlsPolicy = certificato ? { require: true, verify: true, checkHostname: true } : { require: false, verify: false, checkHostname: false };
  let mx: { exchange: string; priority: number }[];
  try {
    mx = await lookup(domain);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENODATA' || code === 'ENOTFOUND') mx = [];
    else throw new NoRouteError(domain, code ?? String(e));
  }
  // RFC 7505: a single "." MX means the domain accepts no mail.
  if (mx.length === 1 && (mx[0]!.exchange === '' || mx[0]!.exchange === '.')) throw new NoRouteError(domain, 'null MX');
  const hosts = mx.length ? [...mx].sort((a, b) => a.priority - b.priority).map((m) => m.exchange) : [domain];
  return hosts.map((host) => ({ host, port: DEFAULT_SMTP_PORT, via: 'mx' as const, tls }));
}

/** Backoff between delivery attempts: 1, 2, 4 … minutes, capped at an hour (RFC 5321 §4.5.4.1: at least 30 min is usual; PEC needs faster). */
export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 3_600_000;
/** RFC 6109 §2.2.2: a PEC queue keeps a message at most 24 h, so that the sender always gets an outcome. */
export const OUTBOUND_LIFETIME_MS = 24 * 3_600_000;

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}
