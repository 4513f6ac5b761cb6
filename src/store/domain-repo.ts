// PEC domains managed by this gestore.
import type { Db } from './db.ts';
import { ConflictError } from './errors.ts';
import { normalizeDomain } from './limits.ts';

export interface Domain {
  id: number;
  name: string;
  createdAt: number;
}

interface Row {
  id: number;
  name: string;
  created_at: number;
}
const toDomain = (r: Row): Domain => ({ id: r.id, name: r.name, createdAt: r.created_at });

export class DomainRepo {
  constructor(private readonly db: Db) {}

  create(name: string, now: number): Domain {
    const n = normalizeDomain(name);
    if (this.byName(n)) throw new ConflictError('domain', n);
    const { lastInsertRowid } = this.db.run('INSERT INTO domains (name, created_at) VALUES (?, ?)', n, now);
    return { id: lastInsertRowid, name: n, createdAt: now };
  }

  byName(name: string): Domain | undefined {
    const r = this.db.get<Row>('SELECT id, name, created_at FROM domains WHERE name = ?', name.trim().toLowerCase());
    return r && toDomain(r);
  }

  byId(id: number): Domain | undefined {
    const r = this.db.get<Row>('SELECT id, name, created_at FROM domains WHERE id = ?', id);
    return r && toDomain(r);
  }

  list(): Domain[] {
    return this.db.all<Row>('SELECT id, name, created_at FROM domains ORDER BY name').map(toDomain);
  }
}
