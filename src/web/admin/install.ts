// Mounts the admin console (/admin) and the one-time password link (/reset/<token>) with one call from src/provider.ts.
import type { Hono } from 'hono';
import type { Authenticator } from '../../auth/authenticator.ts';
import type { Provisioning } from '../../auth/provisioning.ts';
import type { Config } from '../../config/config.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Notifier } from '../../notices/notifier.ts';
import type { Clock } from '../../runtime/clock.ts';
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
  config: Config;
  notifier: Notifier;
}

export function installAdminConsole(h: ConsoleHost): void {
  const repos = consoleRepos(h.store);
  const secureCookie = h.config.publicUrl.startsWith('https:');
  const { store, auth, provisioning, clock, notifier, bus } = h;
  h.web.route('/admin', createAdminApp({ store, auth, provisioning, clock, notifier, bus, repos, publicUrl: h.config.publicUrl, secureCookie }));
  h.web.route('/reset', createResetApp({ store, clock, repos, secureCookie }));
}
