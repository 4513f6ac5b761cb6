// The central POP3 dispatcher: state, TLS-before-credentials, bad-command and commands-per-connection limits,
// enforced once here so that command handlers never repeat the guards (CONVENTIONS 2).
import { LoginRefusedError } from '../../../src/auth/login-refusal.ts';
import type { Pop3Command } from '../../../src/protocol/pop3/commands.ts';
import { err } from '../../../src/protocol/pop3/encoder.ts';
import type { Pop3ProtocolError } from '../../../src/protocol/pop3/errors.ts';
import { lineBytes, type Pop3CommandSpec, type Pop3Context } from './context.ts';
import type { Pop3Limits } from './limits.ts';
import { POP3_COMMANDS } from './registry.ts';
import { AUTHORIZATION } from './state.ts';

export class Pop3Dispatcher {
  private bad = 0;
  private commands = 0;

  constructor(private readonly limits: Pop3Limits) {}

  get badCommands(): number {
    return this.bad;
  }

  /** Counts one bad command; true when MAX_BAD_COMMANDS is reached and the connection must close. */
  countBad(): boolean {
    return ++this.bad >= this.limits.maxBadCommands;
  }

  async dispatch(cmd: Pop3Command, ctx: Pop3Context): Promise<void> {
    if (++this.commands > this.limits.maxCommandsPerConnection) {
      ctx.reply(err('Too many commands on one connection', 'SYS/TEMP'));
      return ctx.close();
    }
    const state = ctx.state;
    if (state.kind === 'update' || state.kind === 'closed') return; // input after QUIT is ignored
    const spec = POP3_COMMANDS[cmd.verb] as Pop3CommandSpec;
    if (!spec.states.includes(state.kind)) {
      return ctx.badCommand(err(`${cmd.verb} is not allowed in the ${state.kind.toUpperCase()} state`));
    }
    // RFC 2595 §2.2 and RFC 8314 §3: credentials are refused before TLS, USER included (the name is half of them).
    if (spec.needsTls && !ctx.conn.secure) return ctx.badCommand(lineBytes(new LoginRefusedError('tls-required').pop3Line()));
    // RFC 1939 §7: PASS must follow USER; anything else in between forgets the name.
    if (state.kind === 'authorization' && state.pending?.kind === 'user' && cmd.verb !== 'PASS') ctx.setState(AUTHORIZATION);
    await spec.handle(cmd as never, ctx.state as never, ctx);
  }

  /** A line the codec could not parse: counted as bad; fatal codec errors (input overflow) close at once. */
  codecError(e: Pop3ProtocolError, ctx: Pop3Context): void {
    const state = ctx.state;
    if (state.kind === 'authorization' && state.pending?.kind === 'sasl') ctx.setState(AUTHORIZATION);
    if (e.fatal) {
      ctx.reply(e.toWire());
      return ctx.close();
    }
    ctx.badCommand(e.toWire());
  }
}
