// Unique ids for durable messages (outbox records), safe across restarts and nodes.
export function newId(): string {
  return crypto.randomUUID();
}
