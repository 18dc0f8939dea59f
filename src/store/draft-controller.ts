/**
 * Autosave for a survey in progress, as a Lit reactive controller.
 *
 * `set()` only remembers the latest answers (no copying, no serialising, no awaiting), so
 * typing is never slowed; the write happens after a pause in typing (`debounceMs`), at the
 * latest `maxWaitMs` after the first unsaved change, and at once when the page is hidden or
 * left (`visibilitychange`, `pagehide`) or on `flushNow()`. Writes run one at a time.
 *
 * Cross-tab policy (the same survey open in two tabs or windows of one browser):
 * - every write is announced on a `BroadcastChannel` per storage key, with the tab id, a
 *   per-tab monotonic revision and the draft itself;
 * - newest write wins per key: the stored draft is whatever was written last;
 * - a tab that hears of a newer write adopts its identity (`responseId`, `startedAt`) so both
 *   tabs submit the same response id, and the outbox keeps one record;
 * - if it has no unsaved edits it also adopts the answers and calls
 *   `onRemoteChange(draft, {localEdits: false})`: the element re-renders them;
 * - if it has unsaved edits it keeps them and calls `onRemoteChange(draft, {localEdits: true})`:
 *   the element should tell the person the survey is open elsewhere; its next write wins;
 * - a draft deleted elsewhere (cleared, or submitted and removed) gives `onRemoteChange(null, …)`
 *   and, without local edits, a fresh empty draft here.
 * Without BroadcastChannel the tabs do not hear each other and the last write still wins.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {Answers} from '../instrument/types.js';
import {realClock, type Clock} from '../internal/clock.js';
import {newDraft, StorageUnavailableError, type Store} from './store.js';
import type {Draft, DraftInit} from './types.js';
import {uuid} from './uuid.js';

export type {DraftInit} from './types.js';

export interface RemoteChangeInfo {
  /** This tab had edits not yet written, and kept them. */
  readonly localEdits: boolean;
  /** The id of the tab that wrote. */
  readonly tabId: string;
}

export interface DraftControllerOptions {
  /** After each write: the element fires `rs-draft-saved` `{savedAt}`. */
  onSaved?: (savedAt: string) => void;
  /** Another tab wrote (or deleted) the same draft; see the cross-tab policy above. */
  onRemoteChange?: (draft: Draft | null, info: RemoteChangeInfo) => void;
  /** Storage failed; the draft is kept in memory. The element fires `storage-unavailable`. */
  onError?: (error: StorageUnavailableError) => void;
  /** Quiet time after the last change before writing. */
  debounceMs?: number;
  /** Longest time an unsaved change waits while typing goes on. */
  maxWaitMs?: number;
  /** Identifies this tab in announcements; random when absent. */
  tabId?: string;
  /** Timers and the time of day (tests hand in a fake one). */
  clock?: Clock;
  now?: () => Date;
}

interface Announcement {
  readonly type: 'saved' | 'deleted';
  readonly key: string;
  readonly tabId: string;
  readonly revision: number;
  readonly draft?: Draft;
}

let revisions = 0;

/**
 * The writes of every controller on the page, by draft key: a survey that mounts again (a
 * framework's re-render, a test's reload) reads its draft after the old one's last writes,
 * not before them.
 */
const writing = new Map<string, Promise<void>>();

export class DraftController implements ReactiveController {
  readonly tabId: string;
  readonly #debounceMs: number;
  readonly #maxWaitMs: number;
  readonly #now: () => Date;
  readonly #clock: Clock;
  #store: Store | undefined;
  #current: Draft | undefined;
  #pending: {answers: Answers; page: string} | undefined;
  #debounceTimer: unknown;
  #changedAt = 0;
  #maxWaitTimer: unknown;
  #writes: Promise<void> = Promise.resolve();
  #writing = 0;
  #channel: BroadcastChannel | undefined;
  /** While the host is connected; aborting it removes the page listeners. */
  #connection: AbortController | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #seen = new Map<string, number>();
  #savedAt: string | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #options: DraftControllerOptions;

