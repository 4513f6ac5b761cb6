// One message: a plain mail, or a PEC message shown as its original (postacert.eml) with certification and signature.
import type { FC } from 'hono/jsx';
import { formatBytes, formatDateTime, isoInstant } from '../i18n/format.ts';
import { translator, type Lang, type T } from '../i18n/index.ts';
import { AppLayout, type ShellProps } from '../layouts/app.tsx';
import { urls } from '../urls.ts';
import { PecBadge } from './message-list.tsx';
import { CertificationBox, ReceiptsTimeline, SignatureBadge } from './pec-view.tsx';
import type { Address, Attachment, Body, MessageContent, MessageViewProps } from './props.ts';

/**
 * The frame for sanitized HTML mail: `sandbox` with no allow-* token, so no scripts, forms, popups, plugins or
 * same-origin access even if sanitizing missed something (ARCHITECTURE "The web"). Never add allow-scripts.
 */
export const HTML_BODY_SANDBOX = '';

const formatAddress = (a: Address) => (a.name?.trim() ? `${a.name} <${a.address}>` : a.address);

export const BodyView: FC<{ body: Body; t: T }> = ({ body, t }) => {
  switch (body.kind) {
    case 'text':
      return <pre class="body-text">{body.text}</pre>;
    case 'html':
      return (
        <iframe
          class="body-frame"
          sandbox={HTML_BODY_SANDBOX}
          src={body.src}
          srcdoc={body.src ? undefined : body.sanitizedHtml}
          title={t('view.body')}
          referrerpolicy="no-referrer"
          loading="lazy"
        ></iframe>
      );
    case 'none':
      return null;
  }
};

export const AttachmentList: FC<{ messageId: string; attachments: readonly Attachment[]; lang: Lang; t: T }> = (p) => (
  <section class="attachments" aria-label={p.t('view.attachments')}>
    <h4 class="attachments-title">
      {p.t('view.attachments')} <span class="count">{p.attachments.length}</span>
    </h4>
    {p.attachments.length === 0 ? (
      <p class="muted">{p.t('view.noAttachments')}</p>
    ) : (
      <ul class="attachment-list">
        {p.attachments.map((a) => (
          <li>
            <a href={urls.mail.attachment(p.messageId, a.part)} download={a.filename}>
              <span class="attachment-name">{a.filename}</span>
            </a>
            <span class="attachment-meta">
              {a.contentType} · {formatBytes(a.size, p.lang)}
            </span>
          </li>
        ))}
      </ul>
    )}
  </section>
);

/** Header block (Da, A, Cc, Data) followed by the body and the attachments. */
const ContentView: FC<{ id: string; content: MessageContent; lang: Lang; t: T }> = ({ id, content, lang, t }) => (
  <>
    <dl class="headers">
      <dt>{t('view.from')}</dt>
      <dd>{formatAddress(content.from)}</dd>
      <dt>{t('view.to')}</dt>
      <dd>{content.to.map(formatAddress).join(', ')}</dd>
      {content.cc.length > 0 ? (
        <>
          <dt>{t('view.cc')}</dt>
          <dd>{content.cc.map(formatAddress).join(', ')}</dd>
        </>
      ) : null}
      <dt>{t('view.date')}</dt>
      <dd>
        <time datetime={isoInstant(content.date)}>{formatDateTime(content.date, lang)}</time>
      </dd>
    </dl>
    <div class="message-body">
      <BodyView body={content.body} t={t} />
      <AttachmentList messageId={id} attachments={content.attachments} lang={lang} t={t} />
    </div>
  </>
);

/** Fragment: the preview pane's content, also the body of the standalone message page. */
export const MessageView: FC<MessageViewProps> = (p) => {
  const t = translator(p.lang);
  const m = p.message;
  if (m.kind === 'plain') {
    return (
      <article class="message" aria-labelledby="msg-subject" data-message-id={m.id}>
        <h2 id="msg-subject" class="message-subject">
          {m.content.subject}
        </h2>
        <ContentView id={m.id} content={m.content} lang={p.lang} t={t} />
        {p.receipts?.length ? <ReceiptsTimeline receipts={p.receipts} lang={p.lang} t={t} /> : null}
      </article>
    );
  }
  // A busta di trasporto is read as the original it carries (seed 000 §2.3); receipts show their own text.
  const showOriginal = m.pecKind === 'posta-certificata' && m.original !== undefined;
  const main = showOriginal && m.original ? m.original : m.envelope;
  return (
    <article class="message message-pec" aria-labelledby="msg-subject" data-message-id={m.id}>
      <h2 id="msg-subject" class="message-subject">
        {main.subject}
      </h2>
      <p class="message-badges">
        <PecBadge kind={m.pecKind} t={t} /> <SignatureBadge status={m.signature} t={t} />
      </p>
      <div class="message-columns">
        <div class="message-main">
          <ContentView id={m.id} content={main} lang={p.lang} t={t} />
          {showOriginal ? (
            <details class="envelope">
              <summary>
                {t('view.envelope')}: {m.envelope.subject}
              </summary>
              <p class="muted">{formatAddress(m.envelope.from)}</p>
              <BodyView body={m.envelope.body} t={t} />
            </details>
          ) : m.original ? (
            <details class="original">
              <summary>
                {t('view.original')}: {m.original.subject}
              </summary>
              <ContentView id={m.id} content={m.original} lang={p.lang} t={t} />
            </details>
          ) : null}
        </div>
        {m.certificazione ? <CertificationBox cert={m.certificazione} lang={p.lang} t={t} /> : null}
      </div>
      {p.receipts?.length ? <ReceiptsTimeline receipts={p.receipts} lang={p.lang} t={t} /> : null}
    </article>
  );
};

export interface MessagePageProps extends MessageViewProps {
  readonly shell: ShellProps;
}

/** "Apri in una nuova finestra": the same view alone in the app shell. */
export const MessagePage: FC<MessagePageProps> = (p) => {
  const m = p.message;
  const subject = m.kind === 'plain' ? m.content.subject : (m.original ?? m.envelope).subject;
  return (
    <AppLayout lang={p.lang} title={subject} csrfToken={p.csrfToken} section="mail" {...p.shell}>
      <div class="page-narrow">
        <MessageView {...p} />
      </div>
    </AppLayout>
  );
};
