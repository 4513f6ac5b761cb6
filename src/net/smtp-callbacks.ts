// smtp-server's callbacks for one listener: each asks the connection's session actor and turns its answer into the
// library's callback form. No rule is decided here (they live in actors/protocol/smtp/); this is the I/O edge.
import type { SMTPServerDataStream, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import type { SessionAnswer, SmtpMode, SmtpSessionLink, SmtpSessionMsg } from '../protocol/smtp/session-messages.ts';
import { DATA_COMMIT_TIMEOUT_MS, DATA_PROGRESS_BYTES, SESSION_ASK_TIMEOUT_MS } from '../protocol/smtp/limits.ts';
import { isPositive, REPLIES, replyText } from '../protocol/smtp/replies.ts';
import { ActorStoppedError, SystemStoppedError } from '../runtime/errors.ts';
import { addressKey } from './address.ts';
import type { ConnectionGate } from './connection-gate.ts';
import { type HookedConnection, replyError } from './smtp-wire.ts';

export interface CallbackContext {
  readonly sessions: SmtpSessionLink;
  readonly gate: ConnectionGate;
  readonly mode: SmtpMode;
  /** STARTTLS port: AUTH is neither advertised nor accepted before TLS (RFC 3207 §4, RFC 4954 §4). */
  readonly starttls: boolean;
  /** Bytes kept of one DATA; beyond it the rest is read and dropped, and the session answers 552. */
  readonly dataCap: number;
  readonly connections: Map<string, HookedConnection>;
}

interface Tracked {
  readonly gateKey: string;
  secure: boolean;
}

type Callbacks = Required<Pick<SMTPServerOptions, 'onConnect' | 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData' | 'onClose'>>;

export function sessionCallbacks(ctx: CallbackContext): Callbacks {
  const tracked = new Map<string, Tracked>();

  async function ask(session: SMTPServerSession, msg: SmtpSessionMsg, timeoutMs = SESSION_ASK_TIMEOUT_MS): Promise<SessionAnswer> {
    try {
      const answer = await ctx.sessions.ask(session.id, msg, timeoutMs);
      if (answer.close) setImmediate(() => ctx.connections.get(session.id)?.close());
      return answer;
    } catch (e) {
      // A stopped session or system cannot answer again: 421 closes. A timeout or a full queue is temporary.
      if (e instanceof ActorStoppedError || e instanceof SystemStoppedError) return { reply: REPLIES.unavailable, close: true };
      return { reply: REPLIES.tryLater, close: false };
    }
  }

  /** Positive answers let the library send its own 2xx; refusals go back as errors carrying our reply. */
  const settle = (answer: SessionAnswer, cb: (err?: Error | null) => void) => (isPositive(answer.reply) ? cb() : cb(replyError(answer.reply)));

  return {
    onConnect(session, cb) {
      const gateKey = addressKey(session.remoteAddress);
      const verdict = ctx.gate.acquire(gateKey);
      if (verdict !== 'ok') return cb(replyError(verdict === 'too-many-from-address' ? REPLIES.tooManyConnections : REPLIES.serverBusy));
      tracked.set(session.id, { gateKey, secure: session.secure });
      if (ctx.starttls && !session.secure) session.disabledCommands = ['AUTH'];
      const open: SmtpSessionMsg = { type: 'open', mode: ctx.mode, remote: session.remoteAddress, secure: session.secure };
      void ask(session, open).then((a) => settle(a, cb));
    },
    onSecure(_socket, session, cb) {
      const t = tracked.get(session.id);
      if (!t || t.secure) return cb(); // implicit TLS: the session opened secure
      t.secure = true;
      session.disabledCommands = undefined; // back to the server-wide list: AUTH is offered now
      void ask(session, { type: 'secured' }).then((a) => settle(a, cb));
    },
    onAuth(auth, session, cb) {
      if (auth.method !== 'PLAIN' && auth.method !== 'LOGIN') return cb(replyError(REPLIES.tryLater));
      const msg: SmtpSessionMsg = { type: 'auth', login: auth.username ?? '', password: auth.password ?? '' };
      void ask(session, msg).then((a) =>
        isPositive(a.reply) ? cb(null, { user: auth.username }) : cb(null, { message: replyText(a.reply), responseCode: a.reply.code }),
      );
    },
    onMailFrom(address, session, cb) {
      const raw = address.args ? address.args.SIZE : undefined;
      const size = typeof raw === 'string' && /^\d{1,20}$/.test(raw) ? Number(raw) : null;
      void ask(session, { type: 'mail-from', address: address.address, size }).then((a) => settle(a, cb));
    },
    onRcptTo(address, session, cb) {
      void ask(session, { type: 'rcpt-to', address: address.address }).then((a) => settle(a, cb));
    },
    onData(stream, session, cb) {
      void readData(ctx, stream, session.id).then(async ({ raw, bytes, overCap, aborted }) => {
        if (aborted) return cb(replyError(REPLIES.tryLater));
        const a = await ask(session, { type: 'data', raw, bytes, overCap }, DATA_COMMIT_TIMEOUT_MS);
        return isPositive(a.reply) ? cb(null, replyText(a.reply)) : cb(replyError(a.reply));
      });
    },
    onClose(session) {
      ctx.connections.delete(session.id);
      const t = tracked.get(session.id);
      if (!t) return; // refused at connect: nothing was acquired nor opened
      tracked.delete(session.id);
      ctx.gate.release(t.gateKey);
      try {
        ctx.sessions.tell(session.id, { type: 'close' } satisfies SmtpSessionMsg);
      } catch {
        // The system is stopping or the queue is full: the session is passivated later anyway.
      }
    },
  };
}

/** Reads the DATA stream to its end, keeping at most ctx.dataCap bytes; tells the session as it goes. */
function readData(ctx: CallbackContext, stream: SMTPServerDataStream, id: string) {
  return new Promise<{ raw: Uint8Array; bytes: number; overCap: boolean; aborted: boolean }>((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let nextTick = DATA_PROGRESS_BYTES;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= ctx.dataCap) chunks.push(chunk);
      else chunks.length = 0; // over the hard cap: stop holding memory, the answer is 552 anyway
      if (bytes >= nextTick) {
        nextTick += DATA_PROGRESS_BYTES;
        try {
          ctx.sessions.tell(id, { type: 'data-progress', bytes } satisfies SmtpSessionMsg);
        } catch {
          // back-pressure on progress reports is harmless
        }
      }
    });
    stream.once('error', () => resolve({ raw: new Uint8Array(0), bytes, overCap: false, aborted: true }));
    stream.once('end', () => {
      const overCap = bytes > ctx.dataCap || stream.sizeExceeded;
      resolve({ raw: overCap ? new Uint8Array(0) : new Uint8Array(Buffer.concat(chunks)), bytes, overCap, aborted: false });
    });
  });
}
