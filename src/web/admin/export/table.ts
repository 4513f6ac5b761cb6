// The table every export format writes (seed 003 "Esportare un elenco di caselle"): what the list shows, one row per
// mailbox, with the labels of the administrator's language.
import type { Mailbox } from '../../../store/index.ts';
import { adminTranslator } from '../../../../templates/admin/i18n.ts';
import type { Lang } from '../../../../templates/i18n/index.ts';
import { toMb } from '../forms.ts';

export interface ExportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const day = (ms: number) =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(ms));

export function exportTable(mailboxes: readonly Mailbox[], domain: string, lang: Lang, generatedAt: number): ExportTable {
  const t = adminTranslator(lang);
  return {
    title: `${t('admin.list.caption', { domain })} - ${day(generatedAt)}`,
    headers: [
      t('admin.col.name'), t('admin.col.domain'), t('admin.col.state'), t('admin.col.type'), t('admin.col.created'),
      t('admin.col.email'), t('admin.col.quota'), t('admin.col.softLimit'), t('admin.col.used'), t('admin.col.conservazione'),
    ],
    rows: mailboxes.map((m) => [
      m.localPart, domain, t(`admin.state.${m.state}`), m.type, day(m.createdAt), m.communicationEmail ?? '',
      String(toMb(m.quotaBytes)), String(toMb(m.softLimitBytes)), (m.usedBytes / (1024 * 1024)).toFixed(2),
      m.conservazione ? t('admin.yes') : t('admin.no'),
    ]),
  };
}
