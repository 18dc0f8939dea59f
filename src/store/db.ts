/**
 * The one IndexedDB schema of the widget (database `resilience-survey`).
 *
 * Migrations are `if (oldVersion < n)` steps run in order inside the upgrade transaction.
 * A step may add stores and indexes, or rewrite records; it never deletes drafts, because a
 * draft can be hours of someone's reflection.
 */
import {wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames} from 'idb';
import type {Draft, LocalResponse, OutboxRecord} from './types.js';

export const DB_NAME = 'resilience-survey';
export const DB_VERSION = 1;

export interface SurveyDB extends DBSchema {
  drafts: {key: string; value: Draft; indexes: {'by-updated': string}};
  outbox: {key: string; value: OutboxRecord};
  local: {key: string; value: LocalResponse};
}

export type SurveyDatabase = IDBPDatabase<SurveyDB>;

type UpgradeTransaction = IDBPTransaction<SurveyDB, StoreNames<SurveyDB>[], 'versionchange'>;

// `tx` is for later steps that rewrite records in place.
function upgrade(db: SurveyDatabase, oldVersion: number, _tx: UpgradeTransaction): void {
  if (oldVersion < 1) {
    const drafts = db.createObjectStore('drafts', {keyPath: 'key'});
    // ISO timestamps sort as strings, so expiry is one key range.
    drafts.createIndex('by-updated', 'updatedAt');
    db.createObjectStore('outbox', {keyPath: 'id'});
    db.createObjectStore('local', {keyPath: 'id'});
  }
}

/**
 * Opens the database through the given factory (the page's `indexedDB` unless a test hands in
 * another). Rejects when the factory refuses, or when another connection blocks the upgrade
 * for longer than `timeoutMs`.
 */
export function openDatabase(
  factory: IDBFactory,
  {name = DB_NAME, timeoutMs = 3000}: {name?: string; timeoutMs?: number} = {},
): Promise<SurveyDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, DB_VERSION);
    } catch (error) {
      reject(error);
      return;
    }
    const timer = setTimeout(() => {
      settled = true;
      reject(new DOMException(`Opening IndexedDB took over ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    request.addEventListener('upgradeneeded', (event) => {
      upgrade(
        wrap(request.result) as SurveyDatabase,
        event.oldVersion,
        wrap(request.transaction!) as unknown as UpgradeTransaction,
      );
    });
    (wrap(request) as Promise<SurveyDatabase>).then(
      (db) => {
        clearTimeout(timer);
        // A newer version in another tab must not be blocked by this one.
        db.addEventListener('versionchange', () => db.close());
        if (settled) db.close();
        else resolve(db);
        settled = true;
      },
      (error: unknown) => {
        clearTimeout(timer);
        if (!settled) reject(error);
        settled = true;
      },
    );
  });
}
