// Typed errors of the storage layer: each carries a stable `code` (its wire form) and a one-line message.

export type StoreErrorCode =
  | 'store-unwritable'
  | 'schema-too-new'
  | 'migration-failed'
  | 'limit-exceeded'
  | 'invalid-value'
  | 'not-found'
  | 'conflict'
  | 'name-locked'
  | 'special-folder'
  | 'async-in-transaction'
  | 'transaction-state'
  | 'corrupt-blob'
  | 'append-only';

/** Base class: callers branch on `code`, never on the message text. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A value passed a named limit (`limit` is the constant's name, e.g. MAX_FOLDER_NAME_LENGTH). */
export class LimitExceededError extends StoreError {
  override readonly name = 'LimitExceededError';
  constructor(
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
  ) {
    super('limit-exceeded', `${limit} exceeded: ${actual} > ${max}`);
  }
}

export class InvalidValueError extends StoreError {
  override readonly name = 'InvalidValueError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super('invalid-value', `invalid ${field}: ${reason}`);
  }
}

export class NotFoundError extends StoreError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly key: string | number,
  ) {
    super('not-found', `${entity} not found: ${String(key)}`);
  }
}

/** A uniqueness rule was hit (mailbox address, folder name under one parent, collaborator username…). */
export class ConflictError extends StoreError {
  override readonly name = 'ConflictError';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super('conflict', `${entity} already exists: ${key}`);
  }
}

/** Manuale GestionePEC "Cancellare una casella": a cancelled mailbox's name can never be created again. */
export class MailboxNameLockedError extends StoreError {
  override readonly name = 'MailboxNameLockedError';
  constructor(readonly address: string) {
    super('name-locked', `mailbox name was cancelled and cannot be reused: ${address}`);
  }
}

export class SpecialFolderError extends StoreError {
  override readonly name = 'SpecialFolderError';
  constructor(
    readonly folderId: number,
    operation: string,
  ) {
    super('special-folder', `cannot ${operation} a special-use folder (id ${folderId})`);
  }
}

export class CorruptBlobError extends StoreError {
  override readonly name = 'CorruptBlobError';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super('corrupt-blob', `blob ${expected} is corrupt (content hashes to ${actual})`);
  }
}
