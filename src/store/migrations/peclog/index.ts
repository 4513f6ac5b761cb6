// The PEC log database's migrations, in order (a separate file from the main database).
import type { Migration } from '../../db.ts';
import { migration as m001 } from './001-pec-log.ts';

export const PEC_LOG_MIGRATIONS: readonly Migration[] = [m001];
