// GETQUOTA / GETQUOTAROOT (RFC 9208): one quota root "" for the whole casella, STORAGE in units of 1024 octets.
import { defineCommand, no, ok, type SessionContext } from '../context.ts';
import { findFolder } from '../mailbox-names.ts';
import { AUTHENTICATED_STATES, loggedIn } from '../state.ts';

/** RFC 9208 §5.1: the casella's root; every folder belongs to it. */
export const QUOTA_ROOT = '';

function sendQuota(s: SessionContext): boolean {
  const who = loggedIn(s.state);
  const box = who && s.deps.store.mailboxes.byId(who.mailboxId);
  if (!box) return false;
  // RFC 9208 §5.1: STORAGE usage and limit are in KB; round usage up so a non-empty casella never shows 0.
  const usage = Math.ceil(box.usedBytes / 1024);
  const limit = Math.floor(box.quotaBytes / 1024);
  s.send({ kind: 'quota', root: QUOTA_ROOT, resources: [{ name: 'STORAGE', usage, limit }] });
  return true;
}

export const getquota = defineCommand({
  name: 'GETQUOTA',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    if (cmd.root !== QUOTA_ROOT) return no('No such quota root', { kind: 'NONEXISTENT' });
    return sendQuota(s) ? ok('GETQUOTA completed') : no('Mailbox unavailable', { kind: 'UNAVAILABLE' });
  },
});

export const getquotaroot = defineCommand({
  name: 'GETQUOTAROOT',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    if (!findFolder(s.folders(), cmd.mailbox)) return no('No such mailbox', { kind: 'NONEXISTENT' });
    s.send({ kind: 'quotaroot', mailbox: cmd.mailbox, roots: [QUOTA_ROOT] });
    return sendQuota(s) ? ok('GETQUOTAROOT completed') : no('Mailbox unavailable', { kind: 'UNAVAILABLE' });
  },
});
