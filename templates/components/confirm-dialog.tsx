// The one shared confirmation dialog: forms ask with hx-confirm (htmx) or data-confirm (plain); public/js/app.js opens it.
import type { FC } from 'hono/jsx';
import { translator, type Lang } from '../i18n/index.ts';

export const CONFIRM_DIALOG_ID = 'confirm-dialog';

/** Attributes that make a form or button ask for confirmation with the shared dialog. */
export function confirmAttrs(question: string, htmx: boolean): Record<string, string> {
  return htmx ? { 'hx-confirm': question } : { 'data-confirm': question };
}

export const ConfirmDialog: FC<{ lang: Lang }> = ({ lang }) => {
  const t = translator(lang);
  return (
    <dialog id={CONFIRM_DIALOG_ID} class="dialog" aria-labelledby="confirm-dialog-text">
      <form method="dialog">
        <p id="confirm-dialog-text" class="dialog-text"></p>
        <div class="dialog-actions">
          <button type="submit" value="cancel" class="btn">
            {t('dialog.cancel')}
          </button>
          <button type="submit" value="confirm" class="btn btn-danger" data-confirm-ok>
            {t('dialog.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
};
