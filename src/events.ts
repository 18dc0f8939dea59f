// The events of <rs-survey>: one typed map, used by the element to fire them and by pages
// (and the generated framework types) to listen to them. Every event bubbles and is composed.
import type {PackProblem} from './instrument/types.js';
import type {ResponseBody} from './transport/body-json.js';
import type {BodyFormat} from './transport/formats.js';

/** Body formats an endpoint can receive (`transport/formats.ts`). */
export type ResponseFormat = BodyFormat;

/** `rs-error` codes (the contract names at least these). */
export type SurveyErrorCode =
  | 'instrument-invalid'
  | 'instrument-unreachable'
  | 'timepoint-unknown'
  | 'endpoint-invalid'
  | 'storage-unavailable'
  | 'delivery-rejected'
  /** The pack asks for something the widget does not do (FHIR features it leaves out). */
  | 'instrument-warning'
  /** Submitting could not start (offline before the code for sending had loaded); nothing is lost. */
  | 'submit-failed'
  /** An LMS was found (SCORM, cmi5) but could not be told about the attempt. */
  | 'lms-unavailable'
  /** `format` is none of json, fhir, xapi: the JSON body is sent. */
  | 'format-unknown';

/** `rs-error`: something the person or the page must know about. */
export interface SurveyErrorDetail {
  code: SurveyErrorCode;
  message: string;
  /** For `instrument-invalid`: the JSON path at fault and every problem found. */
  path?: string;
  problems?: readonly PackProblem[];
}

/** `rs-ready`: the instrument loaded and rendered. */
export interface ReadyDetail {
  instrument: {id: string; version: string};
  timepoint: string;
  restored: boolean;
}

/** `rs-draft-saved`: a change is stored on the device (an ISO 8601 time). */
export interface DraftSavedDetail {
  savedAt: string;
}

/** `rs-submit`: before sending; cancelling the event sends nothing and keeps the draft. */
export interface SubmitDetail {
  response: ResponseBody;
}

/** `rs-queued`: the response is in the outbox, not yet delivered. */
export interface QueuedDetail {
  id: string;
}

/**
 * `rs-submitted`: the endpoint accepted the response (`status` is the HTTP status, or 0
 * when another tab delivered it), or local mode stored it (`'stored'`).
 */
export interface SubmittedDetail {
  id: string;
  status: number | 'stored';
}

/** Every event `<rs-survey>` fires, by type. */
export interface RsSurveyEventMap {
  'rs-ready': CustomEvent<ReadyDetail>;
  'rs-draft-saved': CustomEvent<DraftSavedDetail>;
  'rs-submit': CustomEvent<SubmitDetail>;
  'rs-queued': CustomEvent<QueuedDetail>;
  'rs-submitted': CustomEvent<SubmittedDetail>;
  'rs-error': CustomEvent<SurveyErrorDetail>;
}

declare global {
  // The events bubble and are composed, so any element up the tree, the document and the
  // window hear them.
  /* eslint-disable @typescript-eslint/no-empty-object-type */
  interface HTMLElementEventMap extends RsSurveyEventMap {}
  interface DocumentEventMap extends RsSurveyEventMap {}
  interface WindowEventMap extends RsSurveyEventMap {}
  /* eslint-enable @typescript-eslint/no-empty-object-type */
}
