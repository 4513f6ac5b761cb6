// LIST (RFC 9051 §6.3.9) with LIST-EXTENDED (RFC 5258), SPECIAL-USE (RFC 6154) and LIST-STATUS (RFC 5819).
import type { ImapResponse } from '../../../../src/protocol/imap/index.ts';
import { bad, defineCommand, ok } from '../context.ts';
import { DELIMITER, listMatches, specialUseAttribute, type ImapFolder } from '../mailbox-names.ts';
import { MAX_LIST_PATTERN_LENGTH } from '../limits.ts';
import { statusValues } from '../status-values.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const list = defineCommand({
  name: 'LIST',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    const { reference, patterns, selection, return: ret } = cmd;
    if (patterns.some((p) => p.length + reference.length > MAX_LIST_PATTERN_LENGTH)) return bad('Pattern too long', { kind: 'LIMIT' });
    // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root.
    if (patterns.length === 1 && patterns[0] === '') {
      s.send({ kind: 'list', attributes: ['\\Noselect'], delimiter: DELIMITER, mailbox: '' });
      return ok('LIST completed');
    }
    const showSubscribed = selection.subscribed || ret.subscribed;
    for (const f of s.folders()) {
      if (!patterns.some((p) => listMatches(reference, p, f.name))) continue;
      if (selection.subscribed && !f.folder.subscribed) continue;
      if (selection.specialUse && !specialUseAttribute(f.folder)) continue;
      s.send(listResponse('list', f, showSubscribed));
      if (ret.status) s.send({ kind: 'status', mailbox: f.name, values: statusValues(s.deps.store, f.folder.id, ret.status) });
    }
    return ok('LIST completed');
  },
});

export function listResponse(kind: 'list' | 'lsub', f: ImapFolder, showSubscribed: boolean): ImapResponse {
  // RFC 3348 / RFC 5258 §4: the children attributes are always given; special-use ones always (RFC 6154 §2).
  const attributes = [f.hasChildren ? '\\HasChildren' : '\\HasNoChildren'];
  const use = specialUseAttribute(f.folder);
  if (use) attributes.push(use);
  if (showSubscribed && f.folder.subscribed) attributes.push('\\Subscribed');
  return { kind, attributes, delimiter: DELIMITER, mailbox: f.name };
}
