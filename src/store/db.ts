/**
 * The one IndexedDB schema of the widget (database `resilience-survey`).
 *
 * Migrations are `if (oldVersion < n)` steps run in order inside the upgrade transaction.
 * A step may add stores and indexes, or rewrite records; it never deletes drafts, because a
 * draft can be hours of someone's reflection.
 */
import {wrap, type DBSchema, type IDBPDatabase} from 'idb';
import type {Draft, LocalResponse, OutboxRecord} from './types.js';

export const DB_NAME = 'resilience-survey';
export const DB_VERSION = 1;

export interface SurveyDB extends DBSchema {
  drafts: {key: string; value: Draft; indexes: {'by-updated': string}};
  outbox: {key: string; value: OutboxRecord};
  local: {key: string; value: LocalResponse};
}

export type SurveyDatabase = IDBPDatabase<SurveyDB>;

// A later step that rewrites records in place also takes the upgrade transaction
// (`request.transaction`).
function upgrade(db: SurveyDatabase, oldVersion: number): void {
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
export async function openDatabase(
  factory: IDBFactory,
  {name = DB_NAME, timeoutMs = 3000}: {name?: string; timeoutMs?: number} = {},
): Promise<SurveyDatabase> {
  const request = factory.open(name, DB_VERSION);
  request.onupgradeneeded = (event) =>
    upgrade(wrap(request.result) as SurveyDatabase, event.oldVersion);
  const opened = (wrap(request) as Promise<SurveyDatabase>).then((db) => {
    // A newer version in another tab must not be blocked by this one.
    db.addEventListener('versionchange', () => db.close());
    return db;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      opened,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new DOMException(`Opening IndexedDB took over ${timeoutMs} ms`, 'TimeoutError')),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    // Given up on: a connection that still opens must not stay open.
    opened.then(
      (db) => db.close(),
      () => {},
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
