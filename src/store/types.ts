import type {Answers} from '../instrument/types.js';

/** A body format's name (`transport/formats.ts` knows them; storage keeps the name). */
type BodyFormat = string;

/** A survey in progress, autosaved on the device until the person submits or clears it. */
export interface Draft {
  /** The storage key: see `storageKey()`. */
  readonly key: string;
  readonly packId: string;
  readonly packVersion: string;
  readonly timepoint: string;
  readonly participant: string | null;
  /** Fixed when the draft starts; becomes the response `id` and the `Idempotency-Key`. */
  readonly responseId: string;
  readonly answers: Answers;
  /** Where the person was (a section id, `consent`, `review`…). */
  readonly page: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Set once the response is in the outbox (or kept locally); such a draft is not restored. */
  readonly submitted?: boolean;
}

/** Where a draft belongs: what a new draft takes from the old one, never its answers. */
export type DraftInit = Pick<Draft, 'key' | 'packId' | 'packVersion' | 'timepoint' | 'participant'>;

export const outboxStatuses = ['pending', 'rejected'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** A finished response waiting to be delivered: the whole request, ready to repeat. */
export interface OutboxRecord {
  /** The response id, also the `Idempotency-Key`. */
  readonly id: string;
  readonly url: string;
  readonly format: BodyFormat;
  /** The serialised body: strings store everywhere (WebKitGTK's automation mode refuses Blobs). */
  readonly body: string;
  /** Headers to send as they are. Page headers are not kept here: see `headerNames`. */
  readonly headers: {readonly [name: string]: string};
  /**
   * Names of the page's extra headers (a CSRF token, an `Authorization`). Their values are not
   * stored on the device: a survey configured with this endpoint supplies them when it sends.
   */
  readonly headerNames?: readonly string[];
  readonly credentials: RequestCredentials;
  /** Attempts started so far. */
  readonly attempts: number;
  /** Epoch ms; not sent before. While a send runs this is its lease, so no other tab sends it. */
  readonly nextAttemptAt: number;
  readonly status: OutboxStatus;
  readonly lastError: string | null;
  readonly createdAt: string;
}

/** A response kept on the device in local mode (no `endpoint`), for download. */
export interface LocalResponse {
  readonly id: string;
  readonly format: BodyFormat;
  readonly body: string;
  readonly savedAt: string;
  /**
   * The response as `format="json"` has it, when `body` is in another format: what the
   * person downloads from the thank-you page after a reload.
   */
  readonly response?: string;
}

/** Drafts untouched for this long are deleted by `expireDrafts()`. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Returns the record to store instead of `current`, or `undefined` to leave it as it is. */
export type OutboxUpdate = (current: OutboxRecord) => OutboxRecord | undefined;

export interface Store {
  /** False when data lives in memory only and goes with the page. */
  readonly persistent: boolean;
  getDraft(key: string): Promise<Draft | undefined>;
  listDrafts(): Promise<Draft[]>;
  putDraft(draft: Draft): Promise<void>;
  deleteDraft(key: string): Promise<void>;
  /** Deletes drafts not updated for `maxAgeMs`; resolves to how many went. */
  expireDrafts(maxAgeMs?: number, now?: number): Promise<number>;
  /** Adds unless a record with the same id exists (a second submit); resolves to whether it added. */
  addOutbox(record: OutboxRecord): Promise<boolean>;
  getOutbox(id: string): Promise<OutboxRecord | undefined>;
  /** Oldest first. */
  listOutbox(): Promise<OutboxRecord[]>;
  /** Reads and writes in one transaction, so two tabs cannot both claim a record. */
  updateOutbox(id: string, update: OutboxUpdate): Promise<OutboxRecord | undefined>;
  deleteOutbox(id: string): Promise<void>;
  addLocal(response: LocalResponse): Promise<boolean>;
  listLocal(): Promise<LocalResponse[]>;
  deleteLocal(id: string): Promise<void>;
  /** Deletes everything the widget stored on this device: drafts, outbox, local responses. */
  clearEverything(): Promise<void>;
  /** Called once if the store falls back to memory; returns an unsubscribe function. */
  onFallback(listener: (error: StorageUnavailableError) => void): () => void;
  close(): void;
}

/** Storage stopped working; the element reports it as `rs-error` `storage-unavailable`. */
export class StorageUnavailableError extends Error {
  readonly code = 'storage-unavailable' as const;
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

export const byCreated = (a: OutboxRecord, b: OutboxRecord) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

export const cutoff = (maxAgeMs: number, now: number) => new Date(now - maxAgeMs).toISOString();
