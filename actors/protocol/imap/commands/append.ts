// APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502), APPENDUID (RFC 4315 §3) and the quota (RFC 9208 OVERQUOTA):
// the bytes go to the blob store first, then the mailbox actor files them (the only writer of the casella).
import type { DeliverReply } from '../../../mailbox/messages.ts';
import { defineCommand, no, ok } from '../context.ts';
import { MAX_APPEND_BYTES } from '../limits.ts';
import { findFolder } from '../mailbox-names.ts';
import { messageMeta } from '../message-meta.ts';
import { AUTHENTICATED_STATES, loggedIn } from '../state.ts';

export const append = defineCommand({
  name: 'APPEND',
  states: AUTHENTICATED_STATES,
  requires: 'move',
  async handle(cmd, s) {
    const who = loggedIn(s.state);
    const f = findFolder(s.folders(), cmd.mailbox);
    if (!f || !who) return no('No such mailbox', { kind: 'TRYCREATE' });
    const { store, clock } = s.deps;
    const total = cmd.messages.reduce((n, m) => n + m.data.length, 0);
    if (cmd.messages.some((m) => m.data.length > MAX_APPEND_BYTES)) return no('Message too large', { kind: 'TOOBIG' });
    // Checked before any blob is written, so a refused APPEND leaves nothing behind; the actor checks again.
    const box = store.mailboxes.byId(who.mailboxId);
    if (box && box.usedBytes + total > box.quotaBytes) return no('Mailbox is full (casella piena)', { kind: 'OVERQUOTA' });
    // Every blob write (file and directory fsync) starts now and runs while the list columns are parsed; each
    // message is filed only once its blob is durable, so a crash never leaves a row without its bytes.
    const blobs = cmd.messages.map((m) => store.blobs.put(m.data));
    for (const b of blobs) b.catch(() => {}); // awaited below; a failure after an earlier one is not unhandled
    const metas = cmd.messages.map((m) => messageMeta(m.data, { internalDate: m.internalDate?.ms ?? clock.now(), flags: m.flags.filter((x) => x !== '\\Recent') }));
    const uids: number[] = [];
    for (const [i, meta] of metas.entries()) {
      const message = { ...meta, blobHash: await blobs[i]! };
      const r = await s.ask<DeliverReply>({ type: 'deliver', folder: f.folder.id, message, reason: 'append' });
      uids.push(r.uid);
    }
    return ok('APPEND completed', { kind: 'APPENDUID', uidValidity: f.folder.uidvalidity, uids });
  },
});
