/**
 * Tells an LMS about the attempt: cmi5 when the page asks for it (it sends requests to hosts
 * named in the page's address), else SCORM when an API is found up the frame chain or the
 * opener. The bridges load only in those cases. Completion only: answer text never goes to an
 * LMS.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {SurveyErrorDetail} from '../../events.js';
import type {LmsLink} from '../../lms/link.js';

export interface LmsOptions {
  readonly mode: () => 'auto' | 'cmi5' | 'none';
  readonly fetch: () => typeof fetch;
  /** An LMS was found but could not be told (`lms-unavailable`). */
  readonly onError: (detail: SurveyErrorDetail) => void;
}

export class LmsController implements ReactiveController {
  #link?: Promise<LmsLink | undefined>;
  readonly #options: LmsOptions;

  constructor(host: ReactiveControllerHost, options: LmsOptions) {
    this.#options = options;
    host.addController(this);
  }

  readonly #failed = (error: unknown) =>
    this.#options.onError({
      code: 'lms-unavailable',
      message: String((error as Error)?.message ?? error),
    });

  hostConnected(): void {
    this.#link ??= this.#connect();
  }

  /** The cmi5 launch's record store, when cmi5 launched the page. */
  async lrs() {
    return (await this.#link)?.launch;
  }

  async complete(): Promise<void> {
    try {
      await (await this.#link)?.complete();
    } catch (error) {
      this.#failed(error);
    }
  }

  async #connect(): Promise<LmsLink | undefined> {
    const {mode, fetch} = this.#options;
    try {
      if (mode() === 'cmi5') {
        const {connectCmi5} = await import('../../lms/cmi5.js');
        return connectCmi5(fetch(), this.#failed);
      }
      // A top-level page that nothing opened has no SCORM API to find.
      if (mode() !== 'none' && (window.parent !== window || window.opener)) {
        const {connectScorm} = await import('../../lms/scorm.js');
        return connectScorm(window);
      }
    } catch (error) {
      this.#failed(error);
    }
    return undefined;
  }
}
