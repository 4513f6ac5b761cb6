// The registry of IMAP verbs (CONVENTIONS 2): one module per command, looked up by the dispatcher.
import type { CommandName } from '../../../src/protocol/imap/index.ts';
import { append } from './commands/append.ts';
import { authenticate } from './commands/authenticate.ts';
import { capability } from './commands/capability.ts';
import { check } from './commands/check.ts';
import { close } from './commands/close.ts';
import { copy, move } from './commands/copy.ts';
import { create } from './commands/create.ts';
import { del } from './commands/delete.ts';
import { enable } from './commands/enable.ts';
import { expunge } from './commands/expunge.ts';
import { fetch } from './commands/fetch.ts';
import { id } from './commands/id.ts';
import { idle } from './commands/idle.ts';
import { list } from './commands/list.ts';
import { login } from './commands/login.ts';
import { logout } from './commands/logout.ts';
import { lsub } from './commands/lsub.ts';
import { namespace } from './commands/namespace.ts';
import { noop } from './commands/noop.ts';
import { getquota, getquotaroot } from './commands/quota.ts';
import { rename } from './commands/rename.ts';
import { search } from './commands/search.ts';
import { examine, select } from './commands/select.ts';
import { starttls } from './commands/starttls.ts';
import { status } from './commands/status.ts';
import { store } from './commands/store.ts';
import { subscribe, unsubscribe } from './commands/subscribe.ts';
import { unselect } from './commands/unselect.ts';
import type { ImapCommandModule } from './context.ts';

type Registry = { readonly [N in CommandName]: ImapCommandModule<N> };

export const COMMANDS: Registry = {
  CAPABILITY: capability,
  NOOP: noop,
  LOGOUT: logout,
  STARTTLS: starttls,
  CHECK: check,
  CLOSE: close,
  UNSELECT: unselect,
  IDLE: idle,
  NAMESPACE: namespace,
  AUTHENTICATE: authenticate,
  LOGIN: login,
  ENABLE: enable,
  SELECT: select,
  EXAMINE: examine,
  CREATE: create,
  DELETE: del,
  SUBSCRIBE: subscribe,
  UNSUBSCRIBE: unsubscribe,
  RENAME: rename,
  LIST: list,
  LSUB: lsub,
  STATUS: status,
  APPEND: append,
  EXPUNGE: expunge,
  SEARCH: search,
  FETCH: fetch,
  STORE: store,
  COPY: copy,
  MOVE: move,
  GETQUOTA: getquota,
  GETQUOTAROOT: getquotaroot,
  ID: id,
};

export function commandModule(name: CommandName): ImapCommandModule {
  return COMMANDS[name] as unknown as ImapCommandModule;
}
