// Wires the PEC flow into an actor system: registers the three points and the outbound queue, and implements the
// entry-point contract of ports.ts (SubmissionPort for the access point, IncomingPort for the punto di ricezione).
import { type OutboundDeps, outboundKind } from '../outbound/outbound.actor.ts';
import type { RouteConfig } from '../outbound/routes.ts';
import { NodemailerSmtpClient, type SmtpClient } from '../outbound/smtp-client.ts';
import { MAX_MESSAGE_BYTES } from '../../src/config/mailbox-types.ts';
import type { EventBus } from '../../src/events/bus.ts';
import { PecLogWriter } from '../../src/events/pec-log-writer.ts';
import type { ProvidersIndex } from '../../src/pec/providers-index.ts';
import type { Gestore } from '../../src/pec/types.ts';
import { EicarScanner, type VirusScanner } from '../../src/pec/virus-scan.ts';
import type { Clock } from '../../src/runtime/clock.ts';
import type { ActorSystem } from '../../src/runtime/system.ts';
import { verifyDetached } from '../../src/signing/cms-verify.ts';
import type { Signer } from '../../src/signing/signer.ts';
import type { Store } from '../../src/store/index.ts';
import type { PecTransactionRepo } from '../../src/store/pec-transaction-repo.ts';
import { type PecDeps, isLocalDomain } from './deps.ts';
import { RecentBlobs, RecentReads } from './recent.ts';
import { decide, judge } from './incoming-verdict.ts';
import { type IncomingMsg, puntoAccessoName, puntoConsegnaName, puntoRicezioneName } from './messages.ts';
import type { IncomingMessage, IncomingPort, IncomingResult, SubmissionPort, SubmissionRequest, SubmissionResult } from './ports.ts';
import { puntoAccessoKind } from './punto-accesso.actor.ts';
import { puntoConsegnaKind } from './punto-consegna.actor.ts';
import { planFor, puntoRicezioneKind } from './punto-ricezione.actor.ts';

/** How long a submission may wait for its accettazione (signing queue included); SMTP clients wait 10 min for DATA. */
export const SUBMIT_TIMEOUT_MS = 120_000;
/** SPEC §0 D7: sizes up to at least the limit plus overhead are accepted at SMTP time; above this, refused. */
export const INCOMING_HARD_CAP_BYTES = 2 * MAX_MESSAGE_BYTES;

export interface PecServiceOptions {
  system: ActorSystem;
  store: Store;
  bus: EventBus;
  clock: Clock;
  signer: Signer;
  index: ProvidersIndex;
  gestore: Gestore;
  serviceAddress: string;
  /** EHLO name of outbound connections. */
  hostname: string;
  routes: Record<string, string>;
  smarthost: string;
  /** CAs of the peers imported with the index (static routes' TLS). */
  caPems: string[];
  scanner?: VirusScanner;
  smtp?: SmtpClient;
  resolveMx?: OutboundDeps['resolveMx'];
}

export interface PecService {
  readonly submission: SubmissionPort;
  readonly incoming: IncomingPort;
  readonly repo: PecTransactionRepo;
  readonly pecLog: PecLogWriter;
  readonly deps: PecDeps;
  /** Call after a mailbox is enabled again: delivers what was held meanwhile (punto-consegna.actor.ts). */
  releaseHeld(address: string): Promise<void>;
  /** After system.start(): releases held envelopes of mailboxes enabled while the process was down. */
  afterStart(): void;
  close(): void;
}

/** Registers the PEC kinds on the system; call before system.start() so recovered messages find their actors. */
export function createPecService(o: PecServiceOptions): PecService {
  const repo = o.store.pecTransactions;
  const pecLog = new PecLogWriter({ repo, pecLog: o.store.pecLog, bus: o.bus, write: (fn) => o.store.durable.savepoint(fn) });
  const deps: PecDeps = {
    store: o.store, blobs: new RecentBlobs(o.store.blobs), reads: new RecentReads(), repo, bus: o.bus, clock: o.clock, signer: o.signer, index: o.index, gestore: o.gestore,
    serviceAddress: o.serviceAddress.toLowerCase(), scanner: o.scanner ?? new EicarScanner(), pecLog, verify: verifyDetached,
  };
  const routes: RouteConfig = { routes: o.routes, smarthost: o.smarthost, caPems: o.caPems, isCertificato: (d) => o.index.isCertificato(d) };
  o.system
    .register(puntoAccessoKind(deps))
    .register(puntoRicezioneKind(deps))
    .register(puntoConsegnaKind(deps))
    .register(outboundKind({ pec: deps, smtp: o.smtp ?? new NodemailerSmtpClient(o.hostname), routes, ...(o.resolveMx ? { resolveMx: o.resolveMx } : {}) }));
  pecLog.recover();

  const submission: SubmissionPort = {
    submit: (req: SubmissionRequest) => o.system.ask<SubmissionResult>(puntoAccessoName(req.principal.address), { type: 'submit', req }, SUBMIT_TIMEOUT_MS),
  };

  const incoming: IncomingPort = {
    // SPEC §0 D7: any address of our PEC domains, unknown users and the service mailbox included.
    acceptsRecipient: (address) => address.includes('@') && isLocalDomain(deps, address),
    async receive(msg: IncomingMessage): Promise<IncomingResult> {
      if (msg.raw.length > INCOMING_HARD_CAP_BYTES) return { status: 'refused', smtp: '552 5.3.4 Message size exceeds fixed maximum message size' };
      const now = o.clock.now();
      const blobHash = await deps.blobs.put(msg.raw);
      const { verdict, pec } = await judge(deps, msg.raw, now);
      deps.reads.set(blobHash, pec); // the punto di ricezione reads the same bytes next
      const rcptTo = msg.rcptTo.map((r) => r.toLowerCase());
      const durable: IncomingMsg = { type: 'incoming', blobHash, size: msg.raw.length, mailFrom: msg.mailFrom, rcptTo, remote: msg.remote, tls: msg.tls, receivedAt: now, verdict };
      // SPEC §0 D7: only ordinary mail nobody here accepts is refused at SMTP time (the sender gets a bounce: never lost).
      const dec = decide(pec, verdict);
      const locals = rcptTo.filter((r) => isLocalDomain(deps, r) && r !== deps.serviceAddress);
      const refuse = dec.action === 'ordinaria' && locals.every((r) => ['non-consegnato', 'scartato'].includes(planFor(deps, r, false, false).azione));
      if (refuse) durable.refused = dec.motivo;
      await o.system.sendDurable(puntoRicezioneName(blobHash), durable);
      return refuse ? { status: 'refused', smtp: '550 5.7.1 Posta ordinaria non accettata da questa casella PEC' } : { status: 'accepted' };
    },
  };

  return {
    submission, incoming, repo, pecLog, deps,
    async releaseHeld(address) {
      await o.system.sendDurable(puntoConsegnaName(address), { type: 'release-held' });
    },
    afterStart() {
      for (const r of repo.heldRecipients()) {
        if (o.store.mailboxes.byAddress(r)?.state === 'attiva') void o.system.sendDurable(puntoConsegnaName(r), { type: 'release-held' });
      }
    },
    close() {
      pecLog.flush();
      pecLog.close();
    },
  };
}
