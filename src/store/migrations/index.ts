// The main database's migrations, in order. Add a file NNN-name.ts and list it here; never edit an applied one.
import type { Migration } from '../db.ts';
import { migration as m001 } from './001-domain.ts';
import { migration as m002 } from './002-runtime.ts';

export const MAIN_MIGRATIONS: readonly Migration[] = [m001, m002];
