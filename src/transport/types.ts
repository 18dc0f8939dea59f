/** The shapes of transport: the response, and what each body format turns into a request. */
import type {FhirLink} from '../instrument/fhir.js';
import type {Answers, Pack, Score} from '../instrument/types.js';

export const RESPONSE_SCHEMA = 'resilience-survey/response@1';

export interface ResponseBody {
  readonly schema: typeof RESPONSE_SCHEMA;
  readonly id: string;
  readonly instrument: {readonly id: string; readonly version: string};
  readonly timepoint: string;
  readonly participant: string | null;
  readonly locale: string;
  readonly startedAt: string;
  readonly submittedAt: string;
  readonly answers: Answers;
  readonly scores: {readonly [id: string]: Score};
  readonly client: {readonly version: string};
}

/** What each body format (`formats.ts`) turns into a request: the response and its context. */
export interface RequestInput {
  readonly response: ResponseBody;
  readonly pack: Pack;
  /** How answers map back to a FHIR Questionnaire's linkIds, when the pack was one. */
  readonly fhir?: FhirLink;
  /** The endpoint, when the response may be sent to it (none: it stays on the device). */
  readonly url?: string;
  /** The page's origin (an xAPI account's home page). */
  readonly origin: string;
  /** The record store of a cmi5 launch, when an LMS launched the survey. */
  readonly lrs?: {
    readonly endpoint: string;
    readonly activityId: string;
    readonly registration: string;
  };
}

/** The body to send, and where (xAPI posts below the endpoint, to `/statements`). */
export interface BodyRequest {
  readonly body: string;
  readonly url: string | undefined;
}
