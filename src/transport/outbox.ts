/**
 * The outbox: finished responses stored with the request that delivers them, sent until the
 * endpoint takes them (2xx) or refuses them for good (other 4xx, kept as `rejected`).
 *
 * Nothing doubled: the id is the draft's response id, so a second submit adds nothing; a
 * record is claimed in an IndexedDB transaction before it is sent (its `nextAttemptAt` becomes
 * a lease), so two tabs, or two flushes in one page, never send it at the same time; and the
 * server sees the same `Idempotency-Key` on every retry.
 * One flusher at a time: `navigator.locks` across tabs where it exists, else a mutex within the
 * page only — then the claim alone keeps other tabs from sending the same record.
 */
import type {Store} from '../store/store.js';
import type {OutboxRecord} from '../store/types.js';
import type {BodyFormat} from './formats.js';
import {nextDelay, type BackoffOptions} from './backoff.js';
import {send, SEND_TIMEOUT_MS, type SendResult} from './send.js';

export const OUTBOX_LOCK = 'rs-outbox';

/** Runs `task` while holding the lock `name`, one holder at a time. */
export type Lock = <T>(name: string, task: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

const mutexes = new Map<string, Promise<unknown>>();

/** A mutex within this page only. */
export const pageLock: Lock = (name, task, signal) => {
  const start = () => {
    signal?.throwIfAborted();
    return task();
  };
  // After the previous holder, whether its task succeeded or failed.
  const run = (mutexes.get(name) ?? Promise.resolve()).then(start, start);
  const tail = run.catch(() => {});
  mutexes.set(name, tail);
  void tail.then(() => {
    if (mutexes.get(name) === tail) mutexes.delete(name);
  });
  return run;
};

/** `navigator.locks` (shared by the tabs of an origin) where available, else `pageLock`. */
export const defaultLock: Lock = (name, task, signal) => {
  // Not in Node, nor outside secure contexts.
  const locks = globalThis.navigator?.locks;
  return locks ? locks.request(name, {signal}, task) : pageLock(name, task, signal);
};

export interface EnqueueInput {
  readonly id: string;
  readonly url: string;
  readonly format: BodyFormat;
  readonly body: string;
  readonly headers?: {readonly [name: string]: string};
  readonly credentials?: RequestCredentials;
}

/** Stores a response for delivery; a second call with the same id changes nothing. */
export async function enqueue(
  store: Store,
  input: EnqueueInput,
  now: number = Date.now(),
): Promise<{record: OutboxRecord; added: boolean}> {
  const record: OutboxRecord = {
    id: input.id,
    url: input.url,
    format: input.format,
    body: input.body,
    // A token must not outlive the page on a shared computer, nor go stale in storage.
    headers: {},
    headerNames: Object.keys(input.headers ?? {}),
    credentials: input.credentials ?? 'same-origin',
    attempts: 0,
    nextAttemptAt: now,
    status: 'pending',
    lastError: null,
    createdAt: new Date(now).toISOString(),
  };
  const added = await store.addOutbox(record);
  return {record: added ? record : ((await store.getOutbox(input.id)) ?? record), added};
}

/** Puts a rejected record back in line (after the page fixed what the server refused). */
export function requeue(
  store: Store,
  id: string,
  now: number = Date.now(),
): Promise<OutboxRecord | undefined> {
  return store.updateOutbox(id, (r) =>
    r.status === 'rejected' ? {...r, status: 'pending', nextAttemptAt: now} : undefined,
  );
}

export interface FlushOptions {
  readonly fetch: typeof fetch;
  readonly now?: () => number;
  readonly lock?: Lock;
  /** After each attempt, with the record as it now stands (as it was, when delivered). */
  readonly onResult?: (record: OutboxRecord, result: SendResult) => void;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
  /**
   * The page's extra headers for a record that needs them (`headerNames`), or undefined when
   * this flusher cannot supply them (another survey's endpoint): the record then waits for one
   * that can.
   */
  readonly headersFor?: (record: OutboxRecord) => {readonly [name: string]: string} | undefined;
}

export interface FlushSummary {
  readonly delivered: string[];
  readonly retrying: string[];
  readonly rejected: string[];
  /** When the next pending record is due (epoch ms), or null when none waits. */
  readonly nextAttemptAt: number | null;
}

// Ids being sent from this page, whatever store or lock the caller used.
const sending = new Set<string>();

// A claimed record is not due again before its attempt has certainly ended.
const LEASE_SLACK_MS = 5000;

/** Sends every due pending record once. Rejects only when `signal` aborts. */
export function flushOutbox(store: Store, options: FlushOptions): Promise<FlushSummary> {
  const {lock = defaultLock, signal} = options;
  return lock(OUTBOX_LOCK, () => flushHeld(store, options), signal);
}

async function flushHeld(store: Store, options: FlushOptions): Promise<FlushSummary> {
  const {now = Date.now, timeoutMs = SEND_TIMEOUT_MS, signal, onResult} = options;
  const summary: Omit<FlushSummary, 'nextAttemptAt'> = {delivered: [], retrying: [], rejected: []};
  const extra = (r: OutboxRecord) =>
    r.headerNames?.length ? options.headersFor?.(r) : ({} as {readonly [name: string]: string});
  const mine = (r: OutboxRecord) => r.status === 'pending' && extra(r) !== undefined;
  const due = (await store.listOutbox()).filter(
    (r) => mine(r) && r.nextAttemptAt <= now() && !sending.has(r.id),
  );
  for (const candidate of due) {
    signal?.throwIfAborted();
    if (sending.has(candidate.id)) continue;
    sending.add(candidate.id);
    try {
      const claimedAt = now();
      const record = await store.updateOutbox(candidate.id, (r) =>
        r.status === 'pending' && r.nextAttemptAt <= claimedAt
          ? {...r, attempts: r.attempts + 1, nextAttemptAt: claimedAt + timeoutMs + LEASE_SLACK_MS}
          : undefined,
      );
      // Delivered, rejected or claimed by another tab since the list was read.
      if (!record) continue;
      let result: SendResult;
      try {
        result = await send(
          {...record, headers: {...record.headers, ...extra(record)}},
          {fetch: options.fetch, signal, timeoutMs, now},
        );
      } catch (error) {
        // Aborted by the caller: due again at once, for whoever flushes next.
        await store.updateOutbox(record.id, (r) => ({...r, nextAttemptAt: now()}));
        throw error;
      }
      let after: OutboxRecord = record;
      if (result.kind === 'delivered') {
        await store.deleteOutbox(record.id);
      } else {
        const {message} = result;
        const change =
          result.kind === 'rejected'
            ? {status: 'rejected' as const}
            : {
                nextAttemptAt:
                  now() +
                  nextDelay(record.attempts, result.retryAfterMs, options.random, options.backoff),
              };
        after =
          (await store.updateOutbox(record.id, (r) => ({...r, ...change, lastError: message}))) ??
          record;
      }
      summary[result.kind === 'retry' ? 'retrying' : result.kind].push(record.id);
      onResult?.(after, result);
    } finally {
      sending.delete(candidate.id);
    }
  }
  // What only another survey can send is not this flusher's to wait for.
  const waiting = (await store.listOutbox()).filter(mine);
  return {
    ...summary,
    nextAttemptAt: waiting.length ? Math.min(...waiting.map((r) => r.nextAttemptAt)) : null,
  };
}
