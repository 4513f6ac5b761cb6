// STARTTLS (RFC 9051 §6.2.1): only before login and only in clear; what the client pipelined after it is dropped.
import { bad, defineCommand, no } from '../context.ts';

export const starttls = defineCommand({
  name: 'STARTTLS',
  states: ['not-authenticated'],
  async handle(cmd, s) {
    if (s.conn.secure) return bad('TLS is already active');
    if (!s.capabilities().includes('STARTTLS')) return no('TLS is not available on this port');
    await s.startTls(cmd.tag);
    return null; // the go-ahead was the tagged OK
  },
});
