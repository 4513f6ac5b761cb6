// The smarthost transport for ordinary notices (config.smarthost "host:port"), through nodemailer's SMTP client.
import nodemailer from 'nodemailer';
import type { NoticeTransport } from './notifier.ts';

/** A notice that the smarthost does not take within this time is marked failed (it stays readable in the console). */
export const SMARTHOST_TIMEOUT_MS = 15_000;

export function smarthostTransport(hostPort: string): NoticeTransport {
  const sep = hostPort.lastIndexOf(':');
  const host = hostPort.slice(0, sep);
  const port = Number(hostPort.slice(sep + 1));
  const transporter = nodemailer.createTransport({
    host,
    port,
    secure: port === 465, // RFC 8314: implicit TLS on 465, STARTTLS when offered elsewhere
    connectionTimeout: SMARTHOST_TIMEOUT_MS,
    greetingTimeout: SMARTHOST_TIMEOUT_MS,
    socketTimeout: SMARTHOST_TIMEOUT_MS,
  });
  return {
    async send(envelope, raw) {
      await transporter.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw: Buffer.from(raw) });
    },
  };
}
