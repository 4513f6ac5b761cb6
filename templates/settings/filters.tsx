// Settings › Filtri: conditions on sender, subject and kind of PEC message; actions move to folder, mark as read.
import type { FC } from 'hono/jsx';
import { confirmAttrs } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { Checkbox, SelectField, TextField } from '../components/field.tsx';
import { translator, type MessageKey, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import { PEC_KINDS, type PecKind } from '../webmail/props.ts';
import { flattenFolders } from './folders.tsx';
import type { FilterRule, FiltersSettingsProps } from './props.ts';
import { SettingsLayout } from './settings-layout.tsx';

const kindLabel = (k: PecKind, t: T) => t(`pec.${k}` as MessageKey);

/** One line per filter: "conditions → actions", with its delete button. */
const FilterRow: FC<{ f: FilterRule; t: T; folderPath: (id: string) => string; csrf: string }> = ({ f, t, folderPath, csrf }) => {
  const conditions = [
    f.senderContains ? `${t('filters.sender')}: “${f.senderContains}”` : '',
    f.subjectContains ? `${t('filters.subject')}: “${f.subjectContains}”` : '',
    f.pecKind ? `${t('filters.kind')}: ${kindLabel(f.pecKind, t)}` : '',
  ].filter(Boolean);
  const actions = [f.moveToFolderId ? `${t('filters.moveTo')}: ${folderPath(f.moveToFolderId)}` : '', f.markRead ? t('filters.markRead') : ''].filter(Boolean);
  return (
    <tr>
      <th scope="row">{f.name}</th>
      <td>
        <ul class="plain-list">
          {conditions.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
      </td>
      <td>
        <ul class="plain-list">
          {actions.map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      </td>
      <td>
        <form method="post" action={urls.settings.filterDelete(f.id)} {...confirmAttrs(t('filters.confirmDelete', { name: f.name }), false)}>
          <CsrfField token={csrf} />
          <button type="submit" class="btn btn-small btn-danger" aria-label={`${t('filters.delete')}: ${f.name}`}>
            {t('filters.delete')}
          </button>
        </form>
      </td>
    </tr>
  );
};

export const FiltersSettingsPage: FC<FiltersSettingsProps> = (p) => {
  const t = translator(p.lang);
  const folders = flattenFolders(p.folders, t);
  const folderPath = (id: string) => folders.find((f) => f.node.id === id)?.path ?? id;
  const d = p.draft ?? {};
  const err = (field: string) => p.errors?.find((e) => e.field === field)?.message;
  return (
    <SettingsLayout {...p} section="filters" title={t('settings.filters')}>
      <p>{t('filters.intro')}</p>
      <h3>{t('filters.list')}</h3>
      {p.filters.length === 0 ? (
        <p class="muted">{t('filters.none')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('filters.name')}</th>
              <th scope="col">{t('filters.conditions')}</th>
              <th scope="col">{t('filters.actions')}</th>
              <th scope="col"><span class="sr-only">{t('filters.delete')}</span></th>
            </tr>
          </thead>
          <tbody>
            {p.filters.map((f) => (
              <FilterRow f={f} t={t} folderPath={folderPath} csrf={p.csrfToken} />
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={urls.settings.filters()} class="stack" aria-labelledby="new-filter-title">
        <h3 id="new-filter-title">{t('filters.new')}</h3>
        <CsrfField token={p.csrfToken} />
        <TextField id="filter-name" name="name" label={t('filters.name')} value={d.name} required error={err('name')} />
        <fieldset>
          <legend>{t('filters.conditions')}</legend>
          <div class="form-grid">
            <TextField id="filter-sender" name="senderContains" label={t('filters.sender')} value={d.senderContains} error={err('senderContains')} />
            <TextField id="filter-subject" name="subjectContains" label={t('filters.subject')} value={d.subjectContains} error={err('subjectContains')} />
            <SelectField
              id="filter-kind"
              name="pecKind"
              label={t('filters.kind')}
              value={d.pecKind ?? ''}
              options={[{ value: '', label: t('filters.kind.any') }, ...PEC_KINDS.map((k) => ({ value: k, label: kindLabel(k, t) }))]}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('filters.actions')}</legend>
          <div class="form-grid">
            <SelectField
              id="filter-move"
              name="moveToFolderId"
              label={t('filters.moveTo')}
              value={d.moveToFolderId ?? ''}
              error={err('moveToFolderId')}
              options={[{ value: '', label: t('filters.noMove') }, ...folders.map((f) => ({ value: f.node.id, label: f.path }))]}
            />
            <Checkbox id="filter-read" name="markRead" label={t('filters.markRead')} checked={d.markRead ?? false} />
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary">
            {t('settings.save')}
          </button>
        </div>
      </form>
    </SettingsLayout>
  );
};
