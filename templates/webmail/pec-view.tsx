// PEC-specific parts of a message view: "Dati di certificazione", the signature badge and the receipts timeline.
import type { FC } from 'hono/jsx';
import { formatDateTime, isoInstant } from '../i18n/format.ts';
import type { Lang, MessageKey, T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import type { DatiCertificazione, ReceiptStep, RecipientReceipts, SignatureStatus } from './props.ts';

const SIGNATURE_ICON: Readonly<Record<SignatureStatus, string>> = {
  valida: '✓',
  'gestore-non-riconosciuto': '!',
  'non-valida': '✕',
  assente: '–',
};

/** The outcome of the S/MIME check (SPEC D6, D8), worded for the holder; colour is never the only cue. */
export const SignatureBadge: FC<{ status: SignatureStatus; t: T }> = ({ status, t }) => (
  <span class={`badge sig sig-${status}`}>
    <span class="sig-icon" aria-hidden="true">
      {SIGNATURE_ICON[status]}
    </span>
    {t(`sig.${status}` as MessageKey)}
  </span>
);

/** The daticert.xml summary (RFC 6109 §4.4): mittente, destinatari with tipo, data e ora, identificativo, oggetto. */
export const CertificationBox: FC<{ cert: DatiCertificazione; lang: Lang; t: T }> = ({ cert, lang, t }) => (
  <section class="cert-box" aria-labelledby="cert-title">
    <h3 id="cert-title">{t('cert.heading')}</h3>
    <dl class="facts">
      <dt>{t('cert.mittente')}</dt>
      <dd>{cert.mittente}</dd>
      <dt>{t('cert.destinatari')}</dt>
      <dd>
        <ul class="plain-list">
          {cert.destinatari.map((d) => (
            <li>
              {d.address} <span class="badge badge-muted">{t(`cert.tipo.${d.tipo}`)}</span>
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('cert.data')}</dt>
      <dd>
        <time datetime={isoInstant(cert.data)}>{formatDateTime(cert.data, lang)}</time>
      </dd>
      <dt>{t('cert.identificativo')}</dt>
      <dd class="mono">{cert.identificativo}</dd>
      <dt>{t('cert.oggetto')}</dt>
      <dd>{cert.oggetto}</dd>
      {cert.errore ? (
        <>
          <dt>{t('cert.errore')}</dt>
          <dd>{cert.errore}</dd>
        </>
      ) : null}
    </dl>
  </section>
);

type StepState = 'done' | 'failed' | 'warning' | 'pending';

const Step: FC<{ label: string; step?: ReceiptStep | undefined; state: StepState; detail?: string | undefined; lang: Lang; t: T }> = (p) => (
  <li class={`step step-${p.state}`}>
    <span class="step-dot" aria-hidden="true"></span>
    <span class="step-name">{p.label}</span>
    {p.step ? (
      <time datetime={isoInstant(p.step.at)}>{formatDateTime(p.step.at, p.lang)}</time>
    ) : (
      <span class="step-pending">{p.t('receipts.pending')}</span>
    )}
    {p.detail ? <span class="step-detail">{p.detail}</span> : null}
    {p.step?.messageId ? (
      <a href={urls.mail.message(p.step.messageId)} hx-get={urls.mail.message(p.step.messageId)} hx-target="#preview" hx-swap="innerHTML" class="step-link">
        {p.t('receipts.open')}
      </a>
    ) : null}
  </li>
);

/** The last step: consegna, mancata consegna or a preavviso, or pending until one arrives. */
const Outcome: FC<{ r: RecipientReceipts; lang: Lang; t: T }> = ({ r, lang, t }) => {
  const e = r.esito;
  if (!e) return <Step label={t('receipts.consegna')} state="pending" lang={lang} t={t} />;
  switch (e.kind) {
    case 'consegna':
      return <Step label={t('receipts.consegna')} step={e} state="done" lang={lang} t={t} />;
    case 'mancata-consegna':
      return <Step label={t('receipts.mancataConsegna')} step={e} state="failed" detail={e.reason} lang={lang} t={t} />;
    case 'preavviso':
      return <Step label={t('receipts.preavviso')} step={e} state="warning" detail={e.reason} lang={lang} t={t} />;
  }
};

/** For a sent message: per recipient, accettazione → presa in carico (PEC recipients only) → esito. */
export const ReceiptsTimeline: FC<{ receipts: readonly RecipientReceipts[]; lang: Lang; t: T }> = ({ receipts, lang, t }) => (
  <section class="receipts" aria-labelledby="receipts-title">
    <h3 id="receipts-title">{t('receipts.heading')}</h3>
    <ul class="recipients">
      {receipts.map((r) => (
        <li class="recipient">
          <p class="recipient-address">
            {r.address} <span class="badge badge-muted">{t(`cert.tipo.${r.tipo}`)}</span>
          </p>
          <ol class="timeline">
            <Step label={t('receipts.accettazione')} step={r.accettazione} state={r.accettazione ? 'done' : 'pending'} lang={lang} t={t} />
            {r.tipo === 'certificato' ? (
              <Step label={t('receipts.presaInCarico')} step={r.presaInCarico} state={r.presaInCarico ? 'done' : 'pending'} lang={lang} t={t} />
            ) : null}
            {r.tipo === 'certificato' ? <Outcome r={r} lang={lang} t={t} /> : null}
          </ol>
        </li>
      ))}
    </ul>
  </section>
);
