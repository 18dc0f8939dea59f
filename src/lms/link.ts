import type {XapiAgent} from '../transport/xapi.js';

/** What a cmi5 LMS hands the page in its launch address. */
export interface Cmi5Launch {
  readonly endpoint: string;
  readonly fetch: string;
  readonly actor: XapiAgent;
  readonly registration: string;
  readonly activityId: string;
}

/** What a survey keeps of the LMS that launched it: how to report completion, nothing more. */
export interface LmsLink {
  /** The cmi5 launch, when cmi5 launched the page (its record store may receive xAPI). */
  readonly launch?: Cmi5Launch;
  /** Tells the LMS the person finished. Answer text never goes to an LMS. */
  complete(): Promise<void>;
}
