// The SMTP listeners: submission with implicit TLS (465) and STARTTLS (587), and the MX (25) of the punto di ricezione.
//
// DECISION: nodemailer's smtp-server (3.21, measured working on Bun in DEPENDENCIES.md) owns the wire, behind one
// session actor per connection that holds the state and applies every rule. Why not our own codec:
// - the SMTP wire is small but full of traps smtp-server already handles and tests: dot-stuffing and the end-of-data
//   marker split across packets, PIPELINING with plaintext injected before STARTTLS (it discards it), SASL PLAIN/LOGIN
//   encodings, RFC 1870 SIZE, command-line limits, early talkers, HTTP-request smuggling, idle and close timeouts;
// - it is the maintained mail-ecosystem library CONVENTIONS 15 asks us to prefer (same family as nodemailer/postal-mime),
//   and its split (smtp-stream codec / smtp-connection session) is the model CONVENTIONS 1 cites;
// - what it lacks does not matter here (no CHUNKING/BDAT: PEC clients do not need it) or is bridged: its enhanced codes
//   come from the reply code alone, so smtp-wire.ts lets our replies carry their own (553 5.7.1, 552 5.3.4, 452 4.5.3).
// The library decides nothing about PEC: its callbacks ask `smtp-session:<id>` (actors/protocol/smtp/), whose state is
// a discriminated union, and answer with the actor's typed reply. This file only builds and binds the servers.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Config } from '../config/config.ts';
import {
  MAX_BAD_COMMANDS,
  MAX_COMMAND_LINE_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_RECIPIENTS,
  MAX_UNAUTHENTICATED_COMMANDS,
  MX_MAX_MESSAGE_BYTES,
  type SmtpLimits,
} from '../protocol/smtp/limits.ts';
import type { SmtpMode, SmtpSessionLink } from '../protocol/smtp/session-messages.ts';
import type { Pki } from '../signing/pki.ts';
import { ConnectionGate } from './connection-gate.ts';
import { MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS, SMTP_IDLE_TIMEOUT_MS } from './limits.ts';
import { sessionCallbacks } from './smtp-callbacks.ts';
import { type HookedConnection, hookConnections } from './smtp-wire.ts';

export const DEFAULT_SMTP_LIMITS: SmtpLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  mxMaxMessageBytes: MX_MAX_MESSAGE_BYTES,
  maxRecipients: MAX_RECIPIENTS,
  maxBadCommands: MAX_BAD_COMMANDS,
  maxUnauthenticatedCommands: MAX_UNAUTHENTICATED_COMMANDS,
  maxCommandLineBytes: MAX_COMMAND_LINE_BYTES,
  idleTimeoutMs: SMTP_IDLE_TIMEOUT_MS,
  maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
  maxConnections: MAX_CONNECTIONS,
};

/** After close() the connections still open get this long to finish before they are cut. */
export const SMTP_CLOSE_TIMEOUT_MS = 2_000;

export interface SmtpServerDeps {
  config: Config;
  pki: Pki;
  /** The session of each connection (actors/protocol/smtp/listeners.ts links it to the actor system). */
  sessions: SmtpSessionLink;
  limits: SmtpLimits;
}

export interface SmtpListeners {
  /** name -> URL, for the start banner. */
  listeners: Record<string, string>;
  /** The bound ports (differ from the configuration when it asked for 0). */
  ports: { submissionTls: number; submissionStarttls: number; smtpMx: number };
  close(): Promise<void>;
}

interface ListenerSpec {
  key: keyof SmtpListeners['ports'];
  name: string;
  scheme: string;
  mode: SmtpMode;
  implicitTls: boolean;
}

const SPECS: readonly ListenerSpec[] = [
  { key: 'submissionTls', name: 'smtp submission (TLS)', scheme: 'smtps', mode: 'submission', implicitTls: true },
  { key: 'submissionStarttls', name: 'smtp submission (STARTTLS)', scheme: 'smtp+starttls', mode: 'submission', implicitTls: false },
  { key: 'smtpMx', name: 'smtp mx (STARTTLS)', scheme: 'smtp', mode: 'mx', implicitTls: false },
];

/** Binds the three SMTP servers; each connection's callbacks go to its session through deps.sessions. */
export async function startSmtpServers(deps: SmtpServerDeps): Promise<SmtpListeners> {
  const limits = deps.limits;
  // One gate for the three listeners: the per-address bound counts a client's SMTP connections together.
  const gate = new ConnectionGate(limits.maxConnections, limits.maxConnectionsPerAddress);
  const servers: SMTPServer[] = [];
  const listeners: Record<string, string> = {};
  const ports = { submissionTls: 0, submissionStarttls: 0, smtpMx: 0 };
  const close = () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined);
  try {
    for (const spec of SPECS) {
      const server = createServer(deps, spec, limits, gate);
      servers.push(server);
      const port = await listen(server, deps.config.ports[spec.key], deps.config.bindAddress);
      ports[spec.key] = port;
      listeners[spec.name] = `${spec.scheme}://${deps.config.bindAddress}:${port}`;
    }
  } catch (e) {
    await close();
    throw e;
  }
  return { listeners, ports, close };
}

function createServer(deps: SmtpServerDeps, spec: ListenerSpec, limits: SmtpLimits, gate: ConnectionGate): SMTPServer {
  const submission = spec.mode === 'submission';
  const connections = new Map<string, HookedConnection>();
  const options: SMTPServerOptions = {
    secure: spec.implicitTls,
    key: deps.pki.tls.keyPem,
    cert: deps.pki.tls.chainPem,
    name: deps.config.hostname,
    banner: submission ? `${deps.config.providerName} PEC submission` : `${deps.config.providerName} PEC`,
    // RFC 1870 §4: SIZE advertises the hard cap; after AUTH the mailbox type's own limit applies (session actor).
    size: submission ? limits.maxMessageBytes : limits.mxMaxMessageBytes,
    authMethods: ['PLAIN', 'LOGIN'],
    authRequiredMessage: '5.7.0 Authentication required',
    disabledCommands: submission ? [] : ['AUTH'], // no AUTH on the MX: peers are not users
    // SPEC §0 D16: 8-bit bodies are converted to 7-bit (seven-bit.ts) before the envelope is built, so 8BITMIME is
    // safe; SMTPUTF8 is not offered: PEC addresses are ASCII (login-name.ts) and UTF-8 headers cannot be downgraded.
    hideSMTPUTF8: true,
    hide8BITMIME: false,
    hidePIPELINING: false,
    hideENHANCEDSTATUSCODES: false,
    hideDSN: true,
    hideREQUIRETLS: true,
    maxClients: limits.maxConnections,
    socketTimeout: limits.idleTimeoutMs,
    closeTimeout: SMTP_CLOSE_TIMEOUT_MS,
    maxCommandLength: limits.maxCommandLineBytes,
    maxAllowedUnauthenticatedCommands: submission ? limits.maxUnauthenticatedCommands : false,
    disableReverseLookup: true, // PTR names are not used by any rule; a lookup costs up to 1.5 s per connection
    logger: false,
    ...sessionCallbacks({
      sessions: deps.sessions,
      gate,
      mode: spec.mode,
      starttls: !spec.implicitTls,
      dataCap: submission ? limits.maxMessageBytes : limits.mxMaxMessageBytes,
      connections,
    }),
  };
  const server = new SMTPServer(options);
  hookConnections(server, connections);
  // Socket-level errors (resets, TLS failures) are per connection; the listener keeps serving.
  server.on('error', () => undefined);
  return server;
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      const addr = server.server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
