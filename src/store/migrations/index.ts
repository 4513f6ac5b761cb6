// The main database's migrations, in order. Add a file NNN-name.ts and list it here; never edit an applied one.
import type { Migration } from '../db.ts';
import { migration as m001 } from './001-domain.ts';
import { migration as m002 } from './002-runtime.ts';
import { migration as m003 } from './003-pec.ts';
import { migration as m004 } from './004-admin.ts';
import { migration as m005 } from './005-webmail.ts';

export const MAIN_MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005];
