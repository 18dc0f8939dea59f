import type {Answers} from '../instrument/types.js';

/** The body formats an endpoint can ask for (`format` attribute). */
export const bodyFormats = ['json', 'fhir', 'xapi'] as const;
export type BodyFormat = (typeof bodyFormats)[number];

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
