// The casella's folders as an IMAP hierarchy (RFC 9051 §5.1): "/" delimiter, the \Inbox folder is INBOX, LIST
// patterns with "*" and "%", special-use attributes (RFC 6154).
import { FOLDER_DELIMITER, type Folder } from '../../../src/store/folder-repo.ts';

export const DELIMITER = FOLDER_DELIMITER;

export interface ImapFolder {
  folder: Folder;
  /** The IMAP name: "INBOX" for the \Inbox folder, the path of names joined with "/" for the others. */
  name: string;
  hasChildren: boolean;
}

/** Builds every folder's IMAP name; the \Inbox folder's subfolders live under "INBOX/". */
export function folderTree(folders: readonly Folder[]): ImapFolder[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const parents = new Set(folders.map((f) => f.parentId).filter((p): p is number => p !== null));
  const names = new Map<number, string>();
  const nameOf = (f: Folder, depth = 0): string => {
    const known = names.get(f.id);
    if (known !== undefined) return known;
    const own = f.specialUse === '\\Inbox' && f.parentId === null ? 'INBOX' : f.name;
    const parent = f.parentId === null || depth > 64 ? undefined : byId.get(f.parentId);
    const name = parent ? `${nameOf(parent, depth + 1)}${DELIMITER}${own}` : own;
    names.set(f.id, name);
    return name;
  };
  return folders.map((f) => ({ folder: f, name: nameOf(f), hasChildren: parents.has(f.id) }));
}

/** RFC 9051 §5.1: "INBOX" is case-insensitive, also as the first level of a path ("inbox/x" is "INBOX/x"). */
export function normalizeName(name: string): string {
  const trimmed = name.endsWith(DELIMITER) ? name.slice(0, -1) : name;
  const first = trimmed.split(DELIMITER, 1)[0] ?? '';
  return first.toUpperCase() === 'INBOX' ? `INBOX${trimmed.slice(first.length)}` : trimmed;
}

export function findFolder(tree: readonly ImapFolder[], name: string): ImapFolder | undefined {
  const n = normalizeName(name);
  return tree.find((f) => f.name === n);
}

/** Parent path and last segment of a name ("a/b/c" -> "a/b", "c"); parent null at the top level. */
export function splitName(name: string): { parent: string | null; leaf: string } {
  const n = normalizeName(name);
  const at = n.lastIndexOf(DELIMITER);
  return at < 0 ? { parent: null, leaf: n } : { parent: n.slice(0, at), leaf: n.slice(at + 1) };
}

/**
 * LIST pattern match (RFC 9051 §6.3.9): "*" matches anything, "%" anything but the delimiter. The reference is
 * prefixed to the pattern. Matching is iterative (no regular expression built from client input).
 */
export function listMatches(reference: string, pattern: string, name: string): boolean {
  const full = normalizePattern(reference + pattern);
  return wildcardMatch(full, name);
}

function normalizePattern(p: string): string {
  return /^inbox(?=$|\/)/i.test(p) ? `INBOX${p.slice(5)}` : p;
}

function wildcardMatch(p: string, s: string): boolean {
  // Classic backtracking glob with two kinds of star; bounded by |p| * |s|.
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (s.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === p.length) r = j === s.length;
    else {
      const c = p[i]!;
      if (c === '*') r = go(i + 1, j) || (j < s.length && go(i, j + 1));
      else if (c === '%') r = go(i + 1, j) || (j < s.length && s[j] !== DELIMITER && go(i, j + 1));
      else r = j < s.length && s[j] === c && go(i + 1, j + 1);
    }
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** RFC 6154 special-use attribute of a folder (INBOX has none: it is INBOX). */
export function specialUseAttribute(f: Folder): string | null {
  return f.specialUse && f.specialUse !== '\\Inbox' ? f.specialUse : null;
}
