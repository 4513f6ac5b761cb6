// What the SMTP listener (src/net) and the SMTP session actor (actors/protocol/smtp) say to each other: one message
// per smtp-server callback, and the typed reply the actor gives back.
import type { SmtpReply } from './replies.ts';

/** submission: 465/587, authenticated senders (punto di accesso); mx: 25, other providers (punto di ricezione). */
export type SmtpMode = 'submission' | 'mx';

export type SmtpSessionMsg =
  /** First message of a connection; a session that receives anything else first was passivated and is lost. */
  | { type: 'open'; mode: SmtpMode; remote: string; secure: boolean }
  /** STARTTLS completed (RFC 3207 §4.2: forget what the client said before). */
  | { type: 'secured' }
  | { type: 'auth'; login: string; password: string }
  /** `size` is the RFC 1870 SIZE= parameter, null when absent. */
  | { type: 'mail-from'; address: string; size: number | null }
  | { type: 'rcpt-to'; address: string }
  /** Told (not asked) while DATA streams in: keeps the session alive through a long upload. */
  | { type: 'data-progress'; bytes: number }
  /** End of DATA: `bytes` were received; `raw` is empty when they exceeded the listener's hard cap. */
  | { type: 'data'; raw: Uint8Array; bytes: number; overCap: boolean }
  | { type: 'close' };

/** The session's answer to one message: the reply to send and whether the connection closes after it. */
export interface SessionAnswer {
  readonly reply: SmtpReply;
  readonly close: boolean;
}

/** How the listener reaches the session of a connection (the actor system, seen from the socket side). */
export interface SmtpSessionLink {
  ask(connectionId: string, msg: SmtpSessionMsg, timeoutMs: number): Promise<SessionAnswer>;
  tell(connectionId: string, msg: SmtpSessionMsg): void;
}
