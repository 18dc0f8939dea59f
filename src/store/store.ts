/**
 * A small storage API over drafts, the outbox and locally kept responses.
 *
 * `openStore()` gives IndexedDB when it can and memory when it cannot (no IndexedDB, a
 * private mode that refuses it, an upgrade blocked by another tab). If a write later fails
 * (quota, a lost connection), the store copies what it can read into memory, carries on
 * there and tells its `onFallback` listeners once, with a `StorageUnavailableError`.
 */
import {openDatabase, type SurveyDatabase, type SurveyDB} from './db.js';
import {MemoryStore, memoryCopyOf} from './memory.js';
import {
  byCreated,
  cutoff,
  DRAFT_MAX_AGE_MS,
  StorageUnavailableError,
  type Draft,
  type DraftInit,
  type LocalResponse,
  type OutboxRecord,
  type OutboxUpdate,
  type Store,
} from './types.js';

export type {Draft, LocalResponse, OutboxRecord, OutboxUpdate, Store} from './types.js';
export {byCreated, cutoff, DRAFT_MAX_AGE_MS, StorageUnavailableError} from './types.js';

const STORES = ['drafts', 'outbox', 'local'] as const;

/** The key of a draft: pack, timepoint and participant, kept apart by the page's `storage-key`. */
export function storageKey(
  packId: string,
  timepoint: string,
  participant: string | null,
  explicit?: string | null,
): string {
  const parts = [packId, timepoint, participant ?? ''];
  if (explicit) parts.push(explicit);
  return parts.map(encodeURIComponent).join('/');
}

/** The IndexedDB store. Only IndexedDB requests are awaited inside a transaction. */
export class IdbStore implements Store {
  readonly persistent = true;
  readonly #db: SurveyDatabase;

  constructor(db: SurveyDatabase) {
    this.#db = db;
  }

  getDraft(key: string) {
    return this.#db.get('drafts', key);
  }
  listDrafts() {
    return this.#db.getAll('drafts');
  }
  async putDraft(draft: Draft) {
    await this.#db.put('drafts', draft);
  }
  deleteDraft(key: string) {
    return this.#db.delete('drafts', key);
  }
  async expireDrafts(maxAgeMs = DRAFT_MAX_AGE_MS, now = Date.now()) {
    const tx = this.#db.transaction('drafts', 'readwrite');
    const range = IDBKeyRange.upperBound(cutoff(maxAgeMs, now), true);
    let count = 0;
    for (
      let cursor = await tx.store.index('by-updated').openCursor(range);
      cursor;
      cursor = await cursor.continue()
    ) {
      await cursor.delete();
      count++;
    }
    await tx.done;
    return count;
  }
  addOutbox(record: OutboxRecord) {
    return this.#addOnce('outbox', record);
  }
  getOutbox(id: string) {
    return this.#db.get('outbox', id);
  }
  async listOutbox() {
    return (await this.#db.getAll('outbox')).sort(byCreated);
  }
  async updateOutbox(id: string, update: OutboxUpdate) {
    const tx = this.#db.transaction('outbox', 'readwrite');
    const current = await tx.store.get(id);
    const next = current && update(current);
    if (next) await tx.store.put(next);
    await tx.done;
    return next;
  }
  deleteOutbox(id: string) {
    return this.#db.delete('outbox', id);
  }
  addLocal(response: LocalResponse) {
    return this.#addOnce('local', response);
  }
  listLocal() {
    return this.#db.getAll('local');
  }
  deleteLocal(id: string) {
    return this.#db.delete('local', id);
  }
  async clearEverything() {
    const tx = this.#db.transaction(STORES, 'readwrite');
    await Promise.all([...STORES.map((name) => tx.objectStore(name).clear()), tx.done]);
  }
  onFallback() {
    return () => {};
  }
  close() {
    this.#db.close();
  }

  /** Adds unless the id is taken, in one transaction; resolves to whether it added. */
  async #addOnce<N extends 'outbox' | 'local'>(name: N, value: SurveyDB[N]['value']) {
    const tx = this.#db.transaction(name, 'readwrite');
    const added = (await tx.store.getKey(value.id)) === undefined;
    if (added) await tx.store.add(value);
    await tx.done;
    return added;
  }
}

