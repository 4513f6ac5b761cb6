// The "Nuova mail" form (seed 000 §2.3): recipients with rubrica suggestions, attachments with a size check,
// Tipo ricevuta (completa by default), Invia / Salva bozza; and the datalist fragment of suggestions.
import type { FC } from 'hono/jsx';
import { CsrfField } from '../components/csrf.tsx';
import { SelectField, TextArea, TextField } from '../components/field.tsx';
import { formatBytes } from '../i18n/format.ts';
import { translator, type Lang, type T } from '../i18n/index.ts';
import { AppLayout, type ShellProps } from '../layouts/app.tsx';
import { ErrorBanner } from '../layouts/auth.tsx';
import { urls } from '../urls.ts';
import type { Attachment, FormError, PageBase } from './props.ts';

/** Tipo di ricevuta di avvenuta consegna (RFC 6109 §3.1.6; seed 000 §2.3: completa is the default). */
export const RECEIPT_TYPES = ['completa', 'breve', 'sintetica'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];
export const DEFAULT_RECEIPT_TYPE: ReceiptType = 'completa';

export const SUGGESTIONS_ID = 'rubrica-suggestions';
/** Wait this long after typing before asking the rubrica for suggestions. */
export const SUGGEST_DELAY_MS = 300;

export interface ComposeDraft {
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  readonly subject: string;
  readonly body: string;
  readonly receiptType: ReceiptType;
  /** Attachments carried over (forward, duplicate, draft), kept unless unticked. */
  readonly attachments: readonly Attachment[];
  /** Set when editing a saved draft or replying, posted back unchanged. */
  readonly draftId?: string | undefined;
  readonly inReplyTo?: string | undefined;
}

export interface ComposeProps extends PageBase {
  /** The sender identities the principal may use (usually the one mailbox address). */
  readonly identities: readonly string[];
  readonly draft: ComposeDraft;
  /** The mailbox type's limit on size × recipients, in bytes (50 MB for the seeds' types). */
  readonly maxMessageBytes: number;
  readonly errors?: readonly FormError[] | undefined;
}

const err = (errors: readonly FormError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

/** The hx-* attributes that fetch rubrica suggestions into the shared datalist while typing. */
function suggestAttrs(): Record<string, string> {
  return {
    'hx-get': urls.mail.suggest(),
    'hx-trigger': `input changed delay:${SUGGEST_DELAY_MS}ms`,
    'hx-target': `#${SUGGESTIONS_ID}`,
    'hx-swap': 'innerHTML',
    'hx-sync': 'this:replace',
  };
}

const AttachmentsField: FC<{ p: ComposeProps; t: T }> = ({ p, t }) => {
  const max = formatBytes(p.maxMessageBytes, p.lang);
  return (
    <div class="field">
      <label for="compose-files">{t('compose.attachments')}</label>
      {p.draft.attachments.length > 0 ? (
        <ul class="plain-list">
          {p.draft.attachments.map((a, i) => (
            <li class="check">
              <input type="checkbox" id={`keep-${i}`} name="keep" value={a.part} checked data-kept-size={String(a.size)} />
              <label for={`keep-${i}`}>
                {t('compose.keepAttachment', { name: a.filename })} ({formatBytes(a.size, p.lang)})
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        type="file"
        id="compose-files"
        name="attachments"
        multiple
        data-max-bytes={String(p.maxMessageBytes)}
        data-too-big={t('compose.tooBig', { max })}
        aria-describedby="compose-files-hint compose-files-status"
      />
      <p class="hint" id="compose-files-hint">
        {t('compose.sizeHint', { max })}
      </p>
      <p class="field-error" id="compose-files-status" role="status">
        {err(p.errors, 'attachments') ?? ''}
      </p>
    </div>
  );
};

/** The form itself, usable alone (e.g. in a dialog) or inside ComposePage. */
export const ComposeForm: FC<ComposeProps> = (p) => {
  const t = translator(p.lang);
  const d = p.draft;
  return (
    <form method="post" action={urls.mail.compose()} enctype="multipart/form-data" class="compose card" aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose.heading')}</h1>
      <ErrorBanner title={t('compose.errors')} errors={p.errors ?? []} />
      <CsrfField token={p.csrfToken} />
      {d.draftId ? <input type="hidden" name="draftId" value={d.draftId} /> : null}
      {d.inReplyTo ? <input type="hidden" name="inReplyTo" value={d.inReplyTo} /> : null}
      <div class="form-grid">
        <SelectField id="compose-from" name="from" label={t('compose.from')} value={d.from} options={p.identities.map((i) => ({ value: i, label: i }))} />
        <SelectField
          id="compose-receipt"
          name="receiptType"
          label={t('compose.receipt')}
          value={d.receiptType}
          options={RECEIPT_TYPES.map((r) => ({ value: r, label: t(`compose.receipt.${r}`) }))}
        />
        <div class="wide">
          <TextField id="compose-to" name="to" type="text" label={t('compose.to')} value={d.to} list={SUGGESTIONS_ID} autocomplete="off" required hint={t('compose.recipientsHint')} error={err(p.errors, 'to')} extra={suggestAttrs()} />
        </div>
        <div class="wide">
          <TextField id="compose-cc" name="cc" type="text" label={t('compose.cc')} value={d.cc} list={SUGGESTIONS_ID} autocomplete="off" error={err(p.errors, 'cc')} extra={suggestAttrs()} />
        </div>
        <div class="wide">
          <TextField id="compose-subject" name="subject" label={t('compose.subject')} value={d.subject} error={err(p.errors, 'subject')} />
        </div>
        <div class="wide">
          <TextArea id="compose-body" name="body" label={t('compose.body')} value={d.body} rows={14} error={err(p.errors, 'body')} />
        </div>
        <div class="wide">
          <AttachmentsField p={p} t={t} />
        </div>
      </div>
      <datalist id={SUGGESTIONS_ID}></datalist>
      <div class="form-actions">
        <button type="submit" name="action" value="send" class="btn btn-primary">
          {t('compose.send')}
        </button>
        <button type="submit" name="action" value="draft" class="btn" formnovalidate>
          {t('compose.draft')}
        </button>
      </div>
    </form>
  );
};

export interface ComposePageProps extends ComposeProps {
  readonly shell: ShellProps;
}

export const ComposePage: FC<ComposePageProps> = (p) => (
  <AppLayout lang={p.lang} title={translator(p.lang)('compose.heading')} csrfToken={p.csrfToken} section="mail" {...p.shell}>
    <div class="page-narrow">
      <ComposeForm {...p} />
    </div>
  </AppLayout>
);

export interface Suggestion {
  readonly label: string;
  /** What goes into the field: an address or a group name (expanded on send, seed 000 §2.6.1). */
  readonly value: string;
}

/** Fragment: the `<option>`s swapped into the datalist while the user types. */
export const RubricaSuggestions: FC<{ lang: Lang; suggestions: readonly Suggestion[] }> = ({ suggestions }) => (
  <>
    {suggestions.map((s) => (
      <option value={s.value}>{s.label}</option>
    ))}
  </>
);
