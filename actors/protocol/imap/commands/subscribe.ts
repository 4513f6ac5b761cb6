// SUBSCRIBE / UNSUBSCRIBE (RFC 9051 §6.3.7-8): the subscription is a folder attribute the webmail shares.
import type { SessionContext } from '../context.ts';
import { defineCommand, no, ok } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

async function setSubscribed(s: SessionContext, name: string, subscribed: boolean, verb: string) {
  const f = findFolder(s.folders(), name);
  if (!f) return no('No such mailbox', { kind: 'NONEXISTENT' });
  await s.ask({ type: 'subscribe-folder', folderId: f.folder.id, subscribed });
  return ok(`${verb} completed`);
}

export const subscribe = defineCommand({
  name: 'SUBSCRIBE',
  states: AUTHENTICATED_STATES,
  requires: 'settings',
  handle: (cmd, s) => setSubscribed(s, cmd.mailbox, true, 'SUBSCRIBE'),
});

export const unsubscribe = defineCommand({
  name: 'UNSUBSCRIBE',
  states: AUTHENTICATED_STATES,
  requires: 'settings',
  handle: (cmd, s) => setSubscribed(s, cmd.mailbox, false, 'UNSUBSCRIBE'),
});
