import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {openStore, type Store} from '../../src/store/store.js';
import type {Draft, OutboxRecord} from '../../src/store/types.js';
import {uuid} from '../../src/store/uuid.js';

/** A database of its own for one test, deleted afterwards by `dropDatabase`. */
export async function freshStore(
  name = `rs-test-${uuid()}`,
): Promise<{store: Store; name: string}> {
  const {store, persistent, error} = await openStore({name});
  if (!persistent) throw new Error(`IndexedDB did not open: ${error}`);
  return {store, name};
}

export function dropDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

export function draft(key: string, updatedAt: string, extra: Partial<Draft> = {}): Draft {
  return {
    key,
    packId: 'coping-with-error',
    packVersion: '1.0.0',
    timepoint: 'baseline',
    participant: null,
    responseId: uuid(),
    answers: {'conf-1': 3},
    page: 'confidence',
    startedAt: updatedAt,
    updatedAt,
    ...extra,
  };
}

export function outboxRecord(createdAt: string, extra: Partial<OutboxRecord> = {}): OutboxRecord {
  return {
    id: uuid(),
    url: '/__endpoint/none/responses',
    format: 'json',
    body: '{}',
    headers: {},
    credentials: 'same-origin',
    attempts: 0,
    nextAttemptAt: 0,
    status: 'pending',
    lastError: null,
    createdAt,
    ...extra,
  };
}

/** Just enough of a Lit host to drive a controller's lifecycle by hand. */
export class FakeHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController) {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController) {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate() {
    this.updates++;
  }
  connect() {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect() {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `ms` pass. */
export async function until(check: () => boolean | Promise<boolean>, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(10);
  }
  return check();
}

/**
 * Makes IndexedDB writes fail as a full disk does, from now until the returned function is
 * called. idb looks methods up on each call, so patching the prototype reaches it.
 */
export function failWritesWithQuota(): () => void {
  const proto = IDBObjectStore.prototype;
  const {put, add} = proto;
  const fail = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  proto.put = fail;
  proto.add = fail;
  return () => {
    proto.put = put;
    proto.add = add;
  };
}
