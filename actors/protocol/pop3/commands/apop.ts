// APOP (RFC 1939 §7): refused, because it needs the password in clear on the server and passwords are argon2id hashes.
import { err } from '../../../../src/protocol/pop3/encoder.ts';
import { defineCommand } from '../context.ts';

export const apop = defineCommand({
  name: 'APOP',
  states: ['authorization'],
  needsTls: false,
  handle(_cmd, _state, ctx) {
    ctx.reply(err('APOP not supported, use USER/PASS or AUTH PLAIN over TLS'));
  },
});
