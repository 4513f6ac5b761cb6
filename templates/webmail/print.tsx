// "Azioni › Stampa" (seed 000 §2.1 fig. 4): the message alone on a print-friendly page that opens the print dialog.
import type { FC } from 'hono/jsx';
import { translator } from '../i18n/index.ts';
import { BaseLayout } from '../layouts/base.tsx';
import { MessageView } from './message-view.tsx';
import type { MessageViewProps } from './props.ts';

export const PrintPage: FC<MessageViewProps> = (p) => {
  const m = p.message;
  const subject = m.kind === 'plain' ? m.content.subject : (m.original ?? m.envelope).subject;
  return (
    <BaseLayout lang={p.lang} title={`${subject} · ${translator(p.lang)('toolbar.print')}`} bodyClass="print-page" autoPrint>
      <main id="content" class="page-narrow">
        <MessageView {...p} />
      </main>
    </BaseLayout>
  );
};
