// "Scarica › Formato maildir (.zip)" (seed 000 §2.4): the selected messages as a Maildir++ tree in a ZIP —
// unread ones in new/ (no info), read ones in cur/ with the ":2,<flags>" suffix, flags in ASCII order
// (https://cr.yp.to/proto/maildir.html); folders other than the inbox as ".Name.Sub/" (Maildir++).
import { zipSync, type Zippable } from 'fflate';
import { FOLDER_DELIMITER } from '../../store/folder-repo.ts';

/** Messages and bytes one download may hold: beyond them the user narrows the search. */
export const MAX_ZIP_MESSAGES = 10_000;
export const MAX_ZIP_BYTES = 256 * 1024 * 1024;

export interface MaildirEntry {
  id: number;
  /** Path of the folder ("Posta in arrivo" for the inbox is the root). */
  folderPath: string;
  isInbox: boolean;
  internalDate: number;
  flags: readonly string[];
  raw: Uint8Array;
}

const FLAG_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['\\Draft', 'D'],
  ['\\Flagged', 'F'],
  ['\\Answered', 'R'],
  ['\\Seen', 'S'],
  ['\\Deleted', 'T'],
];

/** The info suffix: ":2," then the flag letters in ASCII order. */
export function maildirInfo(flags: readonly string[]): string {
  const lower = new Set(flags.map((f) => f.toLowerCase()));
  return `:2,${FLAG_LETTERS.filter(([f]) => lower.has(f.toLowerCase())).map(([, l]) => l).sort().join('')}`;
}

/** Maildir++ folder directory: "." + path with the hierarchy joined by dots; dots and slashes in names escaped. */
export function maildirFolder(e: Pick<MaildirEntry, 'folderPath' | 'isInbox'>): string {
  if (e.isInbox) return '';
  const segs = e.folderPath.split(FOLDER_DELIMITER).map((s) => s.replace(/[./\\\u0000-\u001f]/g, '_'));
  return `.${segs.join('.')}/`;
}

/** "<seconds>.M<id>.pec" — unique within the archive, and the delivery time first as maildir readers expect. */
export function maildirFileName(e: Pick<MaildirEntry, 'id' | 'internalDate'>): string {
  return `${Math.floor(e.internalDate / 1000)}.M${e.id}.pec`;
}

export function maildirPath(e: MaildirEntry): string {
  const unread = !e.flags.some((f) => f.toLowerCase() === '\\seen');
  const dir = maildirFolder(e);
  return unread ? `${dir}new/${maildirFileName(e)}` : `${dir}cur/${maildirFileName(e)}${maildirInfo(e.flags)}`;
}

export class ZipTooLargeError extends Error {
  constructor(readonly limit: 'MAX_ZIP_MESSAGES' | 'MAX_ZIP_BYTES', readonly max: number) {
    super(`${limit} exceeded (${max})`);
    this.name = 'ZipTooLargeError';
  }
}

/** The ZIP bytes; every folder gets its cur/, new/ and tmp/ so any maildir reader opens it. */
export function buildMaildirZip(entries: readonly MaildirEntry[]): Uint8Array {
  if (entries.length > MAX_ZIP_MESSAGES) throw new ZipTooLargeError('MAX_ZIP_MESSAGES', MAX_ZIP_MESSAGES);
  let total = 0;
  const files: Zippable = {};
  const dirs = new Set<string>(['']);
  for (const e of entries) {
    total += e.raw.byteLength;
    if (total > MAX_ZIP_BYTES) throw new ZipTooLargeError('MAX_ZIP_BYTES', MAX_ZIP_BYTES);
    dirs.add(maildirFolder(e));
    files[`Maildir/${maildirPath(e)}`] = [e.raw, { level: 6 }];
  }
  for (const d of dirs) for (const sub of ['cur/', 'new/', 'tmp/']) files[`Maildir/${d}${sub}`] ??= new Uint8Array();
  return zipSync(files, { level: 6 });
}
