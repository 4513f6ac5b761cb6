// Wires the admin console into a provider with one call from src/provider.ts: the notifier (smarthost or local
// outbox), quota notices on the bus, the password-expiry job on the actor runtime, and the /admin and /reset sub-apps.
import type { Hono } from 'hono';
import { jobsKind, PASSWORD_EXPIRY_JOB } from '../../../actors/jobs/password-expiry.actor.ts';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { Provisioning } from '../../auth/provisioning.ts';
import type { Config } from '../../config/config.ts';
import type { EventBus } from '../../events/bus.ts';
import { Notifier } from '../../notices/notifier.ts';
import { subscribeQuotaNotices } from '../../notices/quota-notices.ts';
import { smarthostTransport } from '../../notices/smarthost.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { ActorSystem } from '../../runtime/system.ts';
import { consoleRepos } from '../../store/admin-repo.ts';
import type { Store } from '../../store/index.ts';
import { createResetApp } from '../reset/app.tsx';
import { createAdminApp } from './app.tsx';

export interface ConsoleHost {
  web: Hono;
  store: Store;
  auth: Authenticator;
  provisioning: Provisioning;
  clock: Clock;
  bus: EventBus;
  system: ActorSystem;
  config: Config;
  serviceAddress: string;
}

export function installAdminConsole(h: ConsoleHost): Notifier {
  const repos = consoleRepos(h.store);
  const transport = h.config.smarthost ? smarthostTransport(h.config.smarthost) : null;
  const notifier = new Notifier({
    store: h.store, notices: repos.notices, clock: h.clock, system: h.system, serviceAddress: h.serviceAddress,
    providerName: h.store.provider.providerName() ?? h.config.providerName, transport,
  });
  h.system.register(jobsKind({ notices: repos.notices, notifier }));
  subscribeQuotaNotices(h.bus, h.store, notifier);
  const secureCookie = h.config.publicUrl.startsWith('https:');
  h.web.route('/admin', createAdminApp({ store: h.store, auth: h.auth, provisioning: h.provisioning, clock: h.clock, notifier, repos, publicUrl: h.config.publicUrl, secureCookie }));
  h.web.route('/reset', createResetApp({ store: h.store, clock: h.clock, repos, secureCookie }));
  // Sweep now (a day may have passed while stopped) and arm the daily persisted timer.
  h.system.tell(PASSWORD_EXPIRY_JOB, { type: 'arm' });
  return notifier;
}
