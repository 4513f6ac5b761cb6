// The outbound queue, one actor per destination domain (`outbound:<domain>`): envelopes to other providers and to
// ordinary addresses, receipts to peers, forwards and notifications. Per-recipient state, retries with backoff on
// 4xx and network errors through persisted timers, a 24 h lifetime (RFC 6109 §2.2.2), results reported to the
// sender's punto di accesso. Permanent 5xx: see `reportable` below.
import { type PecDeps, logEntry } from '../pec/deps.ts';
import { type OutboundMsg, puntoAccessoName } from '../pec/messages.ts';
import { sendOnce } from '../pec/dispatch.ts';
import type { Actor, ActorContext, ActorKind, Tx } from '../../src/runtime/actor.ts';
import type { OutboundItem } from '../../src/store/pec-transaction-repo.ts';
import { OUTBOUND_LIFETIME_MS, type RouteConfig, type Route, resolveRoutes, retryDelay } from './routes.ts';
import type { SmtpClient } from './smtp-client.ts';

export const OUTBOUND_PASSIVATE_AFTER_MS = 10 * 60_000;

export interface OutboundDeps {
  pec: PecDeps;
  smtp: SmtpClient;
  routes: RouteConfig;
  /** DNS MX lookup (tests inject one). */
  resolveMx?: Parameters<typeof resolveRoutes>[2];
}

export function outboundKind(deps: OutboundDeps): ActorKind<OutboundMsg> {
  return {
    prefix: 'outbound',
    supervision: 'restart',
    passivateAfterMs: OUTBOUND_PASSIVATE_AFTER_MS,
    create: (domain) => new OutboundQueue(deps, domain),
  };
}

export const outboundTimer = (id: string) => `outbound:${id}`;

type Rcpts = OutboundItem['recipients'];

/** One attempt's answers applied to the per-recipient states; returns the recipients that reached a final state. */
export function applyAttempt(rcpts: Rcpts, result: { accepted: string[]; rejected: { rcpt: string; permanent: boolean; response: string }[] } | { error: string }, expired: boolean): { next: Rcpts; settled: { rcpt: string; ok: boolean; detail: string }[] } {
  const next: Rcpts = structuredClone(rcpts);
  const settled: { rcpt: string; ok: boolean; detail: string }[] = [];
  const pending = Object.keys(next).filter((r) => next[r]!.state === 'pending');
  for (const rcpt of pending) {
    let state: 'pending' | 'sent' | 'failed' = 'pending';
    let detail = '';
    if ('error' in result) detail = result.error;
    else if (result.accepted.some((a) => a.toLowerCase() === rcpt)) state = 'sent';
    else {
      const r = result.rejected.find((x) => x.rcpt.toLowerCase() === rcpt);
      detail = r?.response ?? 'no answer for this recipient';
      if (r?.permanent) state = 'failed';
    }
    if (state === 'pending' && expired) state = 'failed';
    next[rcpt] = { state, ...(detail ? { detail } : {}) };
    if (state !== 'pending') settled.push({ rcpt, ok: state === 'sent', detail: state === 'sent' ? 'accettato dal server di destinazione' : detail });
  }
  return { next, settled };
}

class OutboundQueue implements Actor<OutboundMsg> {
  constructor(
    private readonly deps: OutboundDeps,
    private readonly domain: string,
  ) {}

  async receive(msg: OutboundMsg, ctx: ActorContext): Promise<void> {
    const { repo, clock } = this.deps.pec;
    if (msg.type === 'enqueue') {
      const now = clock.now();
      const recipients = Object.fromEntries(msg.rcptTo.map((r) => [r.toLowerCase(), { state: 'pending' as const }]));
      ctx.tx((tx) => {
        const fresh = repo.insertOutbound({ id: msg.id, domain: this.domain, kind: msg.kind, identificativo: msg.identificativo, blobHash: msg.blobHash, mailFrom: msg.mailFrom, recipients, createdAt: now });
        if (!fresh) return;
        // The queue holds its own reference: a recipient deleting its local copy must not remove what we still send.
        this.deps.pec.store.messages.pinBlob(msg.blobHash);
        // The first attempt is a durable message, not a timer: it runs now whatever the clock does.
        sendOnce(tx, ctx.self, { type: 'attempt', id: msg.id }, `attempt:${msg.id}`);
      });
      return;
    }
    const item = repo.outbound(msg.id);
    if (!item || item.state !== 'queued') return;
    await this.attempt(item, ctx);
  }

