// How failures met while running a command reach the client (CONVENTIONS 8): typed errors -> tagged NO [code].
import { ConnectionClosedError } from '../../../src/net/errors.ts';
import type { ResponseCode, SimpleCode } from '../../../src/protocol/imap/index.ts';
import { RuntimeError } from '../../../src/runtime/errors.ts';
import { StoreError } from '../../../src/store/index.ts';
import { MailboxError } from '../../mailbox/errors.ts';
import { no, type Completion } from './context.ts';

const CODES: ReadonlySet<string> = new Set<SimpleCode>([
  'OVERQUOTA',
  'NONEXISTENT',
  'ALREADYEXISTS',
  'CANNOT',
  'LIMIT',
  'NOPERM',
  'UNAVAILABLE',
  'CONTACTADMIN',
  'TOOBIG',
  'INUSE',
]);

function code(kind: string): ResponseCode | undefined {
  return CODES.has(kind) ? { kind: kind as SimpleCode } : undefined;
}

/** Thrown by the session when the connection went away mid-command: nothing more is written. */
export class SessionClosedError extends Error {
  constructor() {
    super('connection closed during the command');
    this.name = 'SessionClosedError';
  }
}

/** The tagged answer for an error thrown by a handler; null when the connection is gone. */
export function completionForError(e: unknown): Completion | null {
  if (e instanceof ConnectionClosedError || e instanceof SessionClosedError) return null;
  // The mailbox actor's typed refusals carry their RFC 5530 code (actors/mailbox/errors.ts).
  if (e instanceof MailboxError) return no(e.message, code(e.wire.imap));
  if (e instanceof RuntimeError) {
    // Back-pressure or a mailbox actor that did not answer in time: a temporary failure (ARCHITECTURE).
    return no('Mailbox temporarily unavailable, try again', { kind: 'UNAVAILABLE' });
  }
  if (e instanceof StoreError) {
    switch (e.code) {
      case 'not-found':
        return no(e.message, { kind: 'NONEXISTENT' });
      case 'conflict':
        return no(e.message, { kind: 'ALREADYEXISTS' });
      case 'limit-exceeded':
        return no(e.message, { kind: 'LIMIT' });
      case 'invalid-value':
      case 'special-folder':
      case 'name-locked':
        return no(e.message, { kind: 'CANNOT' });
      case 'corrupt-blob':
        return no('Stored message is damaged', { kind: 'CORRUPTION' });
      default:
        return no('Storage unavailable, try again', { kind: 'UNAVAILABLE' });
    }
  }
  return no('Internal server error', { kind: 'SERVERBUG' });
}
