import type {Cmi5Launch} from './cmi5.js';

/** What a survey keeps of the LMS that launched it: how to report completion, nothing more. */
export interface LmsLink {
  /** The cmi5 launch, when cmi5 launched the page (its record store may receive xAPI). */
  readonly launch?: Cmi5Launch;
  /** Tells the LMS the person finished. Answer text never goes to an LMS. */
  complete(): Promise<void>;
}
