// The storage layer's entry point: creates the data folder, opens the main database, the PEC log and the blob
// store, runs migrations, and exposes the repositories and the runtime's DurableStore.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DurableStore } from '../runtime/durable.ts';
import { FsBlobStore, type BlobStore } from './blob-store.ts';
import { Db, migrate } from './db.ts';
import { DomainRepo } from './domain-repo.ts';
import { SqliteDurableStore } from './durable-store.ts';
import { StoreError } from './errors.ts';
import { FolderRepo } from './folder-repo.ts';
import { MailboxRepo } from './mailbox-repo.ts';
import { MessageRepo } from './message-repo.ts';
import { MAIN_MIGRATIONS } from './migrations/index.ts';
import { PecLog } from './pec-log.ts';
import { PecTransactionRepo } from './pec-transaction-repo.ts';
import { AdminRepo } from './admin-repo.ts';
import { NoticeRepo } from './notice-repo.ts';
import { AddressBookRepo } from './addressbook-repo.ts';
import { FilterRepo } from './filter-repo.ts';
import { PreferencesRepo } from './preferences-repo.ts';
import { WebmailQueries } from './webmail-queries.ts';
import { PrincipalRepo } from './principal-repo.ts';
import { ProviderRepo } from './provider-repo.ts';
import { SessionRepo } from './session-repo.ts';

export const MAIN_DB_FILE = 'pec.sqlite';
export const PEC_LOG_FILE = 'peclog.sqlite';
export const BLOB_DIR = 'blobs';

export interface Store {
  readonly dataDir: string;
  readonly durable: DurableStore;
  readonly provider: ProviderRepo;
  readonly domains: DomainRepo;
  readonly mailboxes: MailboxRepo;
  readonly principals: PrincipalRepo;
  readonly folders: FolderRepo;
  readonly messages: MessageRepo;
  readonly sessions: SessionRepo;
  /** PEC transactions, per-recipient states, held deliveries and the ordinary-mail policy (actors/pec). */
  readonly pecTransactions: PecTransactionRepo;
  /** The admin console's audit log and mailbox search (seed 003). */
  readonly admin: AdminRepo;
  /** Ordinary-mail notices: the local outbox or the smarthost queue. */
  readonly notices: NoticeRepo;
  /** The webmail's rubrica e gruppi (seed 000 §2.6), preferences and message filters (§2.7), and list queries. */
  readonly addressBook: AddressBookRepo;
  readonly preferences: PreferencesRepo;
  readonly filters: FilterRepo;
  readonly webmailQueries: WebmailQueries;
  readonly pecLog: PecLog;
  readonly blobs: BlobStore;
  /** One write transaction on the main database (BEGIN IMMEDIATE); nested calls become savepoints. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Opens (creating on first start) everything under dataDir. Throws StoreError('store-unwritable') with one line. */
export function openStore(dataDir: string): Store {
  try {
    mkdirSync(join(dataDir, BLOB_DIR), { recursive: true });
    accessSync(dataDir, constants.W_OK);
    accessSync(join(dataDir, BLOB_DIR), constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError('store-unwritable', `data folder ${dataDir} is not writable (${code})`);
  }
  const db = openDb(join(dataDir, MAIN_DB_FILE));
  let pecLog: PecLog;
  try {
    migrate(db, MAIN_MIGRATIONS);
    pecLog = openPecLog(join(dataDir, PEC_LOG_FILE));
  } catch (e) {
    db.close();
    throw e;
  }
  const provider = new ProviderRepo(db);
  const messages = new MessageRepo(db);
  const folders = new FolderRepo(db, provider, messages);
  return {
    dataDir,
    durable: new SqliteDurableStore(db),
    provider,
    domains: new DomainRepo(db),
    mailboxes: new MailboxRepo(db, folders, messages),
    principals: new PrincipalRepo(db),
    folders,
    messages,
    sessions: new SessionRepo(db),
    pecTransactions: new PecTransactionRepo(db),
    admin: new AdminRepo(db),
    notices: new NoticeRepo(db),
    addressBook: new AddressBookRepo(db),
    preferences: new PreferencesRepo(db),
    filters: new FilterRepo(db),
    webmailQueries: new WebmailQueries(db),
    pecLog,
    blobs: new FsBlobStore(join(dataDir, BLOB_DIR)),
    transaction: (fn) => db.transaction(fn),
    close() {
      pecLog.close();
      db.close();
    },
  };
}

function openDb(path: string): Db {
  try {
    return new Db(path);
  } catch (e) {
    throw new StoreError('store-unwritable', `cannot open ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function openPecLog(path: string): PecLog {
  try {
    return PecLog.open(path);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError('store-unwritable', `cannot open ${path}: ${(e as Error).message.split('\n')[0]}`);
  }
}

export type { BlobStore } from './blob-store.ts';
export type { Domain } from './domain-repo.ts';
export type { Folder, FolderDeleteResult, SpecialUse } from './folder-repo.ts';
export type { Mailbox, MailboxState, NewMailbox } from './mailbox-repo.ts';
export type { FlagMode } from './message-flags.ts';
export type { SearchHit, SearchQuery } from './message-search.ts';
export type * from './message-types.ts';
export type { ChainVerdict, PecLogQuery } from './pec-log.ts';
export type { PecLogEntry, PecLogRecord, PecLogType, TipoDestinatario } from './pec-log-record.ts';
export type { Admin, Collaborator, CollaboratorProfile, HolderCredentials } from './principal-repo.ts';
export type { PrincipalKind, PrincipalRef, ResetToken, Session } from './session-repo.ts';
export * from './errors.ts';
