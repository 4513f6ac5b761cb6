// Settings › Cartelle (seed 000 §2.7.1): create with "Nome cartella" and "Cartella padre", rename, delete.
import type { FC } from 'hono/jsx';
import { confirmAttrs } from '../components/confirm-dialog.tsx';
import { CsrfField } from '../components/csrf.tsx';
import { SelectField, TextField } from '../components/field.tsx';
import { translator, type T } from '../i18n/index.ts';
import { urls } from '../urls.ts';
import { folderLabel } from '../webmail/folder-tree.tsx';
import type { FolderNode, FormError } from '../webmail/props.ts';
import type { FoldersSettingsProps } from './props.ts';
import { SettingsLayout } from './settings-layout.tsx';

interface FlatFolder {
  readonly node: FolderNode;
  readonly depth: number;
  readonly path: string;
}

/** Depth-first list with the full path ("Appalti / 2026") for labels that stay unambiguous. */
export function flattenFolders(nodes: readonly FolderNode[], t: T, depth = 0, prefix = ''): FlatFolder[] {
  return nodes.flatMap((n) => {
    const path = prefix ? `${prefix} / ${folderLabel(n, t)}` : folderLabel(n, t);
    return [{ node: n, depth, path }, ...flattenFolders(n.children, t, depth + 1, path)];
  });
}

const err = (errors: readonly FormError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

const FolderRow: FC<{ f: FlatFolder; t: T; csrf: string }> = ({ f, t, csrf }) => (
  <tr>
    <th scope="row">{f.path}</th>
    <td>
      <form method="post" action={urls.settings.folderRename(f.node.id)} class="actions-bar">
        <CsrfField token={csrf} />
        <label for={`rename-${f.node.id}`} class="sr-only">
          {t('folders.newName', { name: f.path })}
        </label>
        <input type="text" id={`rename-${f.node.id}`} name="name" value={f.node.name} required />
        <button type="submit" class="btn btn-small">
          {t('folders.rename')}
        </button>
      </form>
    </td>
    <td>
      <form method="post" action={urls.settings.folderDelete(f.node.id)} {...confirmAttrs(t('folders.confirmDelete', { name: f.path }), false)}>
        <CsrfField token={csrf} />
        <button type="submit" class="btn btn-small btn-danger" aria-label={`${t('folders.delete')}: ${f.path}`}>
          {t('folders.delete')}
        </button>
      </form>
    </td>
  </tr>
);

export const FoldersSettingsPage: FC<FoldersSettingsProps> = (p) => {
  const t = translator(p.lang);
  const all = flattenFolders(p.folders, t);
  const own = all.filter((f) => !f.node.standard);
  return (
    <SettingsLayout {...p} section="folders" title={t('settings.folders')}>
      {p.canOrganize ? (
        <form method="post" action={urls.settings.folderCreate()} class="stack" aria-labelledby="new-folder-title">
          <h3 id="new-folder-title">{t('folders.new')}</h3>
          <CsrfField token={p.csrfToken} />
          <div class="form-grid">
            <TextField id="folder-name" name="name" label={t('folders.name')} required error={err(p.errors, 'name')} />
            <SelectField
              id="folder-parent"
              name="parent"
              label={t('folders.parent')}
              error={err(p.errors, 'parent')}
              options={[{ value: '', label: t('folders.noParent') }, ...all.map((f) => ({ value: f.node.id, label: f.path }))]}
            />
          </div>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary">
              {t('settings.save')}
            </button>
          </div>
        </form>
      ) : null}
      <h3>{t('folders.own')}</h3>
      {own.length === 0 ? (
        <p class="muted">{t('folders.none')}</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('folders.name')}</th>
              <th scope="col">{p.canOrganize ? t('folders.rename') : ''}</th>
              <th scope="col">{p.canOrganize ? t('folders.delete') : ''}</th>
            </tr>
          </thead>
          <tbody>
            {own.map((f) =>
              p.canOrganize ? (
                <FolderRow f={f} t={t} csrf={p.csrfToken} />
              ) : (
                <tr>
                  <th scope="row">{f.path}</th>
                  <td></td>
                  <td></td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </SettingsLayout>
  );
};