// Errors that mean "this storage no longer works", as opposed to a bug in what we store.
const storageFailures = new Set([
  'QuotaExceededError',
  'UnknownError',
  'InvalidStateError',
  'AbortError',
  'TransactionInactiveError',
]);

/** True for an error after which the widget should keep data in memory instead. */
export function isStorageFailure(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (storageFailures.has(error.name) || error.code === DOMException.QUOTA_EXCEEDED_ERR)
  );
}

/** The data operations of a store, as opposed to what it is and its listeners and lifetime. */
type Operation = Exclude<keyof Store, 'persistent' | 'onFallback' | 'close'>;

// Every operation, once; the type makes sure none is missing.
const operations = Object.keys({
  getDraft: 0,
  listDrafts: 0,
  putDraft: 0,
  deleteDraft: 0,
  expireDrafts: 0,
  addOutbox: 0,
  getOutbox: 0,
  listOutbox: 0,
  updateOutbox: 0,
  deleteOutbox: 0,
  addLocal: 0,
  listLocal: 0,
  deleteLocal: 0,
  clearEverything: 0,
} satisfies Record<Operation, 0>) as Operation[];

/** IndexedDB until a storage failure, then memory seeded with whatever could still be read. */
function withFallback(primary: Store): Store {
  let active = primary;
  let switching: Promise<void> | undefined;
  let closed = false;
  const listeners = new Set<(error: StorageUnavailableError) => void>();

  const fallBack = (cause: unknown) =>
    (switching ??= (async () => {
      active = await memoryCopyOf(primary);
      const name = cause instanceof DOMException ? cause.name : 'Error';
      const error = new StorageUnavailableError(
        `Storage stopped working (${name}); answers are kept in memory only`,
        {cause},
      );
      for (const listener of listeners) listener(error);
    })());

  const run = async (op: Operation, args: unknown[]) => {
    if (closed) throw new DOMException('The store is closed', 'InvalidStateError');
    const call = (store: Store) => (store[op] as (...args: unknown[]) => Promise<unknown>)(...args);
    const store = active;
    try {
      return await call(store);
    } catch (error) {
      if (!store.persistent || !isStorageFailure(error)) throw error;
      await fallBack(error);
      return call(active);
    }
  };

  return {
    ...(Object.fromEntries(
      operations.map((op) => [op, (...args: unknown[]) => run(op, args)]),
    ) as Pick<Store, Operation>),
    get persistent() {
      return active.persistent;
    },
    onFallback(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      closed = true;
      primary.close();
    },
  };
}

export interface OpenStoreOptions {
  /** The IndexedDB factory; `null` for none. The page's `indexedDB` when absent. */
  indexedDB?: IDBFactory | null;
  /** Database name; tests use their own. */
  name?: string;
  /** How long to wait for an upgrade another tab blocks before settling for memory. */
  timeoutMs?: number;
}

export interface OpenStoreResult {
  store: Store;
  persistent: boolean;
  /** Why the store is not persistent, for `rs-error` `storage-unavailable`. */
  error?: string;
}

/** Opens IndexedDB, or memory when that fails. Never rejects. */
export async function openStore(options: OpenStoreOptions = {}): Promise<OpenStoreResult> {
  let reason = 'no IndexedDB';
  try {
    const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
    if (factory) {
      const db = await openDatabase(factory, options);
      return {store: withFallback(new IdbStore(db)), persistent: true};
    }
  } catch (error) {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  // In the main bundle, not a chunk: a page offline at its first load whose IndexedDB is
  // refused (a private window) could not fetch it, and would have no store at all.
  return {store: new MemoryStore(), persistent: false, error: `Storage unavailable (${reason})`};
}

/** An empty draft for a survey that starts now (only `init`'s own fields, never its answers). */
export function newDraft(
  {key, packId, packVersion, timepoint, participant}: DraftInit,
  responseId: string,
  now = new Date(),
): Draft {
  const at = now.toISOString();
  return {
    key,
    packId,
    packVersion,
    timepoint,
    participant,
    responseId,
    answers: {},
    page: '',
    startedAt: at,
    updatedAt: at,
  };
}