  constructor(host: ReactiveControllerHost, options: DraftControllerOptions = {}) {
    this.#host = host;
    this.#options = options;
    this.tabId = options.tabId ?? uuid();
    // Short enough that a keystroke is on disk well within 50 ms, long enough to fold a burst
    // of input events (autofill, paste, fast typing) into one write.
    this.#debounceMs = options.debounceMs ?? 25;
    this.#maxWaitMs = options.maxWaitMs ?? 2000;
    const clock = (this.#clock = options.clock ?? realClock);
    this.#now = options.now ?? (() => new Date(clock.now()));
    host.addController(this);
  }

  /** The draft as last written or adopted (without changes still waiting to be written). */
  get draft(): Draft | undefined {
    return this.#current;
  }

  /** When this tab last wrote the draft. */
  get lastSavedAt(): string | undefined {
    return this.#savedAt;
  }

  /** Changes are waiting to be written, or being written. */
  get hasUnsavedEdits(): boolean {
    return this.#pending !== undefined || this.#writing > 0;
  }

  hostConnected(): void {
    this.#connection = new AbortController();
    const {signal} = this.#connection;
    const flush = () => void this.flushNow();
    addEventListener('pagehide', flush, {signal});
    document.addEventListener(
      'visibilitychange',
      () => document.visibilityState === 'hidden' && flush(),
      {signal},
    );
    this.#listen();
  }

  hostDisconnected(): void {
    this.#connection?.abort();
    this.#connection = undefined;
    void this.flushNow();
    this.#hangUp();
  }

  /**
   * Restores the stored draft for `init.key`, or starts a new one (with a new response id)
   * when there is none or the stored one was already submitted. Nothing is written until
   * the first `set()`.
   */
  async open(
    store: Store,
    init: DraftInit,
  ): Promise<{draft: Draft; restored: boolean; stored: Draft | undefined}> {
    await this.flushNow();
    this.#unsubscribe?.();
    this.#store = store;
    this.#unsubscribe = store.onFallback((error) => this.#options.onError?.(error));
    let stored: Draft | undefined;
    try {
      await writing.get(init.key);
      stored = await store.getDraft(init.key);
    } catch (error) {
      this.#failed(error);
    }
    const restored = stored !== undefined && !stored.submitted && stored.packId === init.packId;
    this.#current = restored ? stored : this.#fresh(init);
    this.#hangUp();
    this.#listen();
    // Changes made before the draft was open are newer than what was stored.
    if (this.#pending) this.set(this.#pending.answers, this.#pending.page);
    this.#host.requestUpdate();
    return {draft: this.#current!, restored, stored};
  }

  /**
   * Remembers the latest answers; cheap enough to call on every input event. `answers` is
   * kept by reference until written, so pass a new object for each change (do not mutate).
   */
  set(answers: Answers, page: string): void {
    this.#pending = {answers, page};
    this.#changedAt = this.#clock.now();
    // One timer per pause rather than one per keystroke: `quiet` re-arms for what remains.
    this.#debounceTimer ??= this.#clock.setTimeout(this.#quiet, this.#debounceMs);
    this.#maxWaitTimer ??= this.#clock.setTimeout(() => this.flushNow(), this.#maxWaitMs);
  }

  readonly #quiet = (): Promise<void> | undefined => {
    this.#debounceTimer = undefined;
    const remaining = this.#changedAt + this.#debounceMs - this.#clock.now();
    if (remaining > 1) this.#debounceTimer = this.#clock.setTimeout(this.#quiet, remaining);
    else return this.flushNow();
  };

  /** Writes waiting changes now; resolves when they (and any write before them) are stored. */
  flushNow(): Promise<void> {
    this.#clock.clearTimeout(this.#debounceTimer);
    this.#clock.clearTimeout(this.#maxWaitTimer);
    this.#debounceTimer = this.#maxWaitTimer = undefined;
    if (!this.#pending || !this.#current || !this.#store) return this.#writes;
    const {answers, page} = this.#pending;
    this.#pending = undefined;
    return this.#write({answers, page});
  }

  /** Marks the draft submitted (after the response is in the outbox), so it is not restored. */
  async markSubmitted(): Promise<void> {
    await this.flushNow();
    if (!this.#current || !this.#store) return;
    await this.#write({submitted: true});
  }

  /** Deletes the stored draft and starts a new, empty one (`clearDraft()`). */
  async discard(): Promise<Draft | undefined> {
    this.#pending = undefined;
    await this.flushNow();
    if (!this.#current || !this.#store) return undefined;
    const {key} = this.#current;
    try {
      await this.#store.deleteDraft(key);
    } catch (error) {
      this.#failed(error);
    }
    this.#current = this.#fresh(this.#current);
    this.#announce('deleted', key);
    this.#host.requestUpdate();
    return this.#current;
  }

  /** Writes the current draft with `change`, after the writes before it. */
  #write(change: Partial<Draft>): Promise<void> {
    const store = this.#store!;
    const draft: Draft = {...this.#current!, ...change, updatedAt: this.#now().toISOString()};
    this.#writing++;
    this.#writes = this.#writes.then(async () => {
      try {
        await store.putDraft(draft);
        this.#current = draft;
        this.#savedAt = draft.updatedAt;
        this.#announce('saved', draft.key, draft);
        this.#options.onSaved?.(draft.updatedAt);
      } catch (error) {
        // Keep the answers for the next write unless newer ones already wait.
        this.#pending ??= {answers: draft.answers, page: draft.page};
        this.#failed(error);
      } finally {
        // No update of the host: it hears of the write through `onSaved` or `onError`, and
        // re-renders only if what it shows changed (typing saves every pause).
        this.#writing--;
      }
    });
    writing.set(draft.key, this.#writes);
    return this.#writes;
  }

  #listen(): void {
    if (!this.#connection || this.#channel || !this.#current) return;
    if (typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`rs-draft:${this.#current.key}`);
    this.#channel.addEventListener('message', this.#onMessage);
  }

  #hangUp(): void {
    this.#channel?.close();
    this.#channel = undefined;
  }

  #announce(type: Announcement['type'], key: string, draft?: Draft): void {
    const message: Announcement = {type, key, tabId: this.tabId, revision: ++revisions, draft};
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A draft that cannot be cloned into a message is still stored; other tabs miss one notice.
    }
  }

  readonly #onMessage = (event: MessageEvent<Announcement>) => {
    const message = event.data;
    if (!message || message.tabId === this.tabId || message.key !== this.#current?.key) return;
    if ((this.#seen.get(message.tabId) ?? 0) >= message.revision) return;
    this.#seen.set(message.tabId, message.revision);
    const localEdits = this.hasUnsavedEdits;
    const info = {localEdits, tabId: message.tabId};
    if (message.type === 'deleted') {
      if (!localEdits) this.#current = this.#fresh(this.#current);
      this.#options.onRemoteChange?.(null, info);
      this.#host.requestUpdate();
      return;
    }
    const remote = message.draft;
    if (!remote || remote.updatedAt < this.#current.updatedAt) return;
    const {responseId, startedAt} = remote;
    this.#current = localEdits ? {...this.#current, responseId, startedAt} : remote;
    this.#options.onRemoteChange?.(remote, info);
    this.#host.requestUpdate();
  };

  /** A new, empty draft (with a new response id) in the place of `init`. */
  #fresh(init: DraftInit): Draft {
    return newDraft(init, uuid(), this.#now());
  }

  #failed(error: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.#options.onError?.(
      error instanceof StorageUnavailableError
        ? error
        : new StorageUnavailableError(`Draft not stored (${detail})`, {cause: error}),
    );
  }
}
