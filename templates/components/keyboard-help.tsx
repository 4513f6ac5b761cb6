// The keyboard shortcuts dialog opened with "?" (public/js/keys.js); the keys listed here are the ones keys.js binds.
import type { FC } from 'hono/jsx';
import { translator, type Lang, type MessageKey } from '../i18n/index.ts';

export const KEYBOARD_HELP_ID = 'keyboard-help';

/** Shortcut -> label; keys.js binds exactly these (checked by test/templates/components/keyboard-help.test.tsx). */
export const SHORTCUTS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['j', 'keys.next'],
  ['k', 'keys.prev'],
  ['c', 'keys.compose'],
  ['r', 'keys.reply'],
  ['a', 'keys.replyAll'],
  ['f', 'keys.forward'],
  ['#', 'keys.delete'],
  ['/', 'keys.search'],
  ['?', 'keys.help'],
];

export const KeyboardHelp: FC<{ lang: Lang }> = ({ lang }) => {
  const t = translator(lang);
  return (
    <dialog id={KEYBOARD_HELP_ID} class="dialog" aria-labelledby="keyboard-help-title">
      <h2 id="keyboard-help-title">{t('keys.heading')}</h2>
      <dl class="shortcuts">
        {SHORTCUTS.map(([key, label]) => (
          <div>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" class="dialog-actions">
        <button type="submit" class="btn">
          {t('dialog.close')}
        </button>
      </form>
    </dialog>
  );
};
