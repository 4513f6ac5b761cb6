// Folder paths for CREATE and RENAME: resolves (and creates, RFC 9051 §6.3.4) the superior names of a new name.
import type { Folder, SpecialUse } from '../../../src/store/index.ts';
import type { SessionContext } from './context.ts';
import { DELIMITER, findFolder } from './mailbox-names.ts';

/** The parent folder id for a path, creating missing levels through the mailbox actor; null at the top level. */
export async function ensurePath(s: SessionContext, path: string | null): Promise<number | null> {
  if (path === null) return null;
  let parentId: number | null = null;
  let prefix = '';
  for (const segment of path.split(DELIMITER)) {
    prefix = prefix ? `${prefix}${DELIMITER}${segment}` : segment;
    const existing = findFolder(s.folders(), prefix);
    if (existing) {
      parentId = existing.folder.id;
      continue;
    }
    const created: Folder = await s.ask<Folder>({ type: 'create-folder', name: segment, parentId });
    parentId = created.id;
  }
  return parentId;
}

/** RFC 6154 §5 CREATE-SPECIAL-USE: the uses a casella has (seed 000 §2); INBOX is not one a client may create. */
export const CREATABLE_USES: ReadonlySet<string> = new Set<SpecialUse>(['\\Sent', '\\Drafts', '\\Trash']);