  private async attempt(item: OutboundItem, ctx: ActorContext): Promise<void> {
    const { pec, smtp, routes } = this.deps;
    const { repo } = pec;
    const to = Object.keys(item.recipients).filter((r) => item.recipients[r]!.state === 'pending');
    let result: Parameters<typeof applyAttempt>[1];
    try {
      const raw = await pec.blobs.get(item.blobHash);
      result = await this.tryRoutes(await resolveRoutes(this.domain, routes, this.deps.resolveMx), { from: item.mailFrom, to }, raw);
    } catch (e) {
      result = { error: e instanceof Error ? e.message : String(e) };
    }
    const now = pec.clock.now();
    const attempts = item.attempts + 1;
    const expired = now - item.createdAt >= OUTBOUND_LIFETIME_MS;
    const { next, settled } = applyAttempt(item.recipients, result, expired);
    const stillPending = Object.values(next).some((r) => r.state === 'pending');
    const retryAt = Math.min(now + retryDelay(attempts), item.createdAt + OUTBOUND_LIFETIME_MS);
    const lastError = 'error' in result ? result.error : (result.rejected[0]?.response ?? null);
    ctx.tx((tx) => {
      repo.updateOutbound({ id: item.id, recipients: next, attempts, nextAttemptAt: stillPending ? retryAt : null, state: stillPending ? 'queued' : Object.values(next).some((r) => r.state === 'failed') ? 'failed' : 'done', lastError });
      if (stillPending) tx.schedule(outboundTimer(item.id), retryAt, ctx.self, { type: 'attempt', id: item.id });
      else if (pec.store.messages.unpinBlob(item.blobHash)) tx.afterCommit(() => void pec.blobs.delete(item.blobHash).then(() => pec.store.messages.forgetBlob(item.blobHash)).catch(() => {}));
      this.report(tx, item, settled, now);
    });
  }

  /** MX hosts in preference order: the first that answers decides (RFC 5321 §5.1). */
  private async tryRoutes(list: Route[], envelope: { from: string; to: string[] }, raw: Uint8Array) {
    let last: unknown = null;
    for (const route of list) {
      try {
        return await this.deps.smtp.deliver(route, envelope, raw);
      } catch (e) {
        last = e;
      }
    }
    throw last ?? new Error(`no route to ${this.domain}`);
  }

  /**
   * Decision on final SMTP outcomes: an envelope's result goes to the sender's punto di accesso, which records it for
   * esterno recipients and logs it for certificato ones; no notice is sent to the user in either case — for esterno
   * recipients the sender gets the accettazione only (seed 000 §2.3, SPEC §5.6), for certificato recipients the
   * 12 h / 24 h notices give the outcome (RFC 6109 §2.2.2, SPEC §0 D2). Receipts and ordinary mail that cannot be
   * delivered are logged.
   */
  private report(tx: Tx, item: OutboundItem, settled: { rcpt: string; ok: boolean; detail: string }[], now: number): void {
    const { pec } = this.deps;
    for (const s of settled) {
      if (item.kind === 'busta' && item.identificativo) {
        const esito = { type: 'esito-inoltro', identificativo: item.identificativo, destinatario: s.rcpt, ok: s.ok, detail: s.detail };
        sendOnce(tx, puntoAccessoName(item.mailFrom), esito, `esito:${item.id}:${s.rcpt}`);
      } else if (!s.ok) {
        pec.bus.emit({ type: 'pec.outbound-failed', identificativo: item.identificativo ?? undefined, destinatari: [s.rcpt], kind: item.kind, detail: s.detail });
        if (item.identificativo) {
          pec.pecLog.stage(tx, logEntry(pec, now, 'MancataConsegna', { identificativo: item.identificativo, mittente: item.mailFrom }, null, { inoltro: item.kind, consegna: s.rcpt, smtp: s.detail }));
        }
      }
    }
  }
}
