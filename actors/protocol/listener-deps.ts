// What every mail listener (IMAP, POP3, SMTP) takes from the provider to start its sessions.
import type { Authenticator } from '../../src/auth/authenticator.ts';
import type { Config } from '../../src/config/config.ts';
import type { EventBus } from '../../src/events/bus.ts';
import type { ActorSystem } from '../../src/runtime/system.ts';
import type { Pki } from '../../src/signing/pki.ts';
import type { Store } from '../../src/store/index.ts';

export interface MailListenerDeps {
  config: Config;
  system: ActorSystem;
  store: Store;
  auth: Authenticator;
  bus: EventBus;
  /** The TLS certificate of the listeners: pki.tls. */
  pki: Pki;
}
