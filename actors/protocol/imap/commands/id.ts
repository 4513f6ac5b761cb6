// ID (RFC 2971): the server names itself; the client's parameters are not kept.
import { defineCommand, ok } from '../context.ts';
import { ANY_STATE } from '../state.ts';

export const SERVER_ID: Array<[string, string | null]> = [
  ['name', 'pec-provider'],
  ['vendor', 'pec-provider'],
  ['support-url', null],
];

export const id = defineCommand({
  name: 'ID',
  states: ANY_STATE,
  handle(_cmd, s) {
    s.send({ kind: 'id', params: SERVER_ID });
    return ok('ID completed');
  },
});
