// ENABLE (RFC 5161): CONDSTORE, QRESYNC (implies CONDSTORE, RFC 7162 §3.2.3), IMAP4rev2, UTF8=ACCEPT (RFC 6855).
import { defineCommand, ok } from '../context.ts';
import { AUTHENTICATED_STATES } from '../state.ts';

export const enable = defineCommand({
  name: 'ENABLE',
  states: AUTHENTICATED_STATES,
  handle(cmd, s) {
    const turnedOn: string[] = [];
    for (const c of cmd.capabilities) {
      switch (c) {
        case 'CONDSTORE':
          s.enabled.condstore = true;
          turnedOn.push('CONDSTORE');
          break;
        case 'QRESYNC':
          s.enabled.qresync = true;
          s.enabled.condstore = true;
          turnedOn.push('QRESYNC');
          break;
        case 'IMAP4REV2':
          s.enabled.rev2 = true;
          s.enableUtf8();
          turnedOn.push('IMAP4rev2');
          break;
        case 'UTF8=ACCEPT':
          s.enableUtf8();
          turnedOn.push('UTF8=ACCEPT');
          break;
        default:
        // RFC 5161 §3.1: unknown capabilities are ignored, not refused.
      }
    }
    s.send({ kind: 'enabled', capabilities: turnedOn });
    return ok('ENABLE completed');
  },
});
