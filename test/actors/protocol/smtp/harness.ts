// Test harness: a session actor on a real ActorSystem with a simulated clock and in-memory fake ports.
import type { IncomingMessage, IncomingResult, IncomingPort, SubmissionPort, SubmissionRequest, SubmissionResult } from '../../../../actors/pec/ports.ts';
import type { MailboxLimits, SmtpSessionDeps, SmtpSessionMsg } from '../../../../actors/protocol/smtp/messages.ts';
import { type SessionAnswer, smtpSessionKind, smtpSessionName } from '../../../../actors/protocol/smtp/session.actor.ts';
import type { LoginAttempt, MailboxLogin } from '../../../../src/auth/authenticator.ts';
import { LoginRefusedError } from '../../../../src/auth/login-refusal.ts';
import type { MailboxPrincipal } from '../../../../src/auth/principal.ts';
import type { AppEvent } from '../../../../src/events/catalogue.ts';
import { formatReply } from '../../../../src/protocol/smtp/replies.ts';
import { SimulatedClock } from '../../../../src/runtime/clock.ts';
import { MemoryDurableStore } from '../../../../src/runtime/memory-durable.ts';
import { ActorSystem } from '../../../../src/runtime/system.ts';

export const MARIO: MailboxPrincipal = { kind: 'titolare', mailboxId: '1', address: 'mario.rossi@pec.demo.test' };
export const PASSWORD = 'giusta';

export interface HarnessOptions {
  principal?: MailboxPrincipal;
  limits?: Partial<SmtpSessionDeps['limits']>;
  mailbox?: MailboxLimits;
  submit?: (r: SubmissionRequest) => Promise<SubmissionResult>;
  receive?: (m: IncomingMessage) => Promise<IncomingResult>;
}

export function harness(opts: HarnessOptions = {}) {
  const clock = new SimulatedClock();
  const system = new ActorSystem({ store: new MemoryDurableStore(), clock });
  const submitted: SubmissionRequest[] = [];
  const received: IncomingMessage[] = [];
  const events: AppEvent[] = [];
  const logins: LoginAttempt[] = [];
  const submission: SubmissionPort = {
    async submit(r) {
      submitted.push(r);
      return opts.submit ? opts.submit(r) : { status: 'accepted', identificativo: 'opec275.20260115@pec.demo.test', messageId: '<x@pec.demo.test>' };
    },
  };
  const incoming: IncomingPort = {
    acceptsRecipient: (a) => /@pec\.(demo|esempio)\.test$/i.test(a),
    async receive(m) {
      received.push(m);
      return opts.receive ? opts.receive(m) : { status: 'accepted' };
    },
  };
  const deps: SmtpSessionDeps = {
    auth: {
      async loginMailbox(a: LoginAttempt): Promise<MailboxLogin> {
        logins.push(a);
        if (a.password === 'lento') throw new LoginRefusedError('throttled', 60_000);
        if (a.password !== PASSWORD) throw new LoginRefusedError('wrong-credentials');
        return { principal: opts.principal ?? MARIO, mustChangePassword: false };
      },
    },
    mailboxLimits: () => opts.mailbox ?? { maxMessageBytes: 50 * 1024 * 1024, maxRecipients: 500 },
    submission,
    incoming,
    limits: { maxMessageBytes: 50 * 1024 * 1024, mxMaxMessageBytes: 70 * 1024 * 1024, maxRecipients: 1000, maxBadCommands: 10, ...opts.limits },
    emit: (e) => events.push(e),
  };
  system.register(smtpSessionKind(deps));
  let n = 0;

  /** Opens a session and returns a function that asks it and formats the reply line. */
  async function open(mode: 'submission' | 'mx', secure = true) {
    const id = `t${++n}`;
    const ask = async (msg: SmtpSessionMsg) => {
      const a = await system.ask<SessionAnswer>(smtpSessionName(id), msg, 5_000);
      return { line: formatReply(a.reply), close: a.close, code: a.reply.code };
    };
    await ask({ type: 'open', mode, remote: '192.0.2.7', secure });
    return { id, ask, line: async (msg: SmtpSessionMsg) => (await ask(msg)).line };
  }

  /** A submission session already authenticated as MARIO. */
  async function authenticated() {
    const s = await open('submission');
    await s.ask({ type: 'auth', login: MARIO.address, password: PASSWORD });
    return s;
  }

  return { clock, system, submitted, received, events, logins, open, authenticated };
}

export const bytes = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));
export const data = (s: string | Uint8Array): SmtpSessionMsg => {
  const raw = typeof s === 'string' ? bytes(s) : s;
  return { type: 'data', raw, bytes: raw.length, overCap: false };
};
