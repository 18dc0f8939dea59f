/**
 * Delivery as a Lit reactive controller: flushes the outbox when the host connects, when the
 * browser comes back `online`, when the page becomes visible again, when the next retry is
 * due, and on `flush()`. Keeps a status for the interface and reports what the element turns
 * into `rs-queued`, `rs-submitted` and `rs-error` (`delivery-rejected`).
 *
 * The status covers the responses this page queued, and those it found waiting when it
 * first flushed (a response from before a reload). The outbox itself is shared by every
 * widget of the origin, so one flush also delivers other pages' responses.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {realClock, type Clock} from '../internal/clock.js';
import type {Store} from '../store/store.js';
import type {LocalResponse} from '../store/types.js';
import {
  enqueue,
  flushOutbox,
  type EnqueueInput,
  type FlushOptions,
  type FlushSummary,
} from './outbox.js';
import type {SendResult} from './send.js';

export const deliveryStatuses = [
  'idle',
  'saved-locally',
  'sending',
  'sent',
  'offline-waiting',
  'rejected',
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** What the flusher takes (`fetch` defaults to the page's), and what the element hears. */
export interface DeliveryControllerOptions extends Partial<
  Omit<FlushOptions, 'onResult' | 'signal'>
> {
  /** The response is in the outbox (once per id): `rs-queued`. */
  readonly onQueued?: (detail: {id: string}) => void;
  /**
   * The endpoint took it: `rs-submitted`. `status` is the HTTP status, or 0 when another tab
   * delivered it.
   */
  readonly onSubmitted?: (detail: {id: string; status: number}) => void;
  /** A 4xx that retrying will not fix: `rs-error`. The record stays in the outbox. */
  readonly onError?: (detail: {code: 'delivery-rejected'; message: string; id: string}) => void;
  readonly onStatus?: (status: DeliveryStatus) => void;
  /** The retry timer and, unless `now` is given, the time (tests hand in a fake one). */
  readonly clock?: Clock;
}

type Watched = 'queued' | 'waiting' | 'delivered' | 'rejected' | 'local';

export class DeliveryController implements ReactiveController {
  #store: Store | undefined;
  readonly #watched = new Map<string, Watched>();
  #flushing = false;
  #running: Promise<FlushSummary | undefined> | undefined;
  #queuedRun: Promise<FlushSummary | undefined> | undefined;
  #timer: unknown;
  #abort: AbortController | undefined;
  #adoptedWaiting = false;
  #lastStatus: DeliveryStatus = 'idle';

  readonly #host: ReactiveControllerHost;
  readonly #options: DeliveryControllerOptions;

  readonly #clock: Clock;
  readonly #now: () => number;

