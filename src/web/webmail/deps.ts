// What the webmail and settings sub-apps need from the provider (Provider satisfies it structurally), resolved
// lazily per request because the web app is built before the provider object that owns it.
import type { SubmissionPort } from '../../../actors/pec/ports.ts';
import type { MailboxWatchers } from '../../../actors/mailbox/watchers.ts';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { Config } from '../../config/config.ts';
import type { EventBus } from '../../events/bus.ts';
import type { ProvidersIndex } from '../../pec/providers-index.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { ActorSystem } from '../../runtime/system.ts';
import type { Store } from '../../store/index.ts';
import type { NoticeTarget } from '../../notices/notifier.ts';
import type { NoticeText } from '../../notices/texts.ts';

export interface WebmailDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly store: Store;
  readonly bus: EventBus;
  readonly system: ActorSystem;
  readonly watchers: MailboxWatchers;
  readonly auth: Authenticator;
  readonly serviceAddress: string;
  /** The punto di accesso (actors/pec); absent until the PEC flow is composed: sending then answers 503. */
  readonly submission?: SubmissionPort | undefined;
  /** The providers' index: signatures are "valida" only when the signer is in it (SPEC §0 D8). */
  readonly index?: ProvidersIndex | undefined;
  /** Ordinary-mail notices (src/notices): the "password dimenticata" link goes out through it. */
  readonly notifier?: { email(to: string, text: NoticeText, target: NoticeTarget): Promise<unknown> } | undefined;
  /** Our own signing certificate: receipts we signed are trusted even before the index lists us. */
  readonly pki?: { readonly signing: { readonly chainDer: readonly Uint8Array[] } } | undefined;
}

export type DepsSource = () => WebmailDeps;
