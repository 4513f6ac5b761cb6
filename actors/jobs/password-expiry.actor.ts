// The daily password-expiry job (seed 003 "Scadenza della password"): reminders 20, 10 and 5 days before the 90-day
// expiry and the "password scaduta" message, to the PEC mailbox and the communication e-mail, each sent once per
// password. It runs on a persisted timer of the actor runtime, so a restart neither loses nor repeats a day.
import { DAY_MS, dueExpiryNotice, expiryNoticeKey, passwordExpiresAt } from '../../src/auth/password-expiry.ts';
import type { Notifier } from '../../src/notices/notifier.ts';
import { passwordExpiryText } from '../../src/notices/texts.ts';
import type { Actor, ActorContext, ActorKind } from '../../src/runtime/actor.ts';
import { UnknownKindError } from '../../src/runtime/errors.ts';
import type { ExpiryCandidate, NoticeRepo } from '../../src/store/notice-repo.ts';

export const JOBS_PREFIX = 'jobs';
export const PASSWORD_EXPIRY_JOB = `${JOBS_PREFIX}:password-expiry`;
/** The persisted timer's id: one timer, re-armed after each run (the same id replaces the previous one). */
export const PASSWORD_EXPIRY_TIMER = 'jobs.password-expiry.daily';
/** seed 003 counts in days: one sweep a day is enough to send each reminder on its day. */
export const PASSWORD_EXPIRY_INTERVAL_MS = DAY_MS;

/** `arm` at start-up (sweep now, then daily); `tick` from the timer. Both answer what was sent. */
export type JobMsg = { type: 'arm' } | { type: 'tick' };

export interface SentExpiryNotice {
  address: string;
  key: string;
}

export interface JobDeps {
  notices: NoticeRepo;
  notifier: Notifier;
  /** Failures of one mailbox's notice (full mailbox, smarthost down) are reported and do not stop the sweep. */
  onError?: (address: string, e: unknown) => void;
}

export function jobsKind(deps: JobDeps): ActorKind<JobMsg> {
  return {
    prefix: JOBS_PREFIX,
    supervision: 'resume',
    create(id): Actor<JobMsg> {
      if (`${JOBS_PREFIX}:${id}` !== PASSWORD_EXPIRY_JOB) throw new UnknownKindError(`${JOBS_PREFIX}:${id}`);
      return { receive: (_msg, ctx) => runPasswordExpiry(deps, ctx) };
    },
  };
}

async function runPasswordExpiry(deps: JobDeps, ctx: ActorContext): Promise<SentExpiryNotice[]> {
  const now = ctx.clock.now();
  const sent: SentExpiryNotice[] = [];
  for (const c of deps.notices.expiryCandidates()) {
    const notice = dueExpiryNotice(c.passwordChangedAt, now, deps.notices.expirySent(c.mailboxId, c.passwordChangedAt));
    if (!notice) continue;
    const key = expiryNoticeKey(notice);
    try {
      await sendExpiryNotice(deps.notifier, c, passwordExpiryText({ address: c.address, notice, expiresAt: passwordExpiresAt(c.passwordChangedAt) }));
    } catch (e) {
      deps.onError?.(c.address, e);
    }
    // Recorded even when one channel failed: the notice is in the outbox, and a daily retry would spam the other channel.
    ctx.tx(() => deps.notices.markExpirySent(c.mailboxId, c.passwordChangedAt, key, now));
    sent.push({ address: c.address, key });
  }
  ctx.tx((tx) => tx.schedule(PASSWORD_EXPIRY_TIMER, now + PASSWORD_EXPIRY_INTERVAL_MS, PASSWORD_EXPIRY_JOB, { type: 'tick' }));
  return sent;
}

/** seed 003: "riceverà nella propria casella pec, oltre che all'indirizzo email alternativo, una notifica". */
async function sendExpiryNotice(notifier: Notifier, c: ExpiryCandidate, text: { subject: string; body: string }): Promise<void> {
  const target = { kind: 'password-expiry' as const, mailboxId: c.mailboxId, domainId: c.domainId };
  const results = await Promise.allSettled([
    notifier.toPecMailbox(c.address, text),
    c.communicationEmail ? notifier.email(c.communicationEmail, text, target) : Promise.resolve(null),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}