  constructor(host: ReactiveControllerHost, options: DeliveryControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    const clock = (this.#clock = options.clock ?? realClock);
    this.#now = options.now ?? (() => clock.now());
    host.addController(this);
  }

  get status(): DeliveryStatus {
    const states = new Set(this.#watched.values());
    if (states.has('rejected')) return 'rejected';
    const waiting = states.has('queued') || states.has('waiting');
    if (waiting && this.#flushing) return 'sending';
    if (states.has('waiting') || (waiting && navigator.onLine === false)) return 'offline-waiting';
    if (states.has('queued') || states.has('local')) return 'saved-locally';
    if (states.has('delivered')) return 'sent';
    return 'idle';
  }

  /** Uses `store` from now on (the element opens it asynchronously) and flushes. */
  attach(store: Store): void {
    this.#store = store;
    if (this.#abort) void this.flush();
  }

  hostConnected(): void {
    this.#abort = new AbortController();
    // The same signal removes these listeners when the host leaves.
    const {signal} = this.#abort;
    const flush = () => void this.flush();
    addEventListener('online', flush, {signal});
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'visible' && flush(),
      {signal},
    );
    if (this.#store) flush();
  }

  hostDisconnected(): void {
    this.#clock.clearTimeout(this.#timer);
    // The claimed record is released for the next page or tab.
    this.#abort?.abort();
    this.#abort = undefined;
  }

  /**
   * Puts a finished response in the outbox and starts sending it. A second call with the same
   * id (a double click) adds nothing and reports nothing new.
   */
  async enqueue(input: EnqueueInput): Promise<boolean> {
    const store = this.#requireStore();
    const {added, record} = await enqueue(store, input, this.#now());
    if (record.status === 'rejected') this.#watch(record.id, 'rejected');
    else if (!this.#watched.has(record.id) || added) this.#watch(record.id, 'queued');
    if (added) this.#options.onQueued?.({id: record.id});
    void this.flush();
    return added;
  }

  /** Local mode (no endpoint): keeps the response on the device for download. */
  async keepLocally(response: LocalResponse): Promise<boolean> {
    const added = await this.#requireStore().addLocal(response);
    this.#watch(response.id, 'local');
    return added;
  }

  /**
   * Sends whatever is due now (while the host is connected). Calls while a flush runs share
   * one follow-up flush, so records queued meanwhile are not left for the timer.
   */
  flush(): Promise<FlushSummary | undefined> {
    if (!this.#running) {
      return (this.#running = this.#run().finally(() => {
        this.#running = undefined;
      }));
    }
    const next = () => {
      this.#queuedRun = undefined;
      return this.flush();
    };
    return (this.#queuedRun ??= this.#running.then(next, next));
  }

  #requireStore(): Store {
    if (!this.#store) throw new Error('DeliveryController: attach(store) first');
    return this.#store;
  }

  async #run(): Promise<FlushSummary | undefined> {
    const store = this.#store;
    const signal = this.#abort?.signal;
    // Not while disconnected: a page that left must not keep sending from a stale view.
    if (!store || !signal) return undefined;
    this.#clock.clearTimeout(this.#timer);
    if (!this.#adoptedWaiting) {
      // Responses left waiting by an earlier visit belong to this person's view too. Storage
      // that fails here fails the flush as below would, and the next flush looks again.
      const waiting = await store.listOutbox().catch(() => undefined);
      if (!waiting) return undefined;
      this.#adoptedWaiting = true;
      for (const record of waiting) {
        if (record.status === 'pending' && !this.#watched.has(record.id)) {
          this.#watched.set(record.id, record.attempts ? 'waiting' : 'queued');
        }
      }
    }
    if (navigator.onLine === false) {
      this.#changed();
      return undefined;
    }
    this.#flushing = true;
    this.#changed();
    try {
      const summary = await flushOutbox(store, {
        ...this.#options,
        now: this.#now,
        fetch: this.#options.fetch ?? ((input, init) => fetch(input, init)),
        signal,
        onResult: this.#onResult,
      });
      // Another tab may have delivered (and deleted) what this page watches.
      for (const [id, state] of this.#watched) {
        if (state !== 'queued' && state !== 'waiting') continue;
        const record = await store.getOutbox(id);
        if (!record) this.#delivered(id, 0);
        else if (record.status === 'rejected') this.#rejected(id, record.lastError ?? '');
      }
      const at = summary.nextAttemptAt;
      // The timer was cleared above. setTimeout overflows past 2^31−1 ms (about 24.8 days).
      if (at !== null && this.#abort) {
        const delay = Math.min(Math.max(0, at - this.#now()), 2 ** 31 - 1);
        this.#timer = this.#clock.setTimeout(() => this.flush(), delay);
      }
      return summary;
    } catch {
      // Aborted (the host left the page) or storage failed: the records stay for next time.
      return undefined;
    } finally {
      this.#flushing = false;
      this.#changed();
    }
  }

  readonly #onResult = ({id}: {id: string}, result: SendResult) => {
    if (result.kind === 'delivered') this.#delivered(id, result.status);
    else if (result.kind === 'rejected') this.#rejected(id, result.message);
    else if (this.#watched.has(id)) this.#watch(id, 'waiting');
  };

  #delivered(id: string, status: number): void {
    this.#watch(id, 'delivered');
    this.#options.onSubmitted?.({id, status});
  }

  #rejected(id: string, message: string): void {
    this.#watch(id, 'rejected');
    this.#options.onError?.({code: 'delivery-rejected', message, id});
  }

  #watch(id: string, state: Watched): void {
    this.#watched.set(id, state);
    this.#changed();
  }

  #changed(): void {
    const status = this.status;
    if (status === this.#lastStatus) return;
    this.#lastStatus = status;
    this.#options.onStatus?.(status);
    this.#host.requestUpdate();
  }
}
