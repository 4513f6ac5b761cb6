// Live updates of the main screen (seed 000 §2.3: receipts appear "in tempo reale"): one server-sent event stream
// per open page, fed by the mailbox watchers; each committed change becomes a `changed` event that makes
// public/js/live.js refresh the list and the folder tree.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { MailboxChange } from '../../../actors/mailbox/messages.ts';
import { HttpError } from '../http-error.ts';
import { type WebmailEnv } from './context.ts';

/** A comment line this often keeps proxies and Bun's idle timeout (10 s by default) from closing the stream. */
export const SSE_KEEPALIVE_MS = 8_000;
/** Open streams per casella: a few tabs and collaborators, not an unbounded fan-out. */
export const MAX_SSE_STREAMS_PER_MAILBOX = 20;

const open = new Map<string, number>();

export function eventRoutes(): Hono<WebmailEnv> {
  const app = new Hono<WebmailEnv>();

  app.get('/', (c) => {
    const deps = c.get('deps');
    const address = c.get('mbx').mailbox.address;
    const tokenHash = c.get('mbx').session.tokenHash;
    // Logout, a password change elsewhere or a disabled casella end the stream at the next tick.
    const sessionAlive = () => deps.store.sessions.session(tokenHash, deps.clock.now()) !== undefined;
    const n = open.get(address) ?? 0;
    if (n >= MAX_SSE_STREAMS_PER_MAILBOX) throw new HttpError(429, 'events.too-many', 'Troppe finestre aperte su questa casella');
    open.set(address, n + 1);
    try {
      (c.env as { timeout?: (req: Request, seconds: number) => void } | undefined)?.timeout?.(c.req.raw, 0);
    } catch {
      // not under Bun.serve (in-process tests): the keepalive is enough
    }
    return streamSSE(c, async (stream) => {
      let changed: Set<MailboxChange['kind']> = new Set();
      let wake: (() => void) | null = null;
      let closed = false;
      const unwatch = deps.watchers.watch(address, (ch) => {
        changed.add(ch.kind);
        wake?.();
      });
      stream.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: 'ok' });
        while (!closed) {
          let cancel = () => {};
          await new Promise<void>((resolve) => {
            wake = resolve;
            cancel = deps.clock.setTimer(SSE_KEEPALIVE_MS, resolve);
            if (changed.size > 0 || closed) resolve();
          });
          cancel();
          wake = null;
          if (closed) break;
          if (changed.size > 0) {
            const kinds = [...changed].join(' ');
            changed = new Set();
            await stream.writeSSE({ event: 'changed', data: kinds });
          } else if (!sessionAlive()) {
            break;
          } else {
            await stream.write(': keepalive\n\n');
          }
        }
      } finally {
        unwatch();
        open.set(address, Math.max(0, (open.get(address) ?? 1) - 1));
      }
    });
  });
  return app;
}
