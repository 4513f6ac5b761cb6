// The one place that enforces, for every command, the state, the principal's permissions, read-only folders and the
// abuse counters (CONVENTIONS 2); handlers do not repeat these guards.
import { isCollaborationExpired } from '../../../src/auth/principal.ts';
import type { ImapCommand, ImapProtocolError } from '../../../src/protocol/imap/index.ts';
import { bad, no, type Completion, type SessionContext } from './context.ts';
import { completionForError } from './errors.ts';
import { MAX_BAD_COMMANDS, MAX_COMMANDS_PER_CONNECTION } from './limits.ts';
import { commandModule } from './registry.ts';
import { loggedIn } from './state.ts';

export interface DispatchLimits {
  maxBadCommands: number;
  maxCommands: number;
}

export const DEFAULT_DISPATCH_LIMITS: DispatchLimits = { maxBadCommands: MAX_BAD_COMMANDS, maxCommands: MAX_COMMANDS_PER_CONNECTION };

/** RFC 9051 §7.5.1: no EXPUNGE while answering FETCH, STORE or SEARCH by sequence number. */
export function mayExpungeAfter(cmd: ImapCommand): boolean {
  if (cmd.name === 'FETCH' || cmd.name === 'STORE' || cmd.name === 'SEARCH') return cmd.uid;
  return true;
}

export class ImapDispatcher {
  private badCommands = 0;
  private commands = 0;

  constructor(private readonly limits: DispatchLimits = DEFAULT_DISPATCH_LIMITS) {}

  get counts(): { bad: number; commands: number } {
    return { bad: this.badCommands, commands: this.commands };
  }

  /** Runs one command; the tagged completion, or null when the handler continues later or the session ends. */
  async dispatch(cmd: ImapCommand, s: SessionContext): Promise<Completion | null> {
    if (++this.commands > this.limits.maxCommands) {
      s.send({ kind: 'untagged-status', status: 'BYE', code: { kind: 'LIMIT' }, text: 'Too many commands on one connection' });
      s.close();
      return null;
    }
    const mod = commandModule(cmd.name);
    if (!mod.states.includes(s.state.kind)) {
      if (this.countBad(s)) return null;
      return bad(s.state.kind === 'not-authenticated' ? `${cmd.name} needs a login first` : `${cmd.name} is not allowed now`);
    }
    const who = loggedIn(s.state);
    // Seed 000 §2.7.8: a delega can end while the client is connected; the session ends with it.
    if (who && isCollaborationExpired(who.principal, s.deps.clock.now())) {
      s.send({ kind: 'untagged-status', status: 'BYE', code: { kind: 'EXPIRED' }, text: 'Collaboration expired' });
      s.close();
      return null;
    }
    if (mod.requires && !s.can(mod.requires)) return no('Your profile does not allow this', { kind: 'NOPERM' });
    if (mod.writesSelected && s.state.kind === 'selected' && s.state.readOnly) return no('Mailbox is read-only (EXAMINE)');
    try {
      return await mod.handle(cmd as never, s);
    } catch (e) {
      return completionForError(e);
    }
  }

  /** A codec error (syntax, unknown verb, line too long): its response, then counted; fatal ones close. */
  codecError(error: ImapProtocolError, s: SessionContext): void {
    s.send(error.response);
    if (error.fatal) return s.close();
    if (error.response.kind === 'tagged' && error.response.status === 'NO') return; // a refusal, not a bad command
    this.countBad(s);
  }

  /** True when the client has now sent too many bad commands and the session closed. */
  countBad(s: SessionContext): boolean {
    if (++this.badCommands <= this.limits.maxBadCommands) return false;
    s.send({ kind: 'untagged-status', status: 'BYE', text: 'Too many invalid commands' });
    s.close();
    return true;
  }
}
