// CHECK (RFC 3501 §6.4.1, removed in RFC 9051 but still sent by old clients): every write is already durable.
import { defineCommand, ok } from '../context.ts';

export const check = defineCommand({
  name: 'CHECK',
  states: ['selected'],
  handle: () => ok('CHECK completed'),
});
