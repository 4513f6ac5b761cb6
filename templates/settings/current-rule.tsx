// The "current rule" box of the notifica and inoltro pages (seed 000 §2.7.4-§2.7.5): the rule in force, with Reset.
import type { FC, PropsWithChildren } from 'hono/jsx';
import { confirmAttrs } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';

export interface CurrentRuleProps {
  /** Id of the heading (labels the box). */
  readonly id: string;
  readonly heading: string;
  /** The children show the rule; without one, `noneText` is shown and no Reset. */
  readonly active: boolean;
  readonly noneText: string;
  readonly resetUrl: string;
  readonly resetLabel: string;
  readonly csrfToken: string;
}

export const CurrentRule: FC<PropsWithChildren<CurrentRuleProps>> = (p) => (
  <div class="current-rule" aria-labelledby={p.id}>
    <h3 id={p.id}>{p.heading}</h3>
    {p.active ? (
      <>
        {p.children}
        <form method="post" action={p.resetUrl} {...confirmAttrs(`${p.resetLabel}: ${p.heading}?`, false)}>
          <CsrfField token={p.csrfToken} />
          <button type="submit" class="btn">
            {p.resetLabel}
          </button>
        </form>
      </>
    ) : (
      <p class="muted">{p.noneText}</p>
    )}
  </div>
);
