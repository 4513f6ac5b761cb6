// The POP3 command registry: verb -> command module (CONVENTIONS 2). A verb without a module cannot compile.
import type { Pop3Verb } from '../../../src/protocol/pop3/commands.ts';
import { apop } from './commands/apop.ts';
import { auth } from './commands/auth.ts';
import { capa } from './commands/capa.ts';
import { dele } from './commands/dele.ts';
import { list } from './commands/list.ts';
import { noop } from './commands/noop.ts';
import { pass } from './commands/pass.ts';
import { quit } from './commands/quit.ts';
import { retr } from './commands/retr.ts';
import { rset } from './commands/rset.ts';
import { stat } from './commands/stat.ts';
import { stls } from './commands/stls.ts';
import { top } from './commands/top.ts';
import { uidl } from './commands/uidl.ts';
import { user } from './commands/user.ts';
import type { Pop3CommandSpec } from './context.ts';

export const POP3_COMMANDS: { readonly [V in Pop3Verb]: Pop3CommandSpec<V, any> } = {
  USER: user,
  PASS: pass,
  APOP: apop,
  AUTH: auth,
  CAPA: capa,
  STLS: stls,
  STAT: stat,
  LIST: list,
  UIDL: uidl,
  TOP: top,
  RETR: retr,
  DELE: dele,
  RSET: rset,
  NOOP: noop,
  QUIT: quit,
};
