// Sends one message to one route over SMTP with nodemailer (STARTTLS per the route's TLS policy) and reports what
// happened to each recipient: the only place of the outbound queue that touches the network.
import nodemailer from 'nodemailer';
import type { Route } from './routes.ts';

export interface DeliveryResult {
  accepted: string[];
  /** Recipients refused at RCPT (or the whole message refused at MAIL/DATA) with the server's reply. */
  rejected: { rcpt: string; permanent: boolean; response: string }[];
}

/** Failure before any recipient got an answer: connection, TLS, greeting, timeout. Always temporary. */
export class DeliveryError extends Error {
  constructor(readonly route: string, readonly detail: string, readonly permanent = false) {
    super(`${route}: ${detail}`);
    this.name = 'DeliveryError';
  }
}

/** The port the outbound actor sends through (tests may replace it). */
export interface SmtpClient {
  deliver(route: Route, envelope: { from: string; to: string[] }, raw: Uint8Array): Promise<DeliveryResult>;
}

export const SMTP_CONNECTION_TIMEOUT_MS = 30_000;
export const SMTP_GREETING_TIMEOUT_MS = 30_000;
export const SMTP_SOCKET_TIMEOUT_MS = 120_000;

interface NmError {
  responseCode?: number;
  permanent?: boolean;
  response?: string;
  code?: string;
  message: string;
  rejectedErrors?: { recipient?: string; responseCode?: number; permanent?: boolean; response?: string }[];
}

function isPermanent(code: number | undefined, flag: boolean | undefined): boolean {
  return flag ?? (code !== undefined && code >= 500 && code !== 503);
}

export class NodemailerSmtpClient implements SmtpClient {
  constructor(private readonly heloName: string) {}

  async deliver(route: Route, envelope: { from: string; to: string[] }, raw: Uint8Array): Promise<DeliveryResult> {
    const t = route.tls;
    const transport = nodemailer.createTransport({
      host: route.host,
      port: route.port,
      secure: false,
      name: this.heloName,
      requireTLS: t.require,
      opportunisticTLS: !t.require,
      connectionTimeout: SMTP_CONNECTION_TIMEOUT_MS,
      greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
      socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
      tls: {
        rejectUnauthorized: t.verify,
        ...(t.ca ? { ca: t.ca } : {}),
        ...(t.checkHostname ? {} : { checkServerIdentity: () => undefined }),
      },
    });
    const where = `${route.host}:${route.port}`;
    try {
      const info = await transport.sendMail({ envelope, raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) });
      const errs = (info as { rejectedErrors?: NmError['rejectedErrors'] }).rejectedErrors ?? [];
      return {
        accepted: info.accepted.map(String),
        rejected: info.rejected.map((r) => {
          const e = errs.find((x) => x.recipient === String(r));
          return { rcpt: String(r), permanent: isPermanent(e?.responseCode, e?.permanent), response: e?.response ?? 'rejected' };
        }),
      };
    } catch (err) {
      const e = err as NmError;
      if (e.rejectedErrors?.length) {
        // Every recipient refused at RCPT: report them one by one.
        return { accepted: [], rejected: e.rejectedErrors.map((x) => ({ rcpt: x.recipient ?? '', permanent: isPermanent(x.responseCode, x.permanent), response: x.response ?? e.message })) };
      }
      if (e.responseCode !== undefined) {
        // MAIL FROM or DATA refused: the same answer for every recipient.
        const permanent = isPermanent(e.responseCode, e.permanent);
        return { accepted: [], rejected: envelope.to.map((rcpt) => ({ rcpt, permanent, response: e.response ?? e.message })) };
      }
      throw new DeliveryError(where, e.code ? `${e.code} ${e.message}` : e.message);
    } finally {
      transport.close();
    }
  }
}
