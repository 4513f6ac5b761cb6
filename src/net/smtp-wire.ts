// Bridges typed SmtpReply values to smtp-server: callback errors carrying the reply, and exact enhanced codes.
import type { SMTPServer } from 'smtp-server';
import { isPositive, SmtpProtocolError, type SmtpReply } from '../protocol/smtp/replies.ts';

const ENHANCED_PREFIX = /^[245]\.\d{1,3}\.\d{1,3} /;

/** An error for an smtp-server callback: it answers `responseCode message`, i.e. our whole reply. */
export function replyError(r: SmtpReply): SmtpProtocolError {
  if (isPositive(r)) throw new TypeError(`not a refusal: ${r.code}`);
  return new SmtpProtocolError(r);
}

/** The part of smtp-server's SMTPConnection this module touches. */
export interface HookedConnection {
  readonly id: string;
  send(code: number, data?: string | string[], context?: string | false): void;
  close(): void;
}

/**
 * smtp-server derives the enhanced code from the reply code alone (553 -> 5.1.3, 552 -> 5.2.2, 452 -> 4.2.2), which is
 * wrong for most of our refusals (RFC 3463: 553 5.7.1 sender not owned, 552 5.3.4 too big, 452 4.5.3 too many
 * recipients). Our texts already start with the right code (replyText), so for those lines the library must not add
 * its own. The hook wraps `send` of each connection of this server only (no global patch of the library); lines
 * without a leading code keep the library's mapping. The registry entry is removed by the listener's onClose.
 */
export function hookConnections(server: SMTPServer, registry: Map<string, HookedConnection>): void {
  const connections = server.connections as Set<unknown>;
  const add = connections.add.bind(connections);
  connections.add = (c: unknown) => {
    const conn = c as HookedConnection;
    // Lets a callback close the connection after its reply (the library has no such callback result).
    registry.set(conn.id, conn);
    const send = conn.send.bind(conn);
    conn.send = (code, data, context) => {
      if (typeof data === 'string' && ENHANCED_PREFIX.test(data)) return send(code, data, false);
      return send(code, data, context);
    };
    return add(c);
  };
}
