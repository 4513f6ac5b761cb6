// Flash messages after a redirect or a mutation: status for good news, alert for errors.
import type { FC } from 'hono/jsx';

export interface Flash {
  readonly kind: 'success' | 'info' | 'error';
  readonly text: string;
}

/** One notice: errors interrupt the screen reader (role=alert), others are announced politely (role=status). */
export const FlashMessage: FC<{ flash: Flash }> = ({ flash }) => (
  <div class={`flash flash-${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
    <p>{flash.text}</p>
  </div>
);

/** The region pages render flashes into; routes can also swap it out-of-band (`hx-swap-oob`). */
export const FlashRegion: FC<{ flashes?: readonly Flash[] | undefined; oob?: boolean }> = ({ flashes, oob }) => (
  <div id="flash-region" class="flash-region" hx-swap-oob={oob ? 'true' : undefined}>
    {(flashes ?? []).map((f) => (
      <FlashMessage flash={f} />
    ))}
  </div>
);
